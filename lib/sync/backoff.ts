// When to talk to the server again after it said "not now" (`busy`: 429/503) or did not answer
// (`network`), and how many requests a sync may spend. Pure: the caller gives the clock and the
// randomness, and keeps the state (the MV3 worker forgets its globals after 30 s idle, so the
// budget's history is a plain array the background can store between wake-ups).
//
// Why a budget: 坚果云's free plan allows about 600 requests per 30 minutes per account, then answers
// 503 for the rest of the window. The account is shared with the user's other clients, so we stay
// well below it, and we stop before the server stops us: a refused request still counts there.

import type { RemoteErrorKind } from './remote';

export interface BackoffPolicy {
  /** The first wait, doubled at each failure in a row. */
  readonly baseMs: number;
  /** The longest wait we choose ourselves. */
  readonly capMs: number;
  /** A server's Retry-After is honoured up to this (a server asking for a day is not waited for that long). */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 5_000,
  capMs: 30 * 60_000,
  maxRetryAfterMs: 2 * 60 * 60_000,
};

/** The kinds worth trying again later unchanged; the others need the user (auth, forbidden) or the layers above. */
export function isRetryable(kind: RemoteErrorKind): boolean {
  return kind === 'busy' || kind === 'network';
}

/**
 * The earliest moment for the next attempt after `failures` failures in a row (1 after the first),
 * or `null` when waiting would not help. The wait doubles from `baseMs` up to `capMs`, with "equal
 * jitter" (between half and all of it) so that several devices do not come back together; a
 * server's Retry-After is a floor. `random` returns a number in [0, 1).
 */
export function nextAttemptAt(
  error: { readonly kind: RemoteErrorKind; readonly retryAfterMs?: number | undefined },
  failures: number,
  now: number,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number | null {
  if (!isRetryable(error.kind)) return null;
  const exponent = Math.max(0, Math.floor(failures) - 1);
  // 2 ** 40 is already far past any cap; the exponent is bounded so the maths stays finite.
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(exponent, 40));
  const jittered = ceiling / 2 + Math.min(Math.max(random(), 0), 1) * (ceiling / 2);
  const asked = error.retryAfterMs === undefined ? 0 : Math.min(Math.max(error.retryAfterMs, 0), policy.maxRetryAfterMs);
  return now + Math.round(Math.max(jittered, asked));
}

export interface BudgetLimits {
  readonly requests: number;
  readonly windowMs: number;
}

/**
 * A sliding-window count of the requests sent: `sent` holds their times, oldest first. The caller
 * keeps it (and may store it) and passes it back in.
 */
export interface RequestBudget {
  readonly limits: BudgetLimits;
  readonly sent: readonly number[];
}

export function createBudget(limits: BudgetLimits, sent: readonly number[] = []): RequestBudget {
  return { limits, sent: [...sent].sort((a, b) => a - b) };
}

function inWindow(budget: RequestBudget, now: number): number[] {
  // A time after `now` means the clock moved back: those are kept, so the budget cannot be gamed by it.
  return budget.sent.filter((time) => time > now - budget.limits.windowMs).sort((a, b) => a - b);
}

/** Requests still allowed at `now`. */
export function remaining(budget: RequestBudget, now: number): number {
  return Math.max(0, budget.limits.requests - inWindow(budget, now).length);
}

/** How long until one more request is allowed (0 when one is allowed now). */
export function waitForBudget(budget: RequestBudget, now: number): number {
  const recent = inWindow(budget, now);
  const excess = recent.length - budget.limits.requests;
  if (excess < 0) return 0;
  const freeing = recent[excess];
  return freeing === undefined ? 0 : Math.max(0, freeing + budget.limits.windowMs - now);
}

/** The budget after one request at `now`, or `null` when none is allowed now. */
export function spend(budget: RequestBudget, now: number): RequestBudget | null {
  const recent = inWindow(budget, now);
  if (recent.length >= budget.limits.requests) return null;
  return { limits: budget.limits, sent: [...recent, now] };
}
