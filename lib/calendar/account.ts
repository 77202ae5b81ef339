import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { openFromStorage, sealForStorage } from '../keys/sealed-storage';
import type { TransportScope } from './transport';

/**
 * The user's CalDAV calendar, as the options page's "Calendar" section connects it: the server,
 * the user name and password, and the calendar chosen there. Kept in this profile only
 * (storage.local), never in a backup.
 *
 * With the lock on, the whole account (the password with it) is sealed with the records' key, like
 * the script tab's figures (lib/keys/sealed-storage.ts), and re-sealed when the lock is turned on
 * or off (lib/lock/convert.ts). So the calendar is brought in line only while unlocked: while
 * locked neither the password nor the lender names and amounts can be read, and nothing can be
 * changed either, so nothing is missed; the events already on the calendar keep ringing on the
 * phone, and the first push after unlocking catches up.
 */

export const CALENDAR_ACCOUNT_KEY = 'calendarAccount';

export const CALENDAR_SERVER_KINDS = ['nextcloud', 'synology', 'radicale', 'fastmail', 'icloud', 'other'] as const;
export type CalendarServerKind = (typeof CALENDAR_SERVER_KINDS)[number];

/** Servers whose address is always the same: the user types only the user name and password. */
export const FIXED_SERVER_URLS: Partial<Record<CalendarServerKind, string>> = {
  fastmail: 'https://caldav.fastmail.com/',
  icloud: 'https://caldav.icloud.com/',
};

const accountSchema = z.object({
  kind: z.enum(CALENDAR_SERVER_KINDS),
  serverUrl: z.string(),
  origin: z.string(),
  hostSuffix: z.optional(z.string()),
  permissionPattern: z.string(),
  username: z.string(),
  password: z.string(),
  calendarUrl: z.nullable(z.string()),
  calendarName: z.nullable(z.string()),
});

export type CalendarAccount = z.infer<typeof accountSchema>;

export type ServerInputError = 'url-invalid' | 'url-scheme' | 'url-insecure' | 'url-credentials';

export interface CalendarServer extends TransportScope {
  kind: CalendarServerKind;
  serverUrl: string;
  /** What `permissions.request({ origins })` asks for: `https://host/*`, or `https://*.icloud.com/*`. */
  permissionPattern: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The server from what the user typed (or the preset's fixed address). https, or plain http to this
 * computer only: a password sent over plain http to another machine can be read on the way.
 */
export function calendarServer(kind: CalendarServerKind, typed: string): { ok: true; server: CalendarServer } | { ok: false; error: ServerInputError } {
  const text = (FIXED_SERVER_URLS[kind] ?? typed).trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, error: 'url-invalid' };
  }
  if (text === '' || url.hostname === '') return { ok: false, error: 'url-invalid' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, error: 'url-scheme' };
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) return { ok: false, error: 'url-insecure' };
  if (url.username !== '' || url.password !== '') return { ok: false, error: 'url-credentials' };
  url.hash = '';
  url.search = '';
  if (kind === 'icloud') {
    // iCloud answers discovery on caldav.icloud.com and keeps each user's calendars on pNN-caldav.icloud.com.
    return { ok: true, server: { kind, serverUrl: url.toString(), origin: url.origin, hostSuffix: '.icloud.com', permissionPattern: 'https://*.icloud.com/*' } };
  }
  return { ok: true, server: { kind, serverUrl: url.toString(), origin: url.origin, permissionPattern: `${url.protocol}//${url.hostname}/*` } };
}

/** The account, or null when none is connected or it cannot be read (another key). Throws LockedError while locked. */
export async function loadCalendarAccount(key?: CryptoKey | null): Promise<CalendarAccount | null> {
  const stored = (await browser.storage.local.get(CALENDAR_ACCOUNT_KEY))[CALENDAR_ACCOUNT_KEY];
  if (stored === undefined) return null;
  const parsed = accountSchema.safeParse(await openFromStorage(CALENDAR_ACCOUNT_KEY, stored, key));
  return parsed.success ? parsed.data : null;
}

/** Whether an account is stored, without opening it (readable while locked). */
export async function hasCalendarAccount(): Promise<boolean> {
  const stored = await browser.storage.local.get(CALENDAR_ACCOUNT_KEY);
  return stored[CALENDAR_ACCOUNT_KEY] !== undefined;
}

/** Stores the account, sealed while the lock is on. Throws LockedError while locked. */
export async function saveCalendarAccount(account: CalendarAccount): Promise<void> {
  const checked = accountSchema.parse(account);
  await browser.storage.local.set({ [CALENDAR_ACCOUNT_KEY]: await sealForStorage(CALENDAR_ACCOUNT_KEY, checked) });
}

export async function removeCalendarAccount(): Promise<void> {
  await browser.storage.local.remove(CALENDAR_ACCOUNT_KEY);
}
