import { isOurUid } from '../uid';
import type { EventResource } from '../serialize';

/**
 * What to do to bring a calendar in line with the events we want there: pure, from the desired
 * events and the ones of ours the server has. Only events whose UID is ours are ever touched
 * (the user's own events share the calendar); each of ours lives at a resource named after its
 * UID, so a create repeated after a lost answer meets the first one (412) instead of making a
 * second copy.
 *
 * - wanted and absent: PUT with If-None-Match: * (create only);
 * - wanted and present with another content hash: PUT with If-Match on its ETag;
 * - present and no longer wanted (its step is past, paid, or its agreement deleted): DELETE, with If-Match;
 * - the same UID twice (left by another client): the copy that is not at our name is deleted.
 */

export interface RemoteEvent {
  url: string;
  etag: string | null;
  uid: string;
  /** The content hash we wrote with it, or null if it has none (not written by this version). */
  hash: string | null;
}

export type SyncAction =
  | { kind: 'create'; uid: string; url: string; body: string }
  | { kind: 'update'; uid: string; url: string; etag: string | null; body: string }
  | { kind: 'delete'; uid: string; url: string; etag: string | null };

/** Our resource name for a UID: its part before the domain, in characters every server keeps. */
export function resourceName(uid: string): string {
  return `${uid.replace(/@.*$/, '').replace(/[^A-Za-z0-9_-]/g, '_')}.ics`;
}

export function resourceUrl(calendarUrl: string, uid: string): string {
  return new URL(resourceName(uid), calendarUrl.endsWith('/') ? calendarUrl : `${calendarUrl}/`).toString();
}

export function planCalendarSync(desired: readonly EventResource[], remote: readonly RemoteEvent[], calendarUrl: string): SyncAction[] {
  const actions: SyncAction[] = [];
  const ours = remote.filter((r) => isOurUid(r.uid));
  const byUid = new Map<string, RemoteEvent[]>();
  for (const r of ours) byUid.set(r.uid, [...(byUid.get(r.uid) ?? []), r]);
  const wanted = new Set<string>();
  for (const event of desired) {
    if (!isOurUid(event.uid) || wanted.has(event.uid)) continue;
    wanted.add(event.uid);
    const url = resourceUrl(calendarUrl, event.uid);
    const copies = byUid.get(event.uid) ?? [];
    const keep = copies.find((c) => samePath(c.url, url)) ?? copies[0];
    if (!keep) actions.push({ kind: 'create', uid: event.uid, url, body: event.body });
    else if (keep.hash !== event.hash) actions.push({ kind: 'update', uid: event.uid, url: keep.url, etag: keep.etag, body: event.body });
    for (const extra of copies) if (extra !== keep) actions.push({ kind: 'delete', uid: extra.uid, url: extra.url, etag: extra.etag });
  }
  for (const r of ours) if (!wanted.has(r.uid)) actions.push({ kind: 'delete', uid: r.uid, url: r.url, etag: r.etag });
  return actions;
}

function samePath(a: string, b: string): boolean {
  const path = (url: string) => decodeURIComponent(new URL(url).pathname);
  return path(a) === path(b);
}
