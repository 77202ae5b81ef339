/**
 * The names of the milestones, apart from the engine that dates them: stored reminders and
 * notification wording need the names only, and should not load the holiday table to get them.
 * The order is the order a borrower acts on them within one day.
 */
export const MILESTONE_CODES = [
  'decide-and-plan',
  'contact-lender-if-short',
  'deposit-and-check-debit',
  'transfer-by',
  // An extra reminder N days before the due date, at the lead days the user chose (lead-days.ts).
  'due-soon',
  'gather-documents',
  'apply-second-negotiation-by',
  'pay',
  'apply-deadline',
  'follow-up',
  'credit-report-risk',
  'check-credit-report',
  'adverse-record-expires',
] as const;
export type MilestoneCode = (typeof MILESTONE_CODES)[number];
