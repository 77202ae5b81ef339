import * as z from 'zod/mini';
import { MAX_LENDER_LENGTH, type AgreementKind } from './agreement';
import { DEFERRAL_SCOPES, DOCUMENT_KINDS, HARDSHIP_REASONS, RESTRUCTURING_PARTIES, type DocumentKind } from './agreement-details';
import { calendarDaySchema } from './calendar';
import type { IsoDate } from './dates';
import { parseWith, type FieldIssue } from './issues';
import { MAX_FEN, type Fen } from './money';
import { err, ok, type Result } from './result';
import { MAX_PERIODS, monthlyDueDates, rateToMillionths, SCHEDULE_METHODS } from './schedule';

/**
 * What each kind of arrangement (协商方案) must track, one schema per kind, discriminated on
 * `kind` (the values of AGREEMENT_KINDS). Each kind also says which dates reminders must be
 * about (`dueDatesOf`): a field the user fills in but no reminder watches is a date they will miss.
 */

const fen = z.int().check(z.nonnegative(), z.maximum(MAX_FEN));
const positiveFen = z.int().check(z.positive(), z.maximum(MAX_FEN));
const day = calendarDaySchema;
const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const periodCount = z.int().check(z.minimum(1), z.maximum(MAX_PERIODS));
const dayOfMonth = z.int().check(z.minimum(1), z.maximum(31));
const ratePercent = z.number().check(z.refine((r) => rateToMillionths(r) !== null, { message: 'invalid-rate' }));

const NOTE_LENGTH = 500;
const NAME_LENGTH = 100;

/** What lenders ask for as proof (see the domain brief): the checklist the UI offers. */
export { DOCUMENT_KINDS, type DocumentKind };
const documents = z
  .array(z.enum(DOCUMENT_KINDS))
  .check(z.refine((list) => new Set(list).size === list.length, { message: 'duplicate-document' }));

/** Refuses `later` on or before `earlier`, reporting it on the later field. */
function ordered<T>(earlier: (v: T) => IsoDate | undefined, later: (v: T) => IsoDate | undefined, path: string, code: string) {
  return (value: T, ctx: z.core.$RefinementCtx) => {
    const a = earlier(value);
    const b = later(value);
    if (a !== undefined && b !== undefined && b <= a) ctx.addIssue({ code: 'custom', message: code, path: [path] });
  };
}

/** 展期/延期: a short push of one due date, e.g. until a late salary arrives. */
export const extensionSchema = z
  .object({
    kind: z.literal('extension'),
    originalDueDate: z.optional(day),
    newDueDate: day,
    reason: text(NOTE_LENGTH),
    expectedIncomeDate: z.optional(day),
  })
  .check(z.superRefine(ordered((v) => v.originalDueDate, (v) => v.newDueDate, 'newDueDate', 'not-after-original-due-date')));

/**
 * 延期 for months: collection paused, a time buffer and not forgiveness. Interest during it is
 * whatever the terms say: frozen (停息), a fixed amount, or still accruing.
 */
export { DEFERRAL_SCOPES };
export const deferralInterestSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('frozen') }),
  z.object({ mode: z.literal('fixed'), amountFen: fen }),
  z.object({ mode: z.literal('accruing'), annualRatePercent: z.optional(ratePercent) }),
]);
export const deferralSchema = z
  .object({
    kind: z.literal('deferral'),
    startDate: z.optional(day),
    endDate: day,
    /** 全案延期 covers the whole debt; 部分延期 only some bills, and the rest keep their dates. */
    scope: z.enum(DEFERRAL_SCOPES),
    coveredBills: z.optional(text(NOTE_LENGTH)),
    interest: deferralInterestSchema,
  })
  .check(z.superRefine(ordered((v) => v.startDate, (v) => v.endDate, 'endDate', 'not-after-start-date')));

/** 分期 (个性化分期). `amountPerPeriodFen` is what the lender stated (the first period's). */
export const installmentSchema = z.object({
  kind: z.literal('installment'),
  periods: periodCount,
  dayOfMonth,
  firstDueDate: day,
  amountPerPeriodFen: positiveFen,
  method: z.enum(SCHEDULE_METHODS),
  /** Whether interest starts to accrue again under the plan (some plans freeze it). */
  interestRestarts: z.boolean(),
});

/** 减免. Principal cuts are rare but happen; compound interest (复利) is waived like penalty interest. */
export const WAIVABLE_ITEMS = ['penalty-interest', 'late-fees', 'interest', 'compound-interest', 'principal'] as const;
export const waiverSchema = z.object({
  kind: z.literal('waiver'),
  items: z
    .array(z.object({ item: z.enum(WAIVABLE_ITEMS), amountFen: positiveFen }))
    .check(
      z.minLength(1),
      z.refine((items) => new Set(items.map((i) => i.item)).size === items.length, { message: 'duplicate-item' }),
    ),
  /** Usually "pay the rest by date X": miss X and the waiver is gone, so X is a due date. */
  condition: z.optional(
    z.object({
      text: text(NOTE_LENGTH),
      deadline: day,
      payFen: z.optional(fen),
      /** Paying by the deadline clears the whole debt (a waiver tied to a settlement). */
      settlesDebt: z.boolean(),
    }),
  ),
});

/** 一次性结清: everything in one payment by a date, from a named account or card. */
export const settlementSchema = z.object({
  kind: z.literal('settlement'),
  amountFen: positiveFen,
  date: day,
  debitAccount: text(NAME_LENGTH),
});

/** 恢复正常还款: the original schedule restarts by itself when a partial deferral ends with no new deal. */
export const resumeSchema = z.object({
  kind: z.literal('resume'),
  nextDueDate: day,
  dayOfMonth,
  periodsLeft: periodCount,
  amountPerPeriodFen: z.optional(positiveFen),
});

/** 二次协商: must be applied for before the deferral ends; harder, needs stronger proof. */
export const secondNegotiationSchema = z
  .object({
    kind: z.literal('second-negotiation'),
    applyBy: day,
    deferralEndDate: z.optional(day),
    documentsRequired: documents,
    notes: z.optional(text(NOTE_LENGTH)),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (v.deferralEndDate !== undefined && v.applyBy >= v.deferralEndDate) {
        ctx.addIssue({ code: 'custom', message: 'not-before-deferral-end', path: ['applyBy'] });
      }
    }),
  );

/**
 * 债务重组: several lenders' debts together, only through a licensed institution or a lawyer,
 * because "debt relief" scams are common: recording who the party is, and its licence, is the point.
 */
export { RESTRUCTURING_PARTIES };
export const restructuringSchema = z.object({
  kind: z.literal('restructuring'),
  licensedParty: z.object({
    name: text(NAME_LENGTH),
    type: z.enum(RESTRUCTURING_PARTIES),
    /** Licence or practising-certificate number, to check with the regulator or the bar. */
    licence: z.optional(text(NAME_LENGTH)),
  }),
  lenders: z.array(z.object({ lender: text(MAX_LENDER_LENGTH), balanceFen: fen })).check(z.minLength(2)),
  plan: z.optional(z.object({ firstDueDate: day, dayOfMonth, periods: periodCount, amountPerPeriodFen: positiveFen })),
});

/** 特殊困难申请: unemployment, serious illness or a family event. */
export { HARDSHIP_REASONS };
export const hardshipSchema = z
  .object({
    kind: z.literal('hardship'),
    reason: z.enum(HARDSHIP_REASONS),
    documentsSubmitted: documents,
    submittedOn: day,
    /** When to chase the lender if there is no answer: the only date this kind asks to watch. */
    followUpBy: z.optional(day),
  })
  .check(z.superRefine(ordered((v) => v.submittedOn, (v) => v.followUpBy, 'followUpBy', 'not-after-submission')));

/** One schema per agreement kind: `satisfies` makes a kind added to AGREEMENT_KINDS fail to compile here. */
export const KIND_SCHEMAS = {
  extension: extensionSchema,
  deferral: deferralSchema,
  installment: installmentSchema,
  waiver: waiverSchema,
  settlement: settlementSchema,
  resume: resumeSchema,
  'second-negotiation': secondNegotiationSchema,
  restructuring: restructuringSchema,
  hardship: hardshipSchema,
} as const satisfies Record<AgreementKind, z.ZodMiniType<{ kind: AgreementKind }>>;

export const agreementDetailsSchema = z.discriminatedUnion('kind', [
  KIND_SCHEMAS.extension,
  KIND_SCHEMAS.deferral,
  KIND_SCHEMAS.installment,
  KIND_SCHEMAS.waiver,
  KIND_SCHEMAS.settlement,
  KIND_SCHEMAS.resume,
  KIND_SCHEMAS['second-negotiation'],
  KIND_SCHEMAS.restructuring,
  KIND_SCHEMAS.hardship,
]);
export type AgreementDetails = z.infer<typeof agreementDetailsSchema>;

export function parseAgreementDetails(input: unknown): Result<AgreementDetails, FieldIssue[]> {
  return parseWith(agreementDetailsSchema, input);
}

/** A lender's bill, as its app shows it on `asOf` (penalty interest grows daily). */
export const debtBreakdownSchema = z.object({
  lender: text(MAX_LENDER_LENGTH),
  asOf: z.optional(day),
  principalFen: fen,
  interestFen: fen,
  compoundInterestFen: fen,
  penaltyInterestFen: fen,
  lateFeesFen: fen,
});
export type DebtBreakdown = z.infer<typeof debtBreakdownSchema>;

export function parseDebtBreakdown(input: unknown): Result<DebtBreakdown, FieldIssue[]> {
  return parseWith(debtBreakdownSchema, input);
}

/** What the lender says is owed in all: the amounts a waiver negotiates are every part but principal. */
export function totalDebtFen(debt: DebtBreakdown): Fen {
  return debt.principalFen + debt.interestFen + debt.compoundInterestFen + debt.penaltyInterestFen + debt.lateFeesFen;
}

export const DUE_ROLES = [
  'extension-due',
  'deferral-end',
  'installment',
  'waiver-deadline',
  'settlement',
  'resume',
  'apply-by',
  'restructuring-installment',
  'hardship-follow-up',
] as const;
export type DueRole = (typeof DUE_ROLES)[number];

/** A date a reminder must be about. */
export interface DueDate {
  date: IsoDate;
  role: DueRole;
  /** Money must be in place by this date (it gets the deposit and transfer milestones). */
  isPayment: boolean;
  /** Paying it clears the debt (it gets the credit-report check). */
  closesDebt: boolean;
  /** "Period 3 of 12" for the dates of a schedule. */
  period?: { index: number; count: number };
  amountFen?: Fen;
}

function due(date: IsoDate, role: DueRole, isPayment: boolean, extra: Partial<DueDate> = {}): DueDate {
  return { date, role, isPayment, closesDebt: false, ...extra };
}

function monthly(
  role: DueRole,
  firstDueDate: IsoDate,
  dayOfMonthValue: number,
  count: number,
  amountFen: Fen | undefined,
): Result<DueDate[], FieldIssue[]> {
  const dates = monthlyDueDates({ firstDueDate, dayOfMonth: dayOfMonthValue }, count);
  if (!dates.ok) return err([{ path: '', code: dates.error }]);
  return ok(
    dates.value.map((date, i) =>
      due(date, role, true, {
        closesDebt: i === count - 1,
        period: { index: i + 1, count },
        ...(amountFen === undefined ? {} : { amountFen }),
      }),
    ),
  );
}

/**
 * The dates of an arrangement that reminders must be about, sorted. The details are checked
 * again first: a record built without the schema gets a typed error, never a wrong date.
 */
export function dueDatesOf(input: AgreementDetails): Result<DueDate[], FieldIssue[]> {
  const parsed = parseAgreementDetails(input);
  if (!parsed.ok) return parsed;
  const d = parsed.value;
  switch (d.kind) {
    case 'extension':
      return ok([due(d.newDueDate, 'extension-due', true)]);
    case 'deferral':
      return ok([due(d.endDate, 'deferral-end', true)]);
    case 'installment':
      return monthly('installment', d.firstDueDate, d.dayOfMonth, d.periods, d.amountPerPeriodFen);
    case 'waiver':
      if (!d.condition) return ok([]);
      return ok([
        due(d.condition.deadline, 'waiver-deadline', true, {
          closesDebt: d.condition.settlesDebt,
          ...(d.condition.payFen === undefined ? {} : { amountFen: d.condition.payFen }),
        }),
      ]);
    case 'settlement':
      return ok([due(d.date, 'settlement', true, { closesDebt: true, amountFen: d.amountFen })]);
    case 'resume':
      return monthly('resume', d.nextDueDate, d.dayOfMonth, d.periodsLeft, d.amountPerPeriodFen);
    case 'second-negotiation':
      return ok([due(d.applyBy, 'apply-by', false)]);
    case 'restructuring':
      if (!d.plan) return ok([]);
      return monthly('restructuring-installment', d.plan.firstDueDate, d.plan.dayOfMonth, d.plan.periods, d.plan.amountPerPeriodFen);
    case 'hardship':
      return ok(d.followUpBy === undefined ? [] : [due(d.followUpBy, 'hardship-follow-up', false)]);
  }
}
