import { describe, expect, it } from 'vitest';
import type { PaymentRecord } from '../db/payments';
import type { AgreementRecord } from '../db/schema';
import { agreementsCsv, csvCell, paymentsCsv } from './csv';

const a: AgreementRecord = { id: 'a1', lender: '借呗, "花呗"', kind: 'extension', amountFen: 123_456, dueDate: '2026-12-15', createdAt: 1, updatedAt: 1 };
const b: AgreementRecord = { id: 'b1', lender: '=HYPERLINK("x")', kind: 'installment', amountFen: 5_000, dueDate: '2026-11-01', createdAt: 1, updatedAt: 1 };
const payment: PaymentRecord = { id: 'p1', agreementId: 'a1', dueDate: '2026-12-15', paidOn: '2026-11-20', amountFen: 123_456, coverage: 'full', recordedAt: 5 };

describe('CSV export', () => {
  it('starts with a BOM, quotes what needs quoting, and defuses formulas', () => {
    const text = agreementsCsv([a, b], new Map([['a1', [payment]]]));
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('平台,类型,金额（元）,到期日,已还（元）,还清日期,编号');
    // Sorted by due date.
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""x""\)",[^,]+,50\.00,2026-11-01,0\.00,,b1$/);
    expect(lines[2]).toMatch(/^"借呗, ""花呗""",[^,]+,1234\.56,2026-12-15,1234\.56,2026-11-20,a1$/);
    expect(lines[3]).toBe('');
  });

  it('lists payments with their lender', () => {
    const text = paymentsCsv([a], new Map([['a1', [payment]]]));
    const lines = text.slice(1).split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('"借呗, ""花呗""",2026-11-20,1234.56,全额,2026-12-15,,a1');
  });

  it('quotes line breaks and leaves plain cells alone', () => {
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('-5')).toBe("'-5");
  });
});
