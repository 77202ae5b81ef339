import type { UiLanguage } from '../i18n';
import type { AgreementKind } from '../domain/agreement';
import type { PromiseOutcome, Session, SessionNote } from '../domain/chat-session';
import { localDateTime, type IsoDate } from '../domain/dates';
import { formatFen, type Fen } from '../domain/money';
import { KIND_KEYS } from '../i18n/labels';
import { CHANNEL_KEYS, CONFIRM_KEYS, TAG_KEYS, type EvidenceEntry, type Translate } from './session-export';

/**
 * A complaint draft from one chat session, for a borrower under collection pressure: a dated
 * account of what happened, what the lender promised (and whether it was kept, as the user says),
 * the evidence kept, what the user asks for, and where such complaints go. The channels are the
 * ones the regulator runs (NFRA hotline 12378) and the National Internet Finance Association
 * (shared domain brief); nothing paid, nothing threatening. It is a draft the user checks and
 * completes: it says so, and that it is not legal advice.
 *
 * Only what the user recorded is printed: every note as typed, every screenshot by time and page.
 */

/** What the user says became of a promise; unset: not known yet. */
export type { PromiseOutcome };

/**
 * The marks after the user chose `outcome` for one promise ('' or undefined: not known, the mark
 * goes). A new object, so the session saves what the draft shows.
 */
export function markPromise(marks: Readonly<Record<string, PromiseOutcome>> | undefined, noteId: string, outcome: PromiseOutcome | undefined): Record<string, PromiseOutcome> {
  const others = Object.entries(marks ?? {}).filter(([id]) => id !== noteId);
  return Object.fromEntries(outcome === undefined ? others : [...others, [noteId, outcome]]);
}

export interface ComplaintAgreement {
  kind: AgreementKind;
  amountFen: Fen;
  dueDate: IsoDate;
}

export interface ComplaintInput {
  session: Session;
  notes: readonly SessionNote[];
  /** The screenshots kept in the session, with their time and page. */
  evidence: readonly EvidenceEntry[];
  /** The agreement the session is linked to, if any. */
  agreement?: ComplaintAgreement | undefined;
  /** By note id: what the user marked for each promise. */
  outcomes?: Readonly<Record<string, PromiseOutcome | undefined>>;
  /** What the user asks for, as typed; empty: the calm default. */
  request?: string;
  /** When the draft is made (epoch ms). */
  preparedAt: number;
}

const minute = (at: number) => localDateTime(at, false);
const oneLine = (text: string) => text.trim().replace(/\s*\n\s*/g, ' / ');

/** The notes the user tagged as promises, in time order: each gets a kept / not kept choice. */
export function complaintPromises(notes: readonly SessionNote[]): SessionNote[] {
  return [...notes].filter((n) => n.tags.includes('promise') && n.text.trim() !== '').sort((a, b) => a.at - b.at);
}

/** The draft as plain text, ready to paste into a complaint form or to print. */
export function buildComplaintDraft(input: ComplaintInput, translate: Translate, language: UiLanguage): string {
  const { session, agreement } = input;
  const unknown = translate('exportUnknown');
  const lender = session.lender || unknown;

  const timeline: { at: number; order: number; text: string }[] = [];
  for (const note of input.notes) {
    if (note.text.trim() === '') continue;
    const tags = note.tags.map((tag) => translate('complaintTag', translate(TAG_KEYS[tag]))).join('');
    timeline.push({ at: note.at, order: 1, text: `${tags}${oneLine(note.text)}` });
  }
  for (const e of input.evidence) {
    timeline.push({ at: e.at, order: 2, text: translate('complaintScreenshotSaved', pageOf(e, translate)) });
  }
  if (session.confirmationAskedAt !== null) timeline.push({ at: session.confirmationAskedAt, order: 3, text: translate('complaintConfirmAsked') });
  if (session.confirmationReceivedAt !== null) {
    const how = session.confirmationChannel ? translate(CONFIRM_KEYS[session.confirmationChannel]) : unknown;
    timeline.push({ at: session.confirmationReceivedAt, order: 3, text: translate('complaintConfirmReceived', how) });
  }
  timeline.sort((a, b) => a.at - b.at || a.order - b.order);

  const promises = complaintPromises(input.notes);
  const screenshots = [...input.evidence].sort((a, b) => a.at - b.at);
  const request = input.request?.trim() ? input.request.trim() : translate('complaintRequestDefault');

  const lines = [
    translate('complaintTitle', lender),
    '',
    translate('complaintComplainant'),
    translate('complaintLender', lender),
    ...(agreement
      ? [translate('complaintAgreement', [translate(KIND_KEYS[agreement.kind]), formatFen(agreement.amountFen, language), agreement.dueDate])]
      : []),
    translate('complaintChatStarted', minute(session.startedAt)),
    translate('complaintChannel', translate(CHANNEL_KEYS[session.channel])),
    translate('complaintAgent', session.agentName || unknown),
    translate('complaintTicket', session.ticket || unknown),
    translate('complaintPrepared', minute(input.preparedAt)),
    '',
    translate('complaintTimelineHeading'),
    ...(timeline.length > 0 ? timeline.map((e) => translate('complaintTimelineLine', [minute(e.at), e.text])) : [translate('complaintTimelineNone')]),
    '',
    translate('complaintPromisesHeading'),
    ...(promises.length > 0
      ? promises.map((p, i) =>
          translate('complaintPromiseLine', [String(i + 1), minute(p.at), oneLine(p.text), outcomeText(input.outcomes?.[p.id], translate)]),
        )
      : [translate('complaintPromisesNone')]),
    '',
    translate('complaintEvidenceHeading'),
    ...screenshots.map((e, i) => translate('complaintEvidenceScreenshot', [String(i + 1), minute(e.at), pageOf(e, translate)])),
    ...(screenshots.length === 0 ? [translate('complaintEvidenceNone')] : []),
    translate('complaintEvidenceNotes', String(screenshots.length + 1)),
    '',
    translate('complaintRequestHeading'),
    request,
    '',
    translate('complaintChannelsHeading'),
    translate('complaintChannelRegulator'),
    translate('complaintChannelAssociation'),
    '',
    translate('complaintFooter'),
    '',
  ];
  return lines.join('\n');
}

function outcomeText(outcome: PromiseOutcome | undefined, translate: Translate): string {
  if (outcome === 'kept') return translate('complaintPromiseKept');
  if (outcome === 'broken') return translate('complaintPromiseBroken');
  return translate('complaintPromiseUnknown');
}

function pageOf(e: EvidenceEntry, translate: Translate): string {
  const title = e.title ? oneLine(e.title) : '';
  const url = e.url || (title ? '' : translate('evidenceUnknownPage'));
  return title && url ? `${title} ${url}` : title || url;
}
