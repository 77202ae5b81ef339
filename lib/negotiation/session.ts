import type { AgreementKind } from '../domain/agreement';
import type { AgreementDraft } from '../domain/agreement-draft';
import { fenToYuanInput, parseYuan } from '../domain/money-input';
import type { IsoDate } from '../domain/dates';
import { recogniseInNote, type Recognised } from './note-parsing';
import type { NoteTag, Session, SessionNote } from '../domain/chat-session';

// The records' shape lives apart, so code that only stores sessions does not load the note parser.
export * from '../domain/chat-session';

/** What a note offers to the agreement form: the values recognised in it, with the note's tags. */
export interface Offered {
  noteId: string;
  tags: NoteTag[];
  found: Recognised;
}

export function offeredValues(notes: readonly SessionNote[], today: IsoDate): Offered[] {
  return notes.flatMap((note) => recogniseInNote(note.text, today).map((found) => ({ noteId: note.id, tags: note.tags, found })));
}

const KIND_WORDS: [AgreementKind, RegExp][] = [
  ['settlement', /一次性结清|结清|settle/i],
  ['installment', /分期|分\s?\d+\s?期|installment/i],
  ['waiver', /减免|免除|waive/i],
  ['deferral', /延期|停催|defer/i],
  ['extension', /展期|延后|推迟|extend|extension/i],
  ['hardship', /困难|hardship/i],
  ['second-negotiation', /二次协商|second negotiation/i],
];

/**
 * The agreement form, prefilled from what the lender offered: the kind from the words of the
 * offer, the first amount and the first date said in an offer (or in any note tagged amount/date).
 * Every field stays editable; the user confirms before anything is tracked.
 */
export function draftFromSession(session: Session, notes: readonly SessionNote[], today: IsoDate): AgreementDraft {
  const kindSource = offerNotes(notes);
  const kind = kindOffered(notes) ?? 'extension';
  const pool = offeredValues(notes, today);
  const preferred = (kind: Recognised['kind'], tag: NoteTag) =>
    pool.find((o) => o.found.kind === kind && o.tags.includes('offer')) ?? pool.find((o) => o.found.kind === kind && o.tags.includes(tag));
  const amount = preferred('amount', 'amount')?.found;
  const date = preferred('date', 'date')?.found;
  const split = kind === 'installment' ? installmentsOffered(kindSource) : null;
  // "分12期，每期3,000元": the form asks for the total the plan splits, 12 × 3,000.
  const total = split?.perPeriodFen === undefined ? (amount?.kind === 'amount' ? amount.fen : null) : split.perPeriodFen * split.periods;
  return {
    lender: session.lender,
    kind,
    amount: total === null ? '' : fenToYuanInput(total),
    dueDate: date?.kind === 'date' ? date.date : '',
  };
}

/** The kind the offers speak of ("分12期" is an installment plan), or null when no note names one. */
export function kindOffered(notes: readonly SessionNote[]): AgreementKind | null {
  // The first note that names a kind decides (notes come in the order the caller wants read).
  for (const note of offerNotes(notes)) {
    const found = KIND_WORDS.find(([, re]) => re.test(note.text));
    if (found) return found[0];
  }
  return null;
}

/** The number of periods in an offer, and the amount of each when it is said ("每期3,000元", "1,250 a month"). */
export interface InstallmentsOffered {
  periods: number;
  perPeriodFen?: number;
}

const PERIODS = /分\s*(\d{1,3})\s*期|(\d{1,3})\s*期|(\d{1,3})\s*(?:monthly\s+)?(?:periods|installments|instalments|months)\b/iu;
const PER_PERIOD = /(?:每期|每月|每个月)\s*(?:还款?|付)?\s*[¥￥]?\s*(\d[\d,]*(?:\.\d{1,2})?)\s*元?|[¥￥]?\s*(\d[\d,]*(?:\.\d{1,2})?)\s*(?:yuan\s*)?(?:a|per|each)\s+(?:month|period)/iu;

/** The notes tagged as offers, or all of them when none is. */
function offerNotes(notes: readonly SessionNote[]): readonly SessionNote[] {
  const offers = notes.filter((n) => n.tags.includes('offer'));
  return offers.length > 0 ? offers : notes;
}

/** The installment plan the session's offers speak of, for the agreement form's plan fields. */
export function planFromSession(notes: readonly SessionNote[]): InstallmentsOffered | null {
  return installmentsOffered(offerNotes(notes));
}

/** What an installment offer says about its periods, from the first note that says it. */
export function installmentsOffered(notes: readonly SessionNote[]): InstallmentsOffered | null {
  for (const note of notes) {
    const periods = PERIODS.exec(note.text);
    const count = Number(periods?.[1] ?? periods?.[2] ?? periods?.[3] ?? Number.NaN);
    if (!Number.isInteger(count) || count < 2) continue;
    const each = PER_PERIOD.exec(note.text);
    const yuan = parseYuan((each?.[1] ?? each?.[2] ?? '').replaceAll(',', ''));
    return { periods: count, ...(yuan.ok && yuan.value > 0 ? { perPeriodFen: yuan.value } : {}) };
  }
  return null;
}

/** "They will call back within 3 working days": promises with a date become reminders too. */
export function promisedFollowUps(notes: readonly SessionNote[], today: IsoDate): { noteId: string; date: IsoDate; text: string }[] {
  return notes
    .filter((n) => n.tags.includes('promise'))
    .flatMap((n) =>
      recogniseInNote(n.text, today)
        .filter((r): r is Extract<Recognised, { kind: 'date' }> => r.kind === 'date' && r.date >= today)
        .map((r) => ({ noteId: n.id, date: r.date, text: n.text })),
    );
}

/** An agreement made without written confirmation can be denied later: keep warning until received. */
export function needsConfirmationWarning(session: Pick<Session, 'confirmationReceivedAt'>): boolean {
  return session.confirmationReceivedAt === null;
}
