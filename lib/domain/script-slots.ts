/** The figures a negotiation script can be filled with (lib/negotiation/template.ts). */
export const SLOTS = [
  'lender',
  'owed',
  'dueDate',
  'monthly',
  'periods',
  'event',
  'incomeDate',
  'newDueDate',
  'penalty',
  'settlementAmount',
  'settlementDate',
  'deferralEnd',
  'agent',
] as const;
export type Slot = (typeof SLOTS)[number];
