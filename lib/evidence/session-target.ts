import { browser } from 'wxt/browser';
import { latestSession } from '../db/latest-session';
import { createSession, getSession, type SessionRecord } from '../db/sessions';

/** The session the side panel shows, written by the panel whenever it opens one. */
export const PANEL_SESSION_KEY = 'panelSessionId';

/**
 * Where a screenshot or saved text taken from a page goes (the context menu and the shortcut have no
 * session of their own): the session the side panel shows, or showed last; else the session started
 * last; else a new general session, so nothing the user asked to keep is dropped.
 */
export async function resolveEvidenceSession(now: number): Promise<SessionRecord> {
  const stored = await browser.storage.local.get(PANEL_SESSION_KEY);
  const panelId = stored[PANEL_SESSION_KEY];
  const shown = typeof panelId === 'string' && panelId !== '' ? await getSession(panelId) : undefined;
  return shown ?? (await latestSession()) ?? (await createSession({ id: crypto.randomUUID(), agreementId: null, lender: '', startedAt: now }));
}

export async function rememberPanelSession(sessionId: string): Promise<void> {
  await browser.storage.local.set({ [PANEL_SESSION_KEY]: sessionId });
}
