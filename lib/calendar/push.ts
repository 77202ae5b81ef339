import { browser } from 'wxt/browser';
import { listAgreements } from '../db/agreements';
import { listPaymentsByAgreement } from '../db/payments';
import { withSavedSettings } from '../db/save-agreement';
import { currentLockState } from '../keys/state';
import { nextAttemptAt } from '../sync/backoff';
import { parseRetryAfter } from '../sync/webdav/http';
import { loadCalendarAccount, type CalendarAccount } from './account';
import { DavError, type DavRequest } from './caldav/request';
import { syncCalendar, type SyncResult } from './caldav/sync';
import { calendarEvents } from './plan-events';
import { loadLeaveOutDetails } from './privacy';
import { loadPushStatus, savePushStatus, type PushProblem } from './push-status';
import { eventResources, type EventResource } from './serialize';
import { fetchTransport } from './transport';
import { eventWords } from './words';

/**
 * Bringing the user's CalDAV calendar in line with the agreements: the same events the .ics file
 * has (lib/calendar/plan-events.ts), with the same privacy choice, through syncCalendar (PUT new,
 * If-Match changed, DELETE gone, only ours). Run by the background after each change the write
 * path announces (debounced, push-schedule.ts) and on the sweep alarm, and by the Calendar section.
 *
 * - One push at a time in the whole extension (a Web Lock), so the worker and an options page never
 *   race each other; syncCalendar is safe to repeat anyway.
 * - While locked nothing is pushed (account.ts says why).
 * - After a 429 or 503 the server's Retry-After is honoured, and after no answer the wait doubles
 *   (lib/sync/backoff.ts); automatic pushes wait, one the user asks for goes at once.
 */

export type PushOutcome =
  | { kind: 'done'; result: SyncResult; events: number }
  | { kind: 'failed'; problem: PushProblem; status: number | null }
  | { kind: 'not-connected' }
  | { kind: 'locked' }
  | { kind: 'waiting'; until: number };

const PUSH_MUTEX = 'repay-companion/calendar-push';

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

let inThisContext: Promise<unknown> = Promise.resolve();

/** Runs `task` while no push (or disconnection) runs anywhere in the extension. */
export function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as { locks?: Partial<LockManagerLike> } | undefined)?.locks;
  if (typeof locks?.request === 'function') return (locks as LockManagerLike).request(PUSH_MUTEX, task);
  const run = inThisContext.then(task, task);
  inThisContext = run.catch(() => undefined);
  return run;
}

/** The events we want on the calendar now, worded as the user chose. */
export async function desiredEvents(now: number): Promise<EventResource[]> {
  const [agreements, payments, settings, leaveOutDetails] = await Promise.all([
    listAgreements(now),
    listPaymentsByAgreement(now),
    withSavedSettings({ now }),
    loadLeaveOutDetails(),
  ]);
  const sources = agreements.map((agreement) => ({ agreement, payments: payments.get(agreement.id) ?? [] }));
  const events = calendarEvents(sources, { now, hour: settings.hour, milestones: settings.milestones, leadDays: settings.leadDays, leaveOutDetails }, eventWords());
  return eventResources(events, now);
}

/** The transport for an account, noting the Retry-After of a 429 or 503 it meets. */
export function accountTransport(account: CalendarAccount, onBusy?: (retryAfter: string | null) => void): DavRequest {
  const request = fetchTransport({ origin: account.origin, hostSuffix: account.hostSuffix, username: account.username, password: account.password });
  return async (method, url, init) => {
    const response = await request(method, url, init);
    if (response.status === 429 || response.status === 503) onBusy?.(response.headers.get('retry-after'));
    return response;
  };
}

export interface PushOptions {
  /** The user asked: go now even while backing off. */
  force?: boolean;
  random?: () => number;
  /** For tests: the transport to use instead of the account's fetch. */
  request?: DavRequest;
}

export function pushCalendar(now: number, options: PushOptions = {}): Promise<PushOutcome> {
  return oneAtATime(() => pushNow(now, options));
}

async function pushNow(now: number, options: PushOptions): Promise<PushOutcome> {
  if ((await currentLockState(now)).kind === 'locked') return { kind: 'locked' };
  const account = await loadCalendarAccount();
  if (!account?.calendarUrl) return { kind: 'not-connected' };
  const previous = await loadPushStatus();
  if (!options.force && previous?.notBefore !== null && previous?.notBefore !== undefined && previous.notBefore > now) {
    return { kind: 'waiting', until: previous.notBefore };
  }

  const fail = async (problem: PushProblem, status: number | null, retryAfterMs?: number): Promise<PushOutcome> => {
    const failures = (previous?.failures ?? 0) + 1;
    const retryKind = problem === 'busy' ? 'busy' : problem === 'network' ? 'network' : 'other';
    const notBefore = retryKind === 'other' ? null : nextAttemptAt({ kind: retryKind, retryAfterMs }, failures, now, options.random ?? Math.random);
    await savePushStatus({ at: now, okAt: previous?.okAt ?? null, events: previous?.events ?? null, problem: { kind: problem, status }, failures, notBefore });
    return { kind: 'failed', problem, status };
  };

  if (!options.request && !(await browser.permissions.contains({ origins: [account.permissionPattern] }))) return fail('permission', null);

  let retryAfter: string | null = null;
  const request = options.request ?? accountTransport(account, (value) => (retryAfter = value));
  try {
    const desired = await desiredEvents(now);
    const result = await syncCalendar(request, account.calendarUrl, desired);
    await savePushStatus({ at: now, okAt: now, events: desired.length, problem: null, failures: 0, notBefore: null });
    return { kind: 'done', result, events: desired.length };
  } catch (error) {
    if (!(error instanceof DavError)) throw error;
    if (error.status === 429 || error.status === 503) return fail('busy', error.status, parseRetryAfter(retryAfter, now));
    return fail(error.kind, error.status);
  }
}
