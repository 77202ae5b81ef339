import type { Agreement, AgreementFields, AgreementKind } from '../domain/agreement';
import { validateAgreementDraft, type AgreementDraftErrors } from '../domain/agreement-draft';
import type { PaymentPlan } from '../domain/agreement-dues';
import { validatePlanDraft, type PlanDraftError } from '../domain/agreement-plan';
import type { IsoDate } from '../domain/dates';
import type { Fen } from '../domain/money';
import { fenToYuanInput } from '../domain/money-input';
import type { Session, SessionNote } from '../domain/chat-session';
import { draftFromSession, kindOffered, planFromSession } from './session';

/**
 * A chat about an agreement already tracked usually changes that agreement (a new due date, a new
 * amount, a plan instead of one date) rather than making a second one: counting both would count
 * one debt twice. From the session's notes (the same reading as "turn into agreement"), this says
 * what would change, field by field, before → after, and gives the fields to save in place of the
 * old ones. Only what the notes say changes; everything else (lender, details, reminders, the
 * follow-ups already promised) stays as it is.
 */

/** An installment plan as the user reads it: how many periods, from which day, in all. */
export interface PlanSummary {
  periods: number;
  firstDate: IsoDate;
  totalFen: Fen;
}

export type AgreementChange =
  | { field: 'kind'; before: AgreementKind; after: AgreementKind }
  | { field: 'amount'; before: Fen; after: Fen }
  | { field: 'dueDate'; before: IsoDate; after: IsoDate }
  | { field: 'plan'; before: PlanSummary | null; after: PlanSummary | null };

export type SessionUpdate =
  /** What would change, in the order the list shows it, and the fields that make it so. */
  | { kind: 'changes'; changes: AgreementChange[]; fields: AgreementFields }
  /** The notes say nothing that differs from the agreement. */
  | { kind: 'nothing' }
  /** What the notes say would not be a valid agreement: why, field by field; nothing is to be written. */
  | { kind: 'invalid'; errors: AgreementDraftErrors; planErrors: PlanDraftError[] };

export const summarisePlan = (plan: PaymentPlan | undefined): PlanSummary | null =>
  plan && plan.dues.length > 0
    ? { periods: plan.dues.length, firstDate: plan.dues[0]?.date ?? '', totalFen: plan.dues.reduce((sum, d) => sum + d.amountFen, 0) }
    : null;

const samePlan = (a: PlanSummary | null, b: PlanSummary | null) =>
  a === b || (a !== null && b !== null && a.periods === b.periods && a.firstDate === b.firstDate && a.totalFen === b.totalFen);

export function updateFromSession(agreement: Agreement, session: Session, allNotes: readonly SessionNote[], today: IsoDate): SessionUpdate {
  // The latest offer is the one that stands: a chat often goes through several before one is agreed.
  const notes = [...allNotes].sort((a, b) => b.at - a.at);
  const draft = draftFromSession(session, notes, today);
  const kind = kindOffered(notes) ?? agreement.kind;
  const oldPlan = agreement.plan;
  const oldFirstDate = oldPlan?.dues[0]?.date ?? agreement.dueDate;
  const oldTotal = oldPlan ? (summarisePlan(oldPlan)?.totalFen ?? agreement.amountFen) : agreement.amountFen;

  const checked = validateAgreementDraft({
    lender: agreement.lender,
    kind,
    amount: draft.amount === '' ? fenToYuanInput(oldTotal) : draft.amount,
    dueDate: draft.dueDate === '' ? oldFirstDate : draft.dueDate,
  });
  if (!checked.ok) return { kind: 'invalid', errors: checked.errors, planErrors: [] };
  const { amountFen, dueDate } = checked.value;

  // A plan when the new kind is one and the notes give its periods (or the old plan had them).
  let plan: PaymentPlan | undefined;
  if (kind === 'installment') {
    const periods = planFromSession(notes)?.periods ?? oldPlan?.dues.length;
    if (periods !== undefined) {
      const keepsRate = oldPlan && (oldPlan.method === 'annuity' || oldPlan.method === 'equal-principal') && oldPlan.annualRatePercent !== undefined;
      const unchanged = oldPlan && periods === oldPlan.dues.length && amountFen === oldTotal && dueDate === oldFirstDate;
      if (unchanged) plan = oldPlan;
      else {
        const built = validatePlanDraft(
          {
            method: keepsRate ? oldPlan.method : 'interest-free',
            periods: String(periods),
            rate: keepsRate ? String(oldPlan.annualRatePercent) : '',
            dayOfMonth: '',
            amounts: '',
          },
          amountFen,
          dueDate,
        );
        if (!built.ok) return { kind: 'invalid', errors: {}, planErrors: built.errors };
        plan = built.plan;
      }
    }
  }

  const changes: AgreementChange[] = [];
  if (kind !== agreement.kind) changes.push({ field: 'kind', before: agreement.kind, after: kind });
  if (amountFen !== oldTotal) changes.push({ field: 'amount', before: oldTotal, after: amountFen });
  if (dueDate !== oldFirstDate) changes.push({ field: 'dueDate', before: oldFirstDate, after: dueDate });
  const before = summarisePlan(oldPlan);
  const after = summarisePlan(plan);
  if (!samePlan(before, after)) changes.push({ field: 'plan', before, after });
  if (changes.length === 0) return { kind: 'nothing' };

  const fields: AgreementFields = {
    lender: agreement.lender,
    kind,
    amountFen,
    dueDate,
    ...(agreement.demo ? { demo: true } : {}),
    ...(plan ? { plan } : {}),
    ...(agreement.details ? { details: agreement.details } : {}),
  };
  return { kind: 'changes', changes, fields };
}
