import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { toIsoDate } from '../domain/dates';
import { formatDayAndMonth } from '../i18n/day-format';
import { t, uiLanguage, type MessageKey, type UiLanguage } from '../i18n';

/**
 * What the last sync did, kept in storage.local (`syncStatus`) by the background after every run
 * and read by the options page, which follows its changes. One record: the last attempt, the last
 * success with its counts, or the problem that stopped it and, for a busy or unreachable server,
 * when the next automatic attempt may go (`retryAt`, from lib/sync/backoff.ts).
 */

export const SYNC_STATUS_KEY = 'syncStatus';

/** Why a sync did not happen or did not finish; each has its sentence below. */
export const SYNC_PROBLEMS = [
  'locked', // the lock is on and no key is held: the secrets cannot be read
  'no-permission', // the browser no longer allows requests to the server's origin
  'auth', // 401: user name or password refused
  'forbidden', // 403
  'not-found', // the vault folder is not there
  'busy', // 429/503, or our own request budget spent
  'network', // no answer
  'insufficient-storage', // 507
  'origin', // a redirect or an address on another server: refused
  'vault-missing', // the vault file is gone
  'vault-replaced', // another vault is at the address now
  'damaged', // a file of the vault, or an answer, does not read
  'unsupported', // written by a newer version of the extension
  'account', // the stored account does not read back
  'server', // any other answer
] as const;
export type SyncProblem = (typeof SYNC_PROBLEMS)[number];

export type SyncPhase = 'pull' | 'push' | 'blobs';

const countSchema = z.int().check(z.nonnegative());

export const syncStatusSchema = z.object({
  v: z.literal(1),
  lastAttemptAt: z.optional(z.number()),
  lastSyncedAt: z.optional(z.number()),
  report: z.optional(z.object({ pulled: countSchema, pushed: countSchema, conflicts: countSchema, problems: countSchema })),
  problem: z.optional(z.enum(SYNC_PROBLEMS)),
  /** Failures in a row of a kind worth retrying (busy, network): the backoff doubles with it. */
  failures: countSchema,
  /** Not before this, for automatic runs. */
  retryAt: z.optional(z.number()),
  /** A run under way: since when, and how far it got. */
  running: z.optional(
    z.object({ since: z.number(), phase: z.optional(z.enum(['pull', 'push', 'blobs'])), done: countSchema, total: countSchema }),
  ),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const EMPTY_STATUS: SyncStatus = { v: 1, failures: 0 };

export async function readSyncStatus(): Promise<SyncStatus> {
  const stored = await browser.storage.local.get(SYNC_STATUS_KEY);
  const parsed = syncStatusSchema.safeParse(stored[SYNC_STATUS_KEY]);
  return parsed.success ? parsed.data : EMPTY_STATUS;
}

export async function writeSyncStatus(status: SyncStatus): Promise<void> {
  await browser.storage.local.set({ [SYNC_STATUS_KEY]: syncStatusSchema.parse(status) });
}

/** Follows the status as the background writes it. Returns the function that stops following. */
export function onSyncStatusChange(listener: (status: SyncStatus) => void): () => void {
  const handle = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(SYNC_STATUS_KEY in changes)) return;
    const parsed = syncStatusSchema.safeParse(changes[SYNC_STATUS_KEY].newValue);
    listener(parsed.success ? parsed.data : EMPTY_STATUS);
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}

const PROBLEM_TEXT: Record<SyncProblem, MessageKey> = {
  locked: 'syncProblemLocked',
  'no-permission': 'syncProblemNoPermission',
  auth: 'syncProblemAuth',
  forbidden: 'syncProblemForbidden',
  'not-found': 'syncProblemNotFound',
  busy: 'syncProblemBusy',
  network: 'syncProblemNetwork',
  'insufficient-storage': 'syncProblemStorage',
  origin: 'syncProblemOrigin',
  'vault-missing': 'syncProblemVaultMissing',
  'vault-replaced': 'syncProblemVaultReplaced',
  damaged: 'syncProblemDamaged',
  unsupported: 'syncProblemUnsupported',
  account: 'syncProblemAccount',
  server: 'syncProblemServer',
};

/** The sentence for a problem, without the retry time. */
export function syncProblemText(problem: SyncProblem): string {
  return t(PROBLEM_TEXT[problem]);
}

/** "14:05" today, "11月27日 周五 14:05" / "Fri 27 Nov, 14:05" on another day (24-hour in both). */
export function formatClock(at: number, now: number, language: UiLanguage = uiLanguage()): string {
  const date = new Date(at);
  const time = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  const day = toIsoDate(at);
  if (day === toIsoDate(now)) return time;
  const dayText = formatDayAndMonth(day, language);
  return language === 'zh-CN' ? `${dayText} ${time}` : `${dayText}, ${time}`;
}

/** "Synced just now", "Synced 2 minutes ago", "Synced today at 14:05", "Synced Fri 27 Nov, 14:05". */
export function syncedAgoText(at: number, now: number, language: UiLanguage = uiLanguage()): string {
  const elapsed = Math.max(0, now - at);
  if (elapsed < 60_000) return t('syncSyncedJustNow');
  const minutes = Math.floor(elapsed / 60_000);
  if (minutes === 1) return t('syncSyncedMinuteAgo');
  if (minutes < 60) return t('syncSyncedMinutesAgo', String(minutes));
  if (toIsoDate(at) === toIsoDate(now)) return t('syncSyncedToday', formatClock(at, now, language));
  return t('syncSyncedOn', formatClock(at, now, language));
}

export type StatusTone = 'never' | 'running' | 'ok' | 'problem';

export interface StatusLines {
  readonly tone: StatusTone;
  /** The main line: the problem, the progress, or when it last synced. */
  readonly headline: string;
  /** What the last success did, or when it was (under a problem). */
  readonly details: readonly string[];
}

const PHASE_TEXT: Record<SyncPhase, MessageKey> = { pull: 'syncPhasePull', push: 'syncPhasePush', blobs: 'syncPhaseBlobs' };

const STALE_RUN_MS = 10 * 60_000;

/** The status in the user's words. */
export function describeSyncStatus(status: SyncStatus, now: number, language: UiLanguage = uiLanguage()): StatusLines {
  const details: string[] = [];
  // A run whose worker was stopped midway never wrote its outcome: after a while it is not shown as running.
  if (status.running && now - status.running.since < STALE_RUN_MS) {
    const { phase, done, total } = status.running;
    const headline = phase && total > 0 ? t('syncRunningPhase', [t(PHASE_TEXT[phase]), String(Math.min(done, total)), String(total)]) : t('syncRunning');
    return { tone: 'running', headline, details };
  }
  if (status.problem) {
    let headline = syncProblemText(status.problem);
    if ((status.problem === 'busy' || status.problem === 'network') && status.retryAt !== undefined && status.retryAt > now) {
      headline = t(status.problem === 'busy' ? 'syncRetryBusy' : 'syncRetryNetwork', formatClock(status.retryAt, now, language));
    }
    if (status.lastSyncedAt !== undefined) details.push(syncedAgoText(status.lastSyncedAt, now, language));
    else details.push(t('syncNeverSynced'));
    return { tone: 'problem', headline, details };
  }
  if (status.lastSyncedAt === undefined) return { tone: 'never', headline: t('syncNeverSynced'), details };
  const report = status.report;
  if (report) {
    details.push(t('syncReportCounts', [String(report.pulled), String(report.pushed)]));
    if (report.conflicts > 0) details.push(t('syncReportConflicts', String(report.conflicts)));
    if (report.problems > 0) details.push(t('syncReportProblems', String(report.problems)));
  }
  return { tone: 'ok', headline: syncedAgoText(status.lastSyncedAt, now, language), details };
}

/**
 * The problem an error stands for. Set-up and sync both come here, so the options page and the
 * status say the same thing for the same failure.
 */
export function problemOf(error: unknown): SyncProblem {
  if (error instanceof Error) {
    if (error.name === 'LockedError') return 'locked';
    if (error.name === 'RemoteError' && 'kind' in error) {
      const kind = (error as { kind: string }).kind;
      if (kind === 'auth' || kind === 'forbidden' || kind === 'not-found' || kind === 'busy' || kind === 'network' || kind === 'origin') return kind;
      if (kind === 'insufficient-storage') return 'insufficient-storage';
      if (kind === 'truncated') return 'damaged';
      return 'server';
    }
    if (error.name === 'VaultError' && 'kind' in error) {
      const kind = (error as { kind: string }).kind;
      if (kind === 'vault-missing' || kind === 'vault-replaced') return kind;
      if (kind === 'vault-unsupported' || kind === 'file-unsupported') return 'unsupported';
      return 'damaged';
    }
  }
  return 'server';
}
