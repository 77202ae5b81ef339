import type { Agreement } from './agreement';
import type { AgreementStanding } from './agreement-dues';
import type { IsoDate } from './dates';
import { lacksWrittenConfirmation, type NegotiationStatus } from './lifecycle';
import { compareMilestones, type Milestone, type MilestoneError, type MilestoneOptions } from './milestones';
import type { Fen } from './money';
import type { DueStanding } from './payment-status';
import { agreementTimeline } from './timeline';

/**
 * Everything about one lender on one screen: a borrower talks to 网商贷's customer service about
 * all their 网商贷 debts at once, so the full view groups agreements by lender, with where each
 * stands, whether the lender confirmed it in writing, every dated step past and ahead, and when
 * an adverse credit record left by a late payment should disappear.
 *
 * The status is derived, not stored: what the app knows is the payments recorded and the chat
 * sessions' confirmation stamps. An agreement in the list was agreed; it is `confirmed` once a
 * linked session received the written confirmation, `repaying` after a first partial payment,
 * `settled` once paid, and `broken` while its date has passed unpaid (the lender may withdraw the
 * deal, and the debt is late again).
 */

/** What the chat sessions linked to an agreement say about its written confirmation. */
export type ConfirmationOnFile =
  | { state: 'received'; receivedOn: IsoDate }
  /** Sessions are linked to it, none has the confirmation: the deal is only the agent's word. */
  | { state: 'awaiting' }
  /** No session is linked (entered by hand): the app has no proof on file either way. */
  | { state: 'not-recorded' };

export type LenderAgreementFacts = Pick<Agreement, 'id' | 'lender' | 'kind' | 'amountFen' | 'dueDate' | 'followUps' | 'updatedAt' | 'plan' | 'reminders'> &
  Partial<Pick<Agreement, 'replacedBy'>>;

export interface LenderViewInput<A extends LenderAgreementFacts = LenderAgreementFacts> {
  agreement: A;
  /** Where it stands; for an installment plan, the current period's standing with every period in `dues`. */
  standing: DueStanding & Partial<Pick<AgreementStanding, 'dues'>>;
  confirmation: ConfirmationOnFile;
}

export interface LenderAgreement<A extends LenderAgreementFacts = LenderAgreementFacts> extends LenderViewInput<A> {
  status: NegotiationStatus;
  /** The date that needs the user now: a plan's first period not fully paid (its last once all are). */
  currentDueDate: IsoDate;
  /** All periods together for a plan. */
  agreedFen: Fen;
  paidFen: Fen;
  owedFen: Fen;
  /**
   * Another agreement took its place: closed (counted as settled for the order), nothing owed on it,
   * only what was paid counted as agreed, and no dates ahead, so the totals never count one debt twice.
   */
  replaced: boolean;
  /** A deal only the lender's word backs (lifecycle's rule): the view asks for SMS/e-mail/in-app proof. */
  lacksConfirmation: boolean;
  /** The day an adverse record left by paying this late should be deleted; null if there is none. */
  recordExpiresOn: IsoDate | null;
  /** Unpaid past the reporting grace: a record may be being made, and its 5 years start when it is settled. */
  recordAtRisk: boolean;
}

/** One step of the lender's combined timeline; `ref` is the agreement's id. */
export type LenderMilestone = Milestone;

export interface LenderSummary<A extends LenderAgreementFacts = LenderAgreementFacts> {
  /** The normalised name (see `lenderKey`): what deep links and grouping compare. */
  key: string;
  /** The spelling of the most recently edited agreement. */
  name: string;
  /** By due date. */
  agreements: LenderAgreement<A>[];
  agreedFen: Fen;
  paidFen: Fen;
  owedFen: Fen;
  /** The last day an adverse record from this lender should still show; null when none is known. */
  recordExpiresOn: IsoDate | null;
  recordAtRisk: boolean;
  /** Every agreement's dated steps, past and ahead, in one date order. */
  milestones: LenderMilestone[];
  /** Agreements whose timeline could not be computed (a date outside the calendar the app handles). */
  timelineErrors: { agreementId: string; error: MilestoneError }[];
}

/**
 * The name two agreements share when they are with the same lender: spaces around and doubled
 * inside do not count, nor do letter case and full-width forms of Latin letters and digits
 * (ＭＹｂａｎｋ and mybank are one lender). NFKC folds the full-width forms; Chinese characters
 * are unchanged by it and by lower-casing.
 */
export function lenderKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Where an agreement's negotiation stands, from its payments, the date that needs the user now and
 * its confirmation. `paidFen` is everything paid on it (a plan: all periods).
 */
export function statusOf(
  standing: Pick<DueStanding, 'state'>,
  dueDate: IsoDate,
  paidFen: Fen,
  confirmation: ConfirmationOnFile,
  today: IsoDate,
): NegotiationStatus {
  if (standing.state === 'paid') return 'settled';
  if (dueDate < today) return 'broken';
  if (paidFen > 0) return 'repaying';
  return confirmation.state === 'received' ? 'confirmed' : 'agreed';
}

function describeAgreement<A extends LenderAgreementFacts>(
  input: LenderViewInput<A>,
  today: IsoDate,
  settings: MilestoneOptions,
): { item: LenderAgreement<A>; timeline: ReturnType<typeof agreementTimeline> } {
  const { agreement, standing, confirmation } = input;
  // A plan's periods, each with its own standing; a single date has none.
  const periods = agreement.plan && standing.dues && standing.dues.length > 0 ? standing.dues : null;
  const sum = (pick: (d: NonNullable<typeof periods>[number]) => Fen) => (periods ?? []).reduce((total, d) => total + pick(d), 0);
  const currentDueDate = periods
    ? (periods.find((d) => d.standing.state !== 'paid') ?? periods[periods.length - 1])?.date ?? agreement.dueDate
    : agreement.dueDate;
  const paidFen = periods ? sum((d) => d.standing.paidFen) : standing.paidFen;
  const replaced = agreement.replacedBy !== undefined;
  const status = replaced ? 'settled' : statusOf(standing, currentDueDate, paidFen, confirmation, today);
  const dues = periods?.map((d) => ({ date: d.date, doneOn: d.standing.settledOn }));
  const timeline: ReturnType<typeof agreementTimeline> = replaced ? { ok: true, value: [] } : agreementTimeline({ ...agreement, doneOn: standing.settledOn, dues }, today, settings);
  const steps = timeline.ok ? timeline.value : [];
  const expires = steps.find((m) => m.code === 'adverse-record-expires');
  const risk = steps.find((m) => m.code === 'credit-report-risk');
  return {
    item: {
      ...input,
      status,
      currentDueDate,
      agreedFen: replaced ? paidFen : periods ? sum((d) => d.amountFen) : agreement.amountFen,
      paidFen,
      owedFen: replaced ? 0 : periods ? sum((d) => d.standing.leftFen) : standing.leftFen,
      replaced,
      lacksConfirmation: !replaced && confirmation.state !== 'received' && lacksWrittenConfirmation({ status, writtenConfirmation: null }),
      recordExpiresOn: expires?.date ?? null,
      recordAtRisk: !replaced && standing.state !== 'paid' && risk !== undefined && risk.timing !== 'upcoming',
    },
    timeline,
  };
}

const latest = (days: readonly (IsoDate | null)[]): IsoDate | null =>
  days.reduce<IsoDate | null>((max, d) => (d !== null && (max === null || d > max) ? d : max), null);

/**
 * The agreements grouped by lender. Lenders with something broken come first, then by the
 * earliest unpaid due date, then the ones fully settled; ties by name.
 */
export function groupByLender<A extends LenderAgreementFacts>(
  inputs: readonly LenderViewInput<A>[],
  today: IsoDate,
  settings: MilestoneOptions = {},
): LenderSummary<A>[] {
  const byKey = new Map<string, LenderViewInput<A>[]>();
  for (const input of inputs) {
    const key = lenderKey(input.agreement.lender);
    const list = byKey.get(key);
    if (list) list.push(input);
    else byKey.set(key, [input]);
  }
  const summaries = [...byKey].map(([key, members]): LenderSummary<A> => {
    const described = members.map((m) => describeAgreement(m, today, settings));
    const agreements = described
      .map((d) => d.item)
      .sort((a, b) => a.currentDueDate.localeCompare(b.currentDueDate) || a.agreement.id.localeCompare(b.agreement.id));
    const newest = members.reduce((a, b) => (b.agreement.updatedAt > a.agreement.updatedAt ? b : a));
    const milestones: LenderMilestone[] = [];
    const timelineErrors: LenderSummary['timelineErrors'] = [];
    for (const { item, timeline } of described) {
      if (timeline.ok) milestones.push(...timeline.value);
      else timelineErrors.push({ agreementId: item.agreement.id, error: timeline.error });
    }
    return {
      key,
      name: newest.agreement.lender.trim(),
      agreements,
      agreedFen: agreements.reduce((sum, a) => sum + a.agreedFen, 0),
      paidFen: agreements.reduce((sum, a) => sum + a.paidFen, 0),
      owedFen: agreements.reduce((sum, a) => sum + a.owedFen, 0),
      recordExpiresOn: latest(agreements.map((a) => a.recordExpiresOn)),
      recordAtRisk: agreements.some((a) => a.recordAtRisk),
      milestones: milestones.sort(compareMilestones),
      timelineErrors,
    };
  });
  const firstOpenDue = (s: LenderSummary<A>) => s.agreements.find((a) => a.status !== 'settled')?.currentDueDate ?? '9999-12-31';
  const calm = (s: LenderSummary<A>) => Number(!s.agreements.some((a) => a.status === 'broken'));
  return summaries.sort(
    (a, b) =>
      calm(a) - calm(b) ||
      firstOpenDue(a).localeCompare(firstOpenDue(b)) ||
      a.name.localeCompare(b.name),
  );
}

/** The lender a deep link (#lender=…) names, however it was spelled. */
export function findLender<A extends LenderAgreementFacts>(summaries: readonly LenderSummary<A>[], name: string): LenderSummary<A> | undefined {
  const key = lenderKey(name);
  return summaries.find((s) => s.key === key);
}
