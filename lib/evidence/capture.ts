import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { addAttachment, AttachmentTooLargeError, MAX_ATTACHMENT_BYTES, NotAnImageError, type AttachmentRecord } from '../db/attachments';
import { reportInvalid } from '../db/invalid';
import { isQuotaExceeded } from '../db/storage-errors';
import { LockedError } from '../keys/state';
import { addNote, getSession, type SessionNoteRecord, type SessionRecord } from '../db/sessions';
import { t } from '../i18n';
import { CaptureRefusedError, refusalHint, takeScreenshot, type EvidenceTab } from './grab';
import { openFromStorage } from '../keys/sealed-storage';
import { INBOX_PREFIX, isInboxKey, type InboxItem } from './inbox';
import { resolveEvidenceSession } from './session-target';

/**
 * Evidence into a chat session, in the pages (side panel, options page): a screenshot becomes an
 * image record (a Blob with the page's address, title and the time), selected text a timestamped
 * note ending with the page's address. Items the background left in the inbox are moved here.
 */

/** A data: URL as a Blob, decoded synchronously (no fetch, nothing else to await). */
export function dataUrlToBlob(dataUrl: string): Blob {
  const match = /^data:([^;,]*)((?:;[^;,]*)*?)(;base64)?,(.*)$/s.exec(dataUrl);
  if (!match) throw new Error('Not a data: URL');
  const [, type = '', , base64, payload = ''] = match;
  const binary = base64 ? atob(payload) : decodeURIComponent(payload);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** The inbox is written by our own background, but read back like anything stored: checked first. */
const inboxItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('screenshot'),
    at: z.int().check(z.nonnegative()),
    dataUrl: z.string().check(z.startsWith('data:')),
    url: z.optional(z.string()),
    title: z.optional(z.string()),
  }),
  z.object({ kind: z.literal('text'), at: z.int().check(z.nonnegative()), text: z.string(), url: z.optional(z.string()) }),
]);

export type Stored = { kind: 'screenshot'; attachment: AttachmentRecord } | { kind: 'text'; note: SessionNoteRecord };

/**
 * Stores one item in a session. The id is given by the caller (the inbox key), so storing the same
 * item twice (two pages draining at once) writes the same record twice, never two records.
 */
export async function storeEvidence(item: InboxItem, sessionId: string, id: string = crypto.randomUUID()): Promise<Stored> {
  if (item.kind === 'screenshot') {
    const blob = dataUrlToBlob(item.dataUrl);
    const page = { ...(item.url ? { url: item.url } : {}), ...(item.title ? { title: item.title } : {}) };
    return { kind: 'screenshot', attachment: await addAttachment({ id, ownerType: 'session', ownerId: sessionId, kind: 'screenshot', blob, capturedAt: item.at, ...page }) };
  }
  const text = item.url ? t('evidenceTextNote', [item.text, item.url]) : item.text;
  return { kind: 'text', note: await addNote({ id, sessionId, at: item.at, text }) };
}

/** Screenshots the tab beside the panel straight into the panel's session. */
export async function captureIntoSession(tab: EvidenceTab, sessionId: string, now: number): Promise<AttachmentRecord> {
  const stored = await storeEvidence(await takeScreenshot(tab, now), sessionId);
  if (stored.kind !== 'screenshot') throw new Error('Expected a screenshot');
  return stored.attachment;
}

/** A failure that will not go away by trying again: the item is dropped (and reported). */
const isPermanent = (error: unknown) => error instanceof AttachmentTooLargeError || error instanceof NotAnImageError || error instanceof z.core.$ZodError;

export interface Drained {
  session: SessionRecord | null;
  stored: Stored[];
  /** Items that could not be stored: kept for the next try (a full disk) or dropped (too large). */
  failures: unknown[];
}

/**
 * Moves every item the background left into a session (the given one, else the one evidence goes to,
 * see resolveEvidenceSession), oldest first. An item leaves the inbox only once it is stored.
 * While the lock is closed nothing can be stored (sealing needs the key): finding the session throws
 * LockedError with every item left in the inbox; locked midway, the rest stay for after unlocking.
 */
export async function drainInbox({ now, sessionId }: { now: number; sessionId?: string }): Promise<Drained> {
  const all: Record<string, unknown> = await browser.storage.local.get(null);
  const keys = Object.keys(all).filter(isInboxKey);
  const drained: Drained = { session: null, stored: [], failures: [] };
  if (keys.length === 0) return drained;
  const chosen = sessionId === undefined ? undefined : await getSession(sessionId);
  const session = chosen ?? (await resolveEvidenceSession(now));
  drained.session = session;
  // Opened first (sealed with the lock on): locked, this throws and every item stays.
  const entries = await Promise.all(keys.map((key) => openFromStorage(key, all[key])));
  const items = keys.flatMap((key, i) => {
    const parsed = inboxItemSchema.safeParse(entries[i]);
    if (parsed.success) return [{ key, item: parsed.data }];
    reportInvalid('evidence inbox', { id: key }, parsed.error);
    void browser.storage.local.remove(key);
    return [];
  });
  for (const { key, item } of items.sort((a, b) => a.item.at - b.item.at)) {
    try {
      drained.stored.push(await storeEvidence(item, session.id, key.slice(INBOX_PREFIX.length)));
      await browser.storage.local.remove(key);
    } catch (error) {
      drained.failures.push(error);
      // Locked: this item and the rest wait in the inbox for the next drain after unlocking.
      if (error instanceof LockedError) break;
      if (isPermanent(error)) await browser.storage.local.remove(key);
    }
  }
  return drained;
}

/** Calls back when the background leaves something in the inbox; returns the unsubscribe. */
export function onInboxChanged(listener: () => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && Object.entries(changes).some(([key, change]) => isInboxKey(key) && change.newValue !== undefined)) listener();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

/** What a failed capture or save tells the user; a refusal says how to give the browser's permission. */
export function describeEvidenceError(error: unknown, shortcut: string): string {
  if (error instanceof CaptureRefusedError) return refusalHint(shortcut);
  if (error instanceof LockedError) return t('evidenceLockedMessage');
  if (isQuotaExceeded(error)) return t('errStorageFull');
  if (error instanceof AttachmentTooLargeError) return t('errAttachmentTooLarge', String(MAX_ATTACHMENT_BYTES / 1024 / 1024));
  if (error instanceof NotAnImageError) return t('errNotAnImage');
  return t('errGeneric', error instanceof Error ? error.message : String(error));
}
