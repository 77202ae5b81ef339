import { describe, expect, it } from 'vitest';
import { detailsDraftOf, validateDetailsDraft } from './agreement-details';

describe('validateDetailsDraft', () => {
  it('keeps only the fields of the chosen kind, trimmed, and drops empty ones', () => {
    const result = validateDetailsDraft('extension', { originalDueDate: '2026-11-30', reason: '  工资晚发 ', debitAccount: 'x', startDate: '' }, '2026-12-15');
    expect(result).toEqual({ ok: true, value: { originalDueDate: '2026-11-30', reason: '工资晚发' } });
  });

  it('refuses an original due date that is not before the new one', () => {
    expect(validateDetailsDraft('extension', { originalDueDate: '2026-12-15' }, '2026-12-15')).toEqual({
      ok: false,
      errors: { originalDueDate: 'not-before-due-date' },
    });
  });

  it('refuses a deferral end that is not after the application deadline', () => {
    expect(validateDetailsDraft('second-negotiation', { deferralEndDate: '2026-12-01' }, '2026-12-10')).toEqual({
      ok: false,
      errors: { deferralEndDate: 'not-after-due-date' },
    });
  });

  it('parses the waived amount into fen and refuses bad money', () => {
    expect(validateDetailsDraft('waiver', { waivedFen: '1,234.5' }, null)).toEqual({ ok: true, value: { waivedFen: 123_450 } });
    expect(validateDetailsDraft('waiver', { waivedFen: '12.345' }, null)).toEqual({ ok: false, errors: { waivedFen: 'too-many-decimals' } });
  });

  it('keeps ticked documents in the checklist order and refuses unknown ones', () => {
    expect(validateDetailsDraft('hardship', { documents: ['medical-records', 'income-proof'] }, null)).toEqual({
      ok: true,
      value: { documents: ['income-proof', 'medical-records'] },
    });
    expect(validateDetailsDraft('hardship', { documents: ['a-letter'] }, null).ok).toBe(false);
  });

  it('refuses a select value that is not an option', () => {
    expect(validateDetailsDraft('deferral', { scope: 'most' }, null)).toEqual({ ok: false, errors: { scope: 'unknown-option' } });
  });

  it('refuses text longer than 500 characters', () => {
    expect(validateDetailsDraft('settlement', { debitAccount: 'x'.repeat(501) }, null)).toEqual({ ok: false, errors: { debitAccount: 'too-long' } });
  });

  it('round-trips through the edit draft', () => {
    const result = validateDetailsDraft('waiver', { waivedFen: '88.8', condition: '月底前还清剩余' }, null);
    if (!result.ok) throw new Error('expected details');
    expect(validateDetailsDraft('waiver', detailsDraftOf(result.value), null)).toEqual(result);
  });
});
