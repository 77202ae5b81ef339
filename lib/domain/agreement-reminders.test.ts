import { describe, expect, it } from 'vitest';
import { agreementSchema } from './agreement';
import { DEFAULT_REMINDERS_DRAFT, remindersDraftOf, remindersOff, validateAgreementRemindersDraft } from './agreement-reminders';

describe("an agreement's own reminder choices", () => {
  it('on with an empty field: as in the settings', () => {
    expect(validateAgreementRemindersDraft(DEFAULT_REMINDERS_DRAFT)).toEqual({ ok: true, value: {} });
    expect(remindersDraftOf(undefined)).toEqual(DEFAULT_REMINDERS_DRAFT);
  });

  it('its own lead days replace the settings', () => {
    expect(validateAgreementRemindersDraft({ on: true, leadDays: '1、3' })).toEqual({ ok: true, value: { leadDays: [3, 1] } });
    expect(remindersDraftOf({ leadDays: [3, 1] })).toEqual({ on: true, leadDays: '3, 1' });
  });

  it('refuses bad lead days while reminders are on, naming the part', () => {
    expect(validateAgreementRemindersDraft({ on: true, leadDays: '3, abc' })).toEqual({
      ok: false,
      error: { code: 'not-a-number', part: 'abc' },
    });
  });

  it('off: saved whatever the unused field holds, keeping a good list for later', () => {
    expect(validateAgreementRemindersDraft({ on: false, leadDays: '3, abc' })).toEqual({ ok: true, value: { off: true } });
    expect(validateAgreementRemindersDraft({ on: false, leadDays: '3' })).toEqual({ ok: true, value: { off: true, leadDays: [3] } });
    expect(remindersDraftOf({ off: true, leadDays: [3] })).toEqual({ on: false, leadDays: '3' });
    expect(remindersOff({ reminders: { off: true } })).toBe(true);
    expect(remindersOff({})).toBe(false);
  });

  it('is one optional field of a stored agreement, checked like the rest', () => {
    const base = { id: 'a', lender: '借呗', kind: 'extension', amountFen: 100, dueDate: '2026-12-01', createdAt: 0, updatedAt: 0 };
    expect(agreementSchema.safeParse(base).success).toBe(true);
    expect(agreementSchema.safeParse({ ...base, reminders: { off: true, leadDays: [7, 1] } }).success).toBe(true);
    expect(agreementSchema.safeParse({ ...base, reminders: { leadDays: [1, 1] } }).success).toBe(false);
    expect(agreementSchema.safeParse({ ...base, reminders: { off: 'yes' } }).success).toBe(false);
  });
});
