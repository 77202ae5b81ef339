import { describe, expect, it } from 'vitest';
import { validateAgreementDraft } from './agreement-draft';

const valid = { lender: ' 网商贷 ', kind: 'extension', amount: '1,234.56', dueDate: '2026-12-01' };

describe('validateAgreementDraft', () => {
  it('turns a valid form into fields: trimmed lender, fen, calendar day', () => {
    expect(validateAgreementDraft(valid)).toEqual({
      ok: true,
      value: { lender: '网商贷', kind: 'extension', amountFen: 123456, dueDate: '2026-12-01' },
    });
  });

  it('reports every invalid field at once', () => {
    expect(validateAgreementDraft({ lender: '  ', kind: 'loan', amount: '-3', dueDate: '2026-02-30' })).toEqual({
      ok: false,
      errors: { lender: 'empty', kind: 'unknown', amount: 'negative', dueDate: 'invalid-date' },
    });
  });

  it('refuses too long a lender name and too many decimals', () => {
    const result = validateAgreementDraft({ ...valid, lender: '贷'.repeat(61), amount: '1.005' });
    expect(result).toEqual({ ok: false, errors: { lender: 'too-long', amount: 'too-many-decimals' } });
  });

  it('refuses an empty due date', () => {
    expect(validateAgreementDraft({ ...valid, dueDate: '' })).toEqual({ ok: false, errors: { dueDate: 'empty' } });
  });
});
