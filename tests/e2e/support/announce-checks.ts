import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DB_NAME, type Evaluator } from './idb';
import { poll } from './wait';

/**
 * What the background shows after a page wrote something (lib/db/write.ts announces every committed
 * write; in a page that is a 'data-changed' message, and the background reconciles), and what it
 * should show, derived from the app's own data in the same browser.
 *
 * Every function that runs in the browser is serialised: it uses nothing from this module, and it
 * takes `browser` (Firefox) or `chrome` (Chromium), whichever the context has.
 */

/** The alarm the background keeps for the soonest pending reminder (lib/browser/alarms.ts). */
export const NEXT_DUE = 'next-due';

/** The badge text and the next-due alarm's time (null: no such alarm). */
export interface BackgroundState {
  badge: string;
  nextDue: number | null;
}

/** What the database holds that the badge and the alarm follow, with the browser's clock. */
export interface DataSnapshot {
  /** The browser's clock (epoch ms) and its calendar day ('yyyy-MM-dd' in its own zone). */
  now: number;
  today: string;
  /** The lender is absent while the record is sealed (lock on). */
  agreements: { id: string; lender?: string; dueDate: string; settled?: 0 | 1 }[];
  reminders: { id: string; agreementId: string; code: string; fireAt: number; pending: 0 | 1; notifiedAt: number | null }[];
}

/** Anything that evaluates a function in a browser context (Playwright page or worker, Puppeteer page). */
export type Target = Evaluator;

/** Runs in the browser: the badge and the next-due alarm, as the extension's own API reports them. */
async function backgroundStateInBrowser(alarmName: string): Promise<BackgroundState> {
  interface Api {
    action: { getBadgeText(details: object): Promise<string> };
    alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined | null> };
  }
  const scope = globalThis as unknown as { browser?: Api; chrome?: Api };
  const api = (scope.browser ?? scope.chrome) as Api;
  const [badge, alarm] = await Promise.all([api.action.getBadgeText({}), api.alarms.get(alarmName)]);
  return { badge, nextDue: alarm ? alarm.scheduledTime : null };
}

export function readBackground(target: Target): Promise<BackgroundState> {
  return target.evaluate(backgroundStateInBrowser, NEXT_DUE);
}

/**
 * Makes the badge and the next-due alarm wrong on purpose, just before a write: a badge no data
 * gives, and the alarm moved 400 days ahead (armed, never fired). Only a reconcile after the write
 * puts them right again, so a step whose right values equal the previous ones still proves that
 * the background heard of the write. Returns the state read back.
 */
async function scrambleInBrowser(alarmName: string): Promise<BackgroundState> {
  interface Api {
    action: { setBadgeText(details: { text: string }): Promise<void>; getBadgeText(details: object): Promise<string> };
    alarms: { create(name: string, info: { when: number }): unknown; get(name: string): Promise<{ scheduledTime: number } | undefined | null> };
  }
  const scope = globalThis as unknown as { browser?: Api; chrome?: Api };
  const api = (scope.browser ?? scope.chrome) as Api;
  await api.action.setBadgeText({ text: '99' });
  await api.alarms.create(alarmName, { when: Date.now() + 400 * 86_400_000 });
  const [badge, alarm] = await Promise.all([api.action.getBadgeText({}), api.alarms.get(alarmName)]);
  return { badge, nextDue: alarm ? alarm.scheduledTime : null };
}

export async function scramble(target: Target): Promise<BackgroundState> {
  const state = await target.evaluate(scrambleInBrowser, NEXT_DUE);
  if (state.badge !== '99' || state.nextDue === null) throw new Error(`The badge and alarm could not be set wrong on purpose: ${JSON.stringify(state)}`);
  return state;
}

/** Runs in the browser: the agreements and reminders as stored, and the browser's now and today. */
async function snapshotInBrowser(dbName: string): Promise<DataSnapshot> {
  const now = Date.now();
  const date = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  const today = `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const empty: DataSnapshot = { now, today, agreements: [], reminders: [] };
  // Never create the database from here (the extension's own upgrade would not run on it).
  if (!(await indexedDB.databases()).some((info) => info.name === dbName)) return empty;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(dbName);
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
  try {
    const stores = ['agreements', 'reminders'].filter((name) => db.objectStoreNames.contains(name));
    if (stores.length < 2) return empty;
    const tx = db.transaction(stores, 'readonly');
    const all = (name: string) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const request = tx.objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
        request.onerror = () => reject(request.error ?? new Error('read failed'));
      });
    const [agreements, reminders] = await Promise.all([all('agreements'), all('reminders')]);
    return {
      now,
      today,
      agreements: agreements.map((row) => ({
        id: row.id as string,
        ...(typeof row.lender === 'string' ? { lender: row.lender } : {}),
        dueDate: row.dueDate as string,
        ...(row.settled === 0 || row.settled === 1 ? { settled: row.settled } : {}),
      })),
      reminders: reminders.map((row) => ({
        id: row.id as string,
        agreementId: row.agreementId as string,
        code: row.code as string,
        fireAt: row.fireAt as number,
        pending: row.pending as 0 | 1,
        notifiedAt: row.notifiedAt as number | null,
      })),
    };
  } finally {
    db.close();
  }
}

export function snapshot(target: Target): Promise<DataSnapshot> {
  return target.evaluate(snapshotInBrowser, DB_NAME);
}

/**
 * What the data says the background should show: the badge counts the agreements due on or before
 * the browser's today that are not paid in full (the settled flag written with their payments),
 * and the alarm is set for the soonest pending reminder.
 */
export function expectedFrom(data: DataSnapshot): BackgroundState {
  const due = data.agreements.filter((a) => a.dueDate <= data.today && a.settled !== 1).length;
  const pending = data.reminders.filter((r) => r.pending === 1).map((r) => r.fireAt);
  return { badge: due > 0 ? String(due) : '', nextDue: pending.length > 0 ? Math.min(...pending) : null };
}

/** What a step knows for certain, besides what the data says. */
export interface Concrete {
  badge: string;
  /** 'none': no next-due alarm at all; 'armed': one, in the future; a number: exactly then. */
  nextDue?: 'none' | 'armed' | number;
}

export interface Settled {
  state: BackgroundState;
  data: DataSnapshot;
  /** Milliseconds from the start of the wait until the background was right. */
  elapsedMs: number;
}

/** Everything one step's probe saw: logged whole when the wait times out. */
interface Probe {
  seen: BackgroundState;
  fromData: BackgroundState;
  concrete: Concrete;
  browserNow: number;
  data: DataSnapshot;
}

function accepts({ seen, fromData, concrete, browserNow }: Probe): boolean {
  if (seen.badge !== fromData.badge || seen.badge !== concrete.badge) return false;
  if (seen.nextDue !== fromData.nextDue) return false;
  // After a reconcile nothing pending is left in the past (quiet hours are off in the suites).
  if (seen.nextDue !== null && seen.nextDue <= browserNow) return false;
  if (concrete.nextDue === 'none') return seen.nextDue === null;
  if (concrete.nextDue === 'armed') return seen.nextDue !== null;
  if (typeof concrete.nextDue === 'number') return seen.nextDue === concrete.nextDue;
  return true;
}

/**
 * Waits at most `timeoutMs` (2 s) for the badge and the next-due alarm to be right: equal to what
 * the data says and to what the step knows. Fails with everything last seen.
 */
export async function backgroundRight(
  what: string,
  { background, data, concrete, timeoutMs = 2_000 }: { background: () => Promise<Target>; data: () => Promise<Target>; concrete: Concrete; timeoutMs?: number },
): Promise<Settled> {
  const started = Date.now();
  const probe = async (): Promise<Probe> => {
    const seen = await readBackground(await background());
    const snap = await snapshot(await data());
    return { seen, fromData: expectedFrom(snap), concrete, browserNow: snap.now, data: snap };
  };
  const found = await poll(`${what}: the badge and the next-due alarm`, probe, accepts, { timeoutMs, intervalMs: 50 });
  return { state: found.seen, data: found.data, elapsedMs: Date.now() - started };
}

/** Waits (generously) until a write is visible in the database: the moment the 2-second budget starts. */
export async function committed(what: string, data: () => Promise<Target>, check: (snap: DataSnapshot) => boolean, timeoutMs = 15_000): Promise<DataSnapshot> {
  return poll(`${what} to be stored`, async () => snapshot(await data()), check, { timeoutMs, intervalMs: 50 });
}

export const byLender = (snap: DataSnapshot, lender: string) => snap.agreements.find((a) => a.lender === lender);

/** The canonical JSON a backup's checksum covers (docs/backup-format.md): keys sorted at every level, no whitespace. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return value === undefined ? 'null' : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const record = value as Record<string, unknown>;
  const entries = Object.keys(record)
    .sort()
    .filter((key) => record[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`);
  return `{${entries.join(',')}}`;
}

/** A backup file as docs/backup-format.md describes it, written to `dir`; returns its path. */
export function writeBackupFile(dir: string, { schemaVersion, exportedAt, stores }: { schemaVersion: number; exportedAt: number; stores: Record<string, unknown[]> }): string {
  const body = { format: 'repay-companion-backup', formatVersion: 1, schemaVersion, exportedAt, stores };
  const checksum = createHash('sha256').update(canonical(body), 'utf8').digest('hex');
  const path = join(dir, 'repay-companion-backup-import.json');
  writeFileSync(path, `${JSON.stringify({ ...body, checksum }, null, 2)}\n`);
  return path;
}
