import { browser } from 'wxt/browser';
import { hasHostPermission } from '../browser/host-permission';
import { loadAccount, SYNC_BUDGET_KEY } from './account';
import { nextAttemptAt } from './backoff';
import { problemOf, readSyncStatus, writeSyncStatus, type SyncPhase, type SyncProblem, type SyncStatus } from './status';
import type { SyncRun } from './engine/sync';
import { vaultKeysFrom } from './vault/keys';
import { remoteFor } from './setup';

/**
 * One sync of this device, as the background runs it: load the account, check the server's
 * permission, open the vault's keys, hand over to the engine (lib/sync/engine), and keep what
 * happened in the status (lib/sync/status.ts) for the options page.
 *
 * One run at a time: only the background runs syncs (the options page asks it with a message), and
 * a run asked for while one is under way gets that run's outcome instead of a second one.
 * A busy or unreachable server is tried again no sooner than the backoff says (lib/sync/backoff.ts,
 * which honours Retry-After); automatic runs before then do nothing, "Sync now" goes anyway.
 */

/** What the engine is given: lib/sync/engine/sync.ts `syncDevice`'s own run (a type only: the engine is not loaded here), which checks the vault file against `keys.vaultId` before anything else. */
export type EngineRun = SyncRun;

export interface EngineReport {
  pulled: number;
  pushed: number;
  conflicts: number;
  problems: readonly unknown[];
}

export type SyncEngine = (run: EngineRun) => Promise<EngineReport>;

export type SyncReason = 'manual' | 'alarm' | 'data-changed' | 'start';

export type RunOutcome =
  | { readonly kind: 'off' } // no account: nothing to do
  | { readonly kind: 'waiting'; readonly status: SyncStatus } // an automatic run before retryAt
  | { readonly kind: 'done'; readonly status: SyncStatus };

export interface RunOptions {
  readonly reason: SyncReason;
  readonly engine: SyncEngine;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly fetch?: typeof fetch;
  readonly signal?: AbortSignal;
}

/** Progress is written at most this often: each write wakes every open options page. */
const PROGRESS_INTERVAL_MS = 500;

let current: Promise<RunOutcome> | null = null;

/** Runs a sync, or joins the one under way. */
export function runSync(options: RunOptions): Promise<RunOutcome> {
  if (current) return current;
  const run = runOnce(options).finally(() => {
    if (current === run) current = null;
  });
  current = run;
  return run;
}

async function readBudget(): Promise<number[]> {
  const stored = await browser.storage.local.get(SYNC_BUDGET_KEY);
  const sent: unknown = stored[SYNC_BUDGET_KEY];
  return Array.isArray(sent) ? sent.filter((time): time is number => typeof time === 'number' && Number.isFinite(time)) : [];
}

/** What a run keeps of the status before it: the last success and the failures in a row. */
function settled(status: SyncStatus): SyncStatus {
  return {
    v: 1,
    failures: status.failures,
    ...(status.lastSyncedAt === undefined ? {} : { lastSyncedAt: status.lastSyncedAt }),
    ...(status.lastAttemptAt === undefined ? {} : { lastAttemptAt: status.lastAttemptAt }),
    ...(status.report ? { report: status.report } : {}),
  };
}

async function runOnce(options: RunOptions): Promise<RunOutcome> {
  const now = options.now ?? Date.now;
  const before = await readSyncStatus();
  const loaded = await loadAccount();
  if (loaded.kind === 'none') return { kind: 'off' };
  if (options.reason !== 'manual' && before.retryAt !== undefined && before.retryAt > now() && (before.problem === 'busy' || before.problem === 'network')) {
    return { kind: 'waiting', status: before };
  }
  const startedAt = now();
  const fail = async (problem: SyncProblem, error?: unknown): Promise<RunOutcome> => {
    const retryable = problem === 'busy' || problem === 'network';
    const failures = retryable ? before.failures + 1 : 0;
    const retryAt = retryable && error instanceof Error ? nextAttemptAt(error as Error & { kind: 'busy' | 'network'; retryAfterMs?: number }, failures, now(), options.random ?? Math.random) : null;
    const status: SyncStatus = { ...settled(before), lastAttemptAt: startedAt, problem, failures, ...(retryAt === null ? {} : { retryAt }) };
    await writeSyncStatus(status);
    return { kind: 'done', status };
  };
  if (loaded.kind === 'locked') return fail('locked');
  if (loaded.kind === 'damaged') return fail('account');
  const { account } = loaded;
  // The user can withdraw the permission in the browser's settings at any time; without it every
  // request fails as a CORS error, which would read as "network".
  if (!(await hasHostPermission(account.location.permissionPattern))) return fail('no-permission');

  // The budget's history (坚果云), read before and stored after: the worker may be stopped between runs.
  let budget: readonly number[] = await readBudget();
  const remote = remoteFor(account, {
    now,
    budgetStore: { get: () => budget, set: (next) => void (budget = next) },
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });

  // Progress writes go one after another and stop before the outcome is written, so a late one
  // never leaves the status "running".
  let writing: Promise<void> = Promise.resolve();
  let finished = false;
  let lastProgressAt = 0;
  const running = (phase: SyncPhase | undefined, done: number, total: number) => {
    writing = writing
      .then(() => (finished ? undefined : writeSyncStatus({ ...settled(before), running: { since: startedAt, ...(phase ? { phase } : {}), done, total } })))
      .catch(() => undefined);
    return writing;
  };
  try {
    await running(undefined, 0, 0);
    // The engine checks, before it writes anything, that the vault file is still this vault's.
    const keys = await vaultKeysFrom(account.vaultId, account.rawSyncKey);
    const report = await options.engine({
      remote,
      keys,
      deviceId: account.deviceId,
      deviceName: account.deviceName,
      now,
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: ({ phase, done, total }) => {
        const at = now();
        if (at - lastProgressAt < PROGRESS_INTERVAL_MS && done < total) return;
        lastProgressAt = at;
        void running(phase, done, total);
      },
    });
    finished = true;
    await writing;
    const status: SyncStatus = {
      v: 1,
      lastAttemptAt: startedAt,
      lastSyncedAt: now(),
      report: { pulled: report.pulled, pushed: report.pushed, conflicts: report.conflicts, problems: report.problems.length },
      failures: 0,
    };
    await writeSyncStatus(status);
    return { kind: 'done', status };
  } catch (error) {
    finished = true;
    await writing;
    return await fail(problemOf(error), error);
  } finally {
    if (account.location.budget) await browser.storage.local.set({ [SYNC_BUDGET_KEY]: [...budget] });
  }
}
