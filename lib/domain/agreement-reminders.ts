import type { AgreementReminders } from './lead-days-schema';
import { formatLeadDays, parseLeadDays, type LeadDaysError } from './lead-days';
import { ok, type Result } from './result';

/**
 * One agreement's own reminder choices as the agreement form edits them (the stored shape,
 * agreementRemindersSchema, is in lead-days-schema.ts): loaded with the form only.
 */
export { agreementRemindersSchema, type AgreementReminders } from './lead-days-schema';

/** What the form holds: the checkbox, and the lead days as typed ('' = the settings' list). */
export interface AgreementRemindersDraft {
  on: boolean;
  leadDays: string;
}

export const DEFAULT_REMINDERS_DRAFT: Readonly<AgreementRemindersDraft> = { on: true, leadDays: '' };

export function remindersDraftOf(reminders: AgreementReminders | undefined): AgreementRemindersDraft {
  return {
    on: reminders?.off !== true,
    leadDays: reminders?.leadDays === undefined ? '' : formatLeadDays(reminders.leadDays),
  };
}

/**
 * The draft as it is stored. With reminders off the lead-days field is not in use (the form
 * disables it), so a mistake there does not block saving; a valid list is kept for when the
 * user switches reminders back on.
 */
export function validateAgreementRemindersDraft(draft: AgreementRemindersDraft): Result<AgreementReminders, LeadDaysError> {
  const typed = draft.leadDays.trim();
  const parsed = typed === '' ? null : parseLeadDays(typed);
  if (!draft.on) return ok({ off: true, ...(parsed?.ok ? { leadDays: parsed.value } : {}) });
  if (parsed === null) return ok({});
  return parsed.ok ? ok({ leadDays: parsed.value }) : parsed;
}

export function remindersOff(agreement: { reminders?: AgreementReminders | undefined }): boolean {
  return agreement.reminders?.off === true;
}
