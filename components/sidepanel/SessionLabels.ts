import type { NoteTag, Session, SessionNote } from '../../lib/domain/chat-session';
import { t, uiLanguage } from '../../lib/i18n';
import { localStamp } from '../../lib/domain/dates';

export const channelLabel = (channel: Session['channel']): string =>
  t(({ 'web-chat': 'channel_web_chat', 'app-chat': 'channel_app_chat', phone: 'channel_phone', other: 'channel_other' } as const)[channel]);

export const confirmLabel = (channel: NonNullable<Session['confirmationChannel']>): string =>
  t(({ sms: 'confirm_sms', email: 'confirm_email', 'in-app': 'confirm_in_app', letter: 'confirm_letter' } as const)[channel]);

export const tagLabel = (tag: NoteTag): string =>
  t(({ offer: 'tag_offer', promise: 'tag_promise', amount: 'tag_amount', date: 'tag_date', question: 'tag_question' } as const)[tag]);

/** The file name of an exported session: lender and start time, safe on every file system. */
export function sessionFileName(session: Pick<Session, 'lender' | 'startedAt'>): string {
  const lender = session.lender.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '');
  const { day, hh, mm } = localStamp(session.startedAt);
  return `${lender ? `${lender}-` : ''}${day}-${hh}${mm}.md`;
}

/** Downloads the session as a Markdown log through a Blob and an <a download>; the writer loads on demand. */
export async function downloadSessionMarkdown(session: Session, notes: readonly SessionNote[]): Promise<void> {
  const [{ sessionToMarkdown }, { listAttachments }, { loadTicks, sessionChecklistScope }, { CHECKLIST }] = await Promise.all([
    import('../../lib/negotiation/session-export'),
    import('../../lib/db/attachments'),
    import('../../lib/negotiation/ticks'),
    import('../../lib/negotiation/scenarios'),
  ]);
  const ticked = await loadTicks(sessionChecklistScope(session.id));
  const zh = uiLanguage() === 'zh-CN';
  const checklist = CHECKLIST.map((item) => ({ text: zh ? item.text.zh : item.text.en, ticked: ticked.includes(item.id) }));
  // Screenshots are listed with their time and page; the images stay in the extension (and its backups).
  const evidence = (await listAttachments('session', session.id)).map((a) => ({
    at: a.capturedAt,
    kind: 'screenshot' as const,
    url: a.url ?? '',
    ...(a.title ? { title: a.title } : {}),
  }));
  const text = sessionToMarkdown(session, notes, evidence, t, Date.now(), checklist);
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = sessionFileName(session);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
