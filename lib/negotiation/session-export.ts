import type { MessageKey } from '../i18n';
import type { NoteTag, Session, SessionNote } from './session';
import { localDateTime, toIsoDate } from '../domain/dates';

export type Translate = (key: MessageKey, substitutions?: string | string[]) => string;

export interface EvidenceEntry {
  at: number;
  kind: 'screenshot' | 'text';
  /** The page the evidence was taken from ('' if the browser did not say). */
  url: string;
  /** The page's title, for a screenshot. */
  title?: string;
  /** For saved text: the text itself. */
  text?: string;
}

export const CHANNEL_KEYS: Record<Session['channel'], MessageKey> = {
  'web-chat': 'channel_web_chat',
  'app-chat': 'channel_app_chat',
  phone: 'channel_phone',
  other: 'channel_other',
};
export const CONFIRM_KEYS: Record<NonNullable<Session['confirmationChannel']>, MessageKey> = {
  sms: 'confirm_sms',
  email: 'confirm_email',
  'in-app': 'confirm_in_app',
  letter: 'confirm_letter',
};
export const TAG_KEYS: Record<NoteTag, MessageKey> = {
  offer: 'tag_offer',
  promise: 'tag_promise',
  amount: 'tag_amount',
  date: 'tag_date',
  question: 'tag_question',
};

const time = (at: number) => localDateTime(at);

/**
 * A session as a plain Markdown log, readable by a person who never saw the app (a regulator's
 * complaint desk, a mediator): every note with its local time and tags, the evidence listed with
 * times and pages. Nothing is summarised away: what was typed is what is printed.
 */
export function sessionToMarkdown(
  session: Session,
  notes: readonly SessionNote[],
  evidence: readonly EvidenceEntry[],
  translate: Translate,
  exportedAt: number,
  /** The do's and don'ts as ticked during the talk, in the UI language. */
  checklist: readonly { text: string; ticked: boolean }[] = [],
): string {
  const unknown = translate('exportUnknown');
  const confirmation =
    session.confirmationReceivedAt !== null
      ? translate('exportConfirmationReceived', [
          time(session.confirmationReceivedAt),
          session.confirmationChannel ? translate(CONFIRM_KEYS[session.confirmationChannel]) : unknown,
        ])
      : session.confirmationAskedAt !== null
        ? translate('exportConfirmationAsked', time(session.confirmationAskedAt))
        : translate('exportConfirmationNone');
  const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' / ');
  const lines = [
    `# ${translate('exportTitle', [session.lender || unknown, toIsoDate(session.startedAt)])}`,
    '',
    `- ${translate('exportStarted')}: ${time(session.startedAt)}`,
    `- ${translate('exportChannel')}: ${translate(CHANNEL_KEYS[session.channel])}`,
    `- ${translate('exportAgent')}: ${session.agentName || unknown}`,
    `- ${translate('exportTicket')}: ${session.ticket || unknown}`,
    `- ${translate('exportConfirmation')}: ${confirmation}`,
    '',
    `## ${translate('exportNotes')}`,
    '',
    ...[...notes]
      .sort((a, b) => a.at - b.at)
      .filter((n) => n.text.trim() !== '')
      .map((n) => {
        const tags = n.tags.map((tag) => `[${translate(TAG_KEYS[tag])}]`).join(' ');
        return `- ${time(n.at)} ${tags ? `${tags} ` : ''}${oneLine(n.text)}`;
      }),
  ];
  if (evidence.length > 0) {
    lines.push('', `## ${translate('exportEvidence')}`, '');
    for (const e of [...evidence].sort((a, b) => a.at - b.at)) {
      const page = `${e.title ? `${oneLine(e.title)} ` : ''}${e.url || translate('evidenceUnknownPage')}`;
      const what = e.kind === 'screenshot' ? `${translate('exportScreenshot')} ` : '';
      lines.push(`- ${time(e.at)} ${what}${page}${e.text ? `: “${oneLine(e.text)}”` : ''}`);
    }
  }
  if (checklist.some((c) => c.ticked)) {
    lines.push('', `## ${translate('exportChecklist')}`, '');
    for (const c of checklist) lines.push(`- [${c.ticked ? 'x' : ' '}] ${c.text}`);
  }
  lines.push('', '---', translate('exportFooter', time(exportedAt)), '');
  return lines.join('\n');
}
