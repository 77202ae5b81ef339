import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { lockSettingsSchema, type UnlockedSession } from '../crypto/lock-state';
import { LOCK_SETTINGS_KEY, UNLOCKED_SESSION_KEY } from '../keys/state';

/**
 * "Turning the lock on from two windows at once ends with one key, and every record is readable with
 * it." Each window is its own set of modules (its own lock cache, its own database connection, its
 * own in-page queue), over the one fake browser storage and the one fake IndexedDB, as two options
 * pages of the extension are. Modules are loaded per test (vi.resetModules), never statically, so no
 * window outlives its test.
 */

// Test-only: few PBKDF2 iterations keep these tests fast (production uses 600,000).
const FAST = { unsafeTestIterations: 1_000 };
const FIRST = '第一个窗口里输入的很长的口令';
const SECOND = 'the second window typed this one';
const SECRETS = ['借呗', '123456', '客服工号 A123', '同意分12期'];
const STORES = ['agreements', 'payments', 'sessions', 'sessionNotes'] as const;

async function openWindow() {
  vi.resetModules();
  const [actions, database, saving, paymentWrites, payments, agreements, sessions] = await Promise.all([
    import('./actions'),
    import('../db/database'),
    import('../db/save-agreement'),
    import('../db/payment-writes'),
    import('../db/payments'),
    import('../db/agreements'),
    import('../db/sessions'),
  ]);
  return { actions, database, saving, paymentWrites, payments, agreements, sessions };
}
type Window = Awaited<ReturnType<typeof openWindow>>;

async function seed(w: Window, now: number): Promise<string> {
  const plan = { now, hour: 9 };
  const a = await w.saving.saveAgreement({ lender: '借呗', kind: 'extension', amountFen: 123_456, dueDate: '2026-12-15' }, plan);
  await w.paymentWrites.recordPayment({ agreementId: a.id, amountFen: 20_000, paidOn: '2026-11-20', coverage: 'partial' }, plan);
  await w.sessions.createSession({ id: 's1', agreementId: a.id, lender: '借呗', startedAt: now });
  await w.sessions.updateSession('s1', { agentName: '客服工号 A123', draft: '同意分12期' });
  await w.sessions.addNote({ id: 'n1', sessionId: 's1', at: now, text: '同意分12期', tags: ['promise'] });
  return a.id;
}

/** What the app shows, through its own reads. */
async function view(w: Window, agreementId: string) {
  return {
    agreements: await w.agreements.listAgreements(),
    payments: [...(await w.payments.listPaymentsByAgreement()).entries()],
    sessions: await w.sessions.listSessionsOfAgreement(agreementId),
    notes: await w.sessions.listNotes('s1'),
  };
}

async function rawRows(w: Window): Promise<Record<string, unknown>[]> {
  const db = await w.database.openDatabase();
  const rows: object[][] = await Promise.all(STORES.map((store) => db.getAll(store)));
  return rows.flat().map((row) => ({ ...row }));
}

const storedSettings = async () => lockSettingsSchema.parse((await fakeBrowser.storage.local.get(LOCK_SETTINGS_KEY))[LOCK_SETTINGS_KEY]);
const heldRawKey = async () => ((await fakeBrowser.storage.session.get(UNLOCKED_SESSION_KEY))[UNLOCKED_SESSION_KEY] as UnlockedSession | undefined)?.rawKey;

/**
 * One of the two calls turned the lock on and the other was told so; the settings hold one data key,
 * the session holds that key, and every record is sealed and opens with it (also after locking and
 * unlocking with the winner's passphrase; the loser's is refused: it was never used).
 */
async function expectOneKey(w: Window, results: unknown[], agreementId: string, before: Awaited<ReturnType<typeof view>>) {
  expect(results).toContainEqual({ ok: true });
  expect(results).toContainEqual({ ok: false, problem: 'already-on' });
  const firstWon = (results[0] as { ok: boolean }).ok;
  const [winner, loser] = firstWon ? [FIRST, SECOND] : [SECOND, FIRST];
  const settings = await storedSettings();
  expect(settings.converting).toBeUndefined();
  expect(settings.autoLockMinutes).toBe(firstWon ? 15 : 30);
  const rows = await rawRows(w);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row).toHaveProperty('sealed');
  for (const secret of SECRETS) expect(JSON.stringify(rows)).not.toContain(secret);
  expect(await view(w, agreementId)).toEqual(before);

  const held = await heldRawKey();
  await w.actions.lockNow();
  expect(await w.actions.unlock(loser, Date.now(), FAST)).toEqual({ ok: false, problem: 'wrong-passphrase' });
  expect(await w.actions.unlock(winner, Date.now(), FAST)).toEqual({ ok: true });
  expect(await heldRawKey()).toBe(held);
  expect(await view(w, agreementId)).toEqual(before);
}

/**
 * A minimal Web Locks API, for this test only (Node has none): exclusive requests on one name run one
 * after the other, shared by every window, as a browser shares them between the pages of an origin.
 */
function installWebLocks(): () => void {
  const queues = new Map<string, Promise<unknown>>();
  const locks = {
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      const run = (queues.get(name) ?? Promise.resolve()).then(() => callback());
      queues.set(name, run.catch(() => undefined));
      return run;
    },
  };
  Object.defineProperty(globalThis.navigator, 'locks', { value: locks, configurable: true });
  return () => {
    delete (globalThis.navigator as { locks?: unknown }).locks;
  };
}

describe('two windows turning the lock on at once', () => {
  beforeEach(() => {
    // The fake browser lacks it; the real ones have it (Firefox aside, where it is skipped).
    Object.assign(fakeBrowser.storage.session, { setAccessLevel: () => Promise.resolve() });
  });

  it('with Web Locks (as every supported browser has): one key, every record opens with it, the other window is told', async () => {
    const removeWebLocks = installWebLocks();
    try {
      const now = Date.now();
      const a = await openWindow();
      const agreementId = await seed(a, now);
      const before = await view(a, agreementId);
      const b = await openWindow();
      const results = await Promise.all([a.actions.turnOnLock(FIRST, 15, now, FAST), b.actions.turnOnLock(SECOND, 30, now, FAST)]);
      await expectOneKey(a, results, agreementId, before);
    } finally {
      removeWebLocks();
    }
  });

  it('without Web Locks, a double click in one window: the second is told, nothing is converted twice', async () => {
    expect((globalThis.navigator as { locks?: unknown }).locks).toBeUndefined();
    const now = Date.now();
    const a = await openWindow();
    const agreementId = await seed(a, now);
    const before = await view(a, agreementId);
    const results = await Promise.all([a.actions.turnOnLock(FIRST, 15, now, FAST), a.actions.turnOnLock(SECOND, 30, now, FAST)]);
    await expectOneKey(a, results, agreementId, before);
  });

  it('without Web Locks, two windows that both found the lock off: reading the settings back stops the one that lost', async () => {
    const now = Date.now();
    const a = await openWindow();
    const agreementId = await seed(a, now);
    const before = await view(a, agreementId);
    const b = await openWindow();
    // Slow answers, so that both windows find no settings before either writes its own.
    const local = fakeBrowser.storage.local;
    const get = local.get.bind(local) as (keys: string) => Promise<Record<string, unknown>>;
    const slowGet = async (keys: string) => {
      await new Promise((resolve) => setTimeout(resolve, 15));
      return get(keys);
    };
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- actions.ts calls the promise form of get()
    vi.spyOn(local, 'get').mockImplementation(slowGet as typeof local.get);
    const results = await Promise.all([a.actions.turnOnLock(FIRST, 15, now, FAST), b.actions.turnOnLock(SECOND, 30, now, FAST)]);
    vi.restoreAllMocks();
    await expectOneKey(a, results, agreementId, before);
  });
});
