import { beforeEach, describe, expect, it, vi } from 'vitest';
import { rawRows as rawRowsOf } from '../db/test-support';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { exportBackup, serialiseBackup } from '../backup/export';
import { applyBackup, parseBackup, previewImport } from '../backup/import';
import { dumpDatabase } from '../backup/test-support';
import { canonicalJson } from '../backup/canonical';
import { ACTIVITY_WRITE_INTERVAL_MS, lockSettingsSchema, type UnlockedSession } from '../crypto/lock-state';
import { listAgreements } from '../db/agreements';
import { listAttachments } from '../db/attachments';
import { openDatabase } from '../db/database';
import { recordPayment } from '../db/payment-writes';
import { listPaymentsByAgreement } from '../db/payments';
import { saveAgreement } from '../db/save-agreement';
import { openRows } from '../db/sealing';
import { PLAIN_FIELDS, SEALED_STORES } from '../db/rows';
import { addNote, createSession, listNotes, listSessionsOfAgreement, updateSession } from '../db/sessions';
import { changeAutoLock, changePassphrase, lockNow, noteActivity, turnOffLock, turnOnLock, unlock } from './actions';
import { checkAutoLock, isLockChange } from './auto-lock';
import { LOCK_SETTINGS_KEY, LockedError, UNLOCKED_SESSION_KEY, currentLockState } from '../keys/state';

/**
 * The lock's actions against the fake browser's storage and fake-indexeddb: what lands on disk,
 * what the app's reads return, and what a wrong passphrase or a closed lock leaves alone.
 */

// Test-only: few PBKDF2 iterations keep these tests fast (production uses 600,000).
const FAST = { unsafeTestIterations: 1_000 };
const PASSPHRASE = '我每个月十五号还借呗一千块';
const MINUTE = 60_000;
const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0xca, 0xfe, 0xba, 0xbe]);
/** Text that must never be on disk in plaintext while the lock is on. */
const SECRETS = ['借呗', '微粒贷', '123456', '88800', '客服工号 A123', '工号 8812', '同意分12期', 'lender.example', '在线客服', 'image/png'];

type Row = Record<string, unknown>;

const setAccessLevel = vi.fn(() => Promise.resolve());
beforeEach(() => {
  setAccessLevel.mockClear();
  // The fake browser does not implement it (Firefox lacks it too: see the last test).
  Object.assign(fakeBrowser.storage.session, { setAccessLevel });
});

async function seed(now: number) {
  const plan = { now, hour: 9 };
  const a = await saveAgreement({ lender: '借呗', kind: 'extension', amountFen: 123_456, dueDate: '2026-12-15' }, plan);
  const b = await saveAgreement({ lender: '微粒贷', kind: 'installment', amountFen: 88_800, dueDate: '2027-01-10' }, plan);
  // b is paid in full: its plaintext `settled` flag is 1.
  await recordPayment({ agreementId: a.id, amountFen: 20_000, paidOn: '2026-11-20', coverage: 'partial' }, plan);
  await recordPayment({ agreementId: b.id, amountFen: 88_800, paidOn: '2026-11-21', coverage: 'full' }, plan, new Blob([PNG], { type: 'image/png' }));
  const db = await openDatabase();
  await db.put('notes', { id: a.id, text: '客服工号 A123', updatedAt: now });
  await createSession({ id: 's1', agreementId: a.id, lender: '借呗', startedAt: now });
  await updateSession('s1', { agentName: '工号 8812', draft: '同意分12期' });
  await addNote({ id: 'n1', sessionId: 's1', at: now, text: '同意分12期', tags: ['promise'] });
  const { addAttachment } = await import('../db/attachments');
  await addAttachment({ id: 'shot', ownerType: 'session', ownerId: 's1', kind: 'screenshot', blob: new Blob([PNG], { type: 'image/png' }), url: 'https://lender.example/chat', title: '在线客服', capturedAt: now });
  await (await import('../db/script-state')).updateScriptState(a.id, { figures: { monthly: '88800 每月' } }, now);
  return { a, b };
}

/** Every row of the sealed stores and of reminders, exactly as stored. */
async function rawRows(): Promise<Record<string, Row[]>> {
  const names = [...SEALED_STORES, 'reminders'] as const;
  return Object.fromEntries(await Promise.all(names.map(async (store) => [store, await rawRowsOf(store)] as const)));
}

/** What the app shows, through its own read functions (plus the legacy notes store, opened). */
async function appView(agreementId: string) {
  const payments = await listPaymentsByAgreement();
  const paymentIds = [...payments.values()].flat().map((p) => p.id);
  const receipts = await Promise.all(paymentIds.map((id) => listAttachments('payment', id)));
  const shots = await listAttachments('session', 's1');
  const bytes = await Promise.all([...receipts.flat(), ...shots].map(async (att) => [...new Uint8Array(await att.blob.arrayBuffer())]));
  const db = await openDatabase();
  return {
    agreements: (await listAgreements()).map((row) => ({ ...row })),
    payments: [...payments.entries()],
    sessions: await listSessionsOfAgreement(agreementId),
    sessionNotes: await listNotes('s1'),
    attachments: [...receipts.flat(), ...shots].map((att) => ({ ...att, blob: att.blob.size })),
    bytes,
    notes: await openRows('notes', await db.getAll('notes'), Date.now()),
  };
}

const storageSnapshot = async () =>
  JSON.stringify({ local: await fakeBrowser.storage.local.get(null), session: await fakeBrowser.storage.session.get(null) });

async function settings() {
  return lockSettingsSchema.parse((await fakeBrowser.storage.local.get(LOCK_SETTINGS_KEY))[LOCK_SETTINGS_KEY]);
}

async function session(): Promise<UnlockedSession | undefined> {
  return (await fakeBrowser.storage.session.get(UNLOCKED_SESSION_KEY))[UNLOCKED_SESSION_KEY] as UnlockedSession | undefined;
}

function expectAllSealed(rows: Record<string, Row[]>) {
  for (const store of SEALED_STORES) {
    expect(rows[store]?.length, store).toBeGreaterThan(0);
    for (const row of rows[store] ?? []) {
      expect(row, store).toHaveProperty('sealed');
      // Nothing but the plain fields and the envelopes.
      for (const field of Object.keys(row)) expect([...PLAIN_FIELDS[store], 'rev', 'sealed', 'sealedBlob'], `${store}.${field}`).toContain(field);
    }
  }
  const text = JSON.stringify(rows);
  for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
  // No image bytes in the clear (a Blob would serialise as {}): only sealedBlob envelopes.
  for (const row of rows.attachments ?? []) expect(row).not.toHaveProperty('blob');
}

function expectAllPlain(rows: Record<string, Row[]>) {
  for (const store of SEALED_STORES) for (const row of rows[store] ?? []) expect(row, store).not.toHaveProperty('sealed');
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

describe('turning the lock on', () => {
  it('seals every record on disk while the app reads everything back the same; reminders stay as they were', async () => {
    const now = Date.now();
    const { a, b } = await seed(now);
    const before = await appView(a.id);
    const plainRows = await rawRows();
    expect(JSON.stringify(plainRows)).toContain('借呗');

    await turnOnLock(PASSPHRASE, 15, now, FAST);

    const rows = await rawRows();
    expectAllSealed(rows);
    expect(rows.reminders).toEqual(plainRows.reminders);
    // The badge's flag: b is paid in full, a only in part.
    expect(Object.fromEntries((rows.agreements ?? []).map((row) => [row.id, row.settled]))).toEqual({ [a.id]: 0, [b.id]: 1 });
    expect(await appView(a.id)).toEqual(before);
    expect(before.agreements).toHaveLength(2);
    expect(before.bytes).toEqual([[...PNG], [...PNG]]);

    const stored = await settings();
    expect(stored.autoLockMinutes).toBe(15);
    expect(stored.converting).toBeUndefined();
    expect(JSON.stringify(stored)).not.toContain(PASSPHRASE);
    expect((await session())?.lastActivityAt).toBe(now);
    expect((await currentLockState(now)).kind).toBe('unlocked');
    // The key in storage.session stays out of reach of content scripts.
    expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
  });

  it('refuses a passphrase that breaks the rule, a delay not on offer, or a lock already on, and writes nothing', async () => {
    const now = Date.now();
    await seed(now);
    const dump = await dumpDatabase();
    await expect(turnOnLock('short', 15, now, FAST)).rejects.toThrow();
    await expect(turnOnLock('a'.repeat(20), 15, now, FAST)).rejects.toThrow();
    await expect(turnOnLock(PASSPHRASE, 7, now, FAST)).rejects.toThrow(RangeError);
    expect(await storageSnapshot()).toBe(JSON.stringify({ local: {}, session: {} }));
    expect(await dumpDatabase()).toBe(dump);

    await turnOnLock(PASSPHRASE, 15, now, FAST);
    const snapshot = await storageSnapshot();
    expect(await turnOnLock('another long passphrase', 15, now, FAST)).toEqual({ ok: false, problem: 'already-on' });
    expect(await storageSnapshot()).toBe(snapshot);
  });
});

describe('locked and unlocking', () => {
  it('lockNow forgets the key: reads, export and import throw LockedError and change nothing', async () => {
    const now = Date.now();
    const { a } = await seed(now);
    const backup = await parseBackup(serialiseBackup(await exportBackup(now)));
    await turnOnLock(PASSPHRASE, 15, now, FAST);
    await lockNow();
    expect(await session()).toBeUndefined();
    expect((await currentLockState()).kind).toBe('locked');

    const dump = await dumpDatabase();
    const snapshot = await storageSnapshot();
    await expect(listAgreements()).rejects.toBeInstanceOf(LockedError);
    await expect(listPaymentsByAgreement()).rejects.toBeInstanceOf(LockedError);
    await expect(listSessionsOfAgreement(a.id)).rejects.toBeInstanceOf(LockedError);
    expect(await rejection(exportBackup(now))).toBeInstanceOf(LockedError);
    expect(await rejection(previewImport(backup))).toBeInstanceOf(LockedError);
    expect(await rejection(applyBackup(backup, 'replace'))).toBeInstanceOf(LockedError);
    expect(await rejection(applyBackup(backup, 'merge'))).toBeInstanceOf(LockedError);
    expect(await dumpDatabase()).toBe(dump);
    expect(await storageSnapshot()).toBe(snapshot);
  });

  it('a wrong passphrase is refused and touches neither storage nor the database', async () => {
    const now = Date.now();
    await seed(now);
    await turnOnLock(PASSPHRASE, 15, now, FAST);
    await lockNow();
    const dump = await dumpDatabase();
    const snapshot = await storageSnapshot();
    expect(await unlock(`${PASSPHRASE}。`, now, FAST)).toEqual({ ok: false, problem: 'wrong-passphrase' });
    expect(await turnOffLock('not the passphrase at all', now, FAST)).toEqual({ ok: false, problem: 'wrong-passphrase' });
    expect(await changePassphrase('not the passphrase at all', 'a brand new passphrase', now, FAST)).toEqual({ ok: false, problem: 'wrong-passphrase' });
    // Production iterations are required without the test option: the stored 1,000 are refused.
    expect(await unlock(PASSPHRASE, now)).toEqual({ ok: false, problem: 'too-weak' });
    expect(await dumpDatabase()).toBe(dump);
    expect(await storageSnapshot()).toBe(snapshot);
  });

  it('unlocking with the passphrase makes everything readable again', async () => {
    const now = Date.now();
    const { a } = await seed(now);
    const before = await appView(a.id);
    await turnOnLock(PASSPHRASE, 15, now, FAST);
    await lockNow();
    const later = now + 1_000;
    expect(await unlock(PASSPHRASE, later, FAST)).toEqual({ ok: true });
    expect(await session()).toMatchObject({ unlockedAt: later, lastActivityAt: later });
    expect(await appView(a.id)).toEqual(before);
    expectAllSealed(await rawRows());
  });

  it('says the lock is off when there is nothing to unlock', async () => {
    expect(await unlock(PASSPHRASE, Date.now(), FAST)).toEqual({ ok: false, problem: 'off' });
    expect(await turnOffLock(PASSPHRASE, Date.now(), FAST)).toEqual({ ok: false, problem: 'off' });
    await fakeBrowser.storage.local.set({ [LOCK_SETTINGS_KEY]: { v: 1 } });
    expect(await unlock(PASSPHRASE, Date.now(), FAST)).toEqual({ ok: false, problem: 'malformed' });
  });
});

describe('turning the lock off', () => {
  it('after the passphrase, every record is plaintext again and the settings and session are gone', async () => {
    const now = Date.now();
    const { a } = await seed(now);
    const before = await appView(a.id);
    await turnOnLock(PASSPHRASE, 15, now, FAST);
    await lockNow();
    expect(await turnOffLock(PASSPHRASE, now, FAST)).toEqual({ ok: true });
    expectAllPlain(await rawRows());
    expect(JSON.stringify(await rawRows())).toContain('借呗');
    expect(await storageSnapshot()).toBe(JSON.stringify({ local: {}, session: {} }));
    expect((await currentLockState()).kind).toBe('off');
    expect(await appView(a.id)).toEqual(before);
  });
});

describe('turning the lock off while another window saves', () => {
  it('opens a record sealed between the conversion and the removal of the settings', async () => {
    const now = Date.now();
    await seed(now);
    await turnOnLock(PASSPHRASE, 15, now, FAST);
    const local = fakeBrowser.storage.local;
    const remove = local.remove.bind(local);
    const saveThenRemove = async (keys: string | string[]) => {
      // Still on and unlocked here: the other window seals what it saves.
      await addNote({ id: 'late', sessionId: 's1', at: now + 5, text: '最后一刻的备注', tags: [] });
      expect((await rawRows()).sessionNotes?.find((row) => row.id === 'late')).toHaveProperty('sealed');
      await remove(keys);
    };
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- actions.ts calls the promise form of remove()
    vi.spyOn(local, 'remove').mockImplementationOnce(saveThenRemove);
    expect(await turnOffLock(PASSPHRASE, now, FAST)).toEqual({ ok: true });
    vi.restoreAllMocks();
    expectAllPlain(await rawRows());
    expect((await listNotes('s1')).map((note) => note.text)).toContain('最后一刻的备注');
  });
});

describe('an interrupted conversion', () => {
  it('leaves mixed rows readable, and the next unlock seals the rest', async () => {
    const now = Date.now();
    const { a } = await seed(now);
    const before = await appView(a.id);
    // The disk fills up while the sealed records are written: the one transaction writes nothing.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called back with its own `this`
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'sessions') throw new DOMException('full', 'QuotaExceededError');
      return put.apply(this, args);
    });
    await expect(turnOnLock(PASSPHRASE, 15, now, FAST)).rejects.toThrow();
    vi.restoreAllMocks();
    // The lock is on (no new plaintext from now on), marked as unfinished; the records still read.
    expect((await settings()).converting).toBe(true);
    expectAllPlain(await rawRows());
    // Another window saves a note meanwhile: it is written sealed, next to plaintext rows.
    await addNote({ id: 'n2', sessionId: 's1', at: now + 1, text: '新的备注', tags: [] });
    const mixed = await rawRows();
    expect(mixed.sessionNotes?.find((row) => row.id === 'n2')).toHaveProperty('sealed');
    expect(mixed.sessionNotes?.find((row) => row.id === 'n1')).not.toHaveProperty('sealed');
    const withNote = await appView(a.id);
    expect(withNote.sessionNotes.map((note) => note.text)).toEqual(['同意分12期', '新的备注']);
    expect({ ...withNote, sessionNotes: before.sessionNotes }).toEqual(before);

    await lockNow();
    expect(await unlock(PASSPHRASE, now, FAST)).toEqual({ ok: true });
    expectAllSealed(await rawRows());
    expect((await settings()).converting).toBeUndefined();
    expect(await appView(a.id)).toEqual(withNote);
  });

  it('turning off that stops half-way keeps the lock on, and the next unlock seals everything again', async () => {
    const now = Date.now();
    const { a } = await seed(now);
    const before = await appView(a.id);
    await turnOnLock(PASSPHRASE, 15, now, FAST);
    const remove = vi.spyOn(fakeBrowser.storage.local, 'remove').mockRejectedValueOnce(new Error('storage gone'));
    await expect(turnOffLock(PASSPHRASE, now, FAST)).rejects.toThrow('storage gone');
    remove.mockRestore();
    expect((await settings()).converting).toBe(true);
    expectAllPlain(await rawRows());
    expect(await appView(a.id)).toEqual(before);
    await lockNow();
    expect(await unlock(PASSPHRASE, now, FAST)).toEqual({ ok: true });
    expectAllSealed(await rawRows());
    expect(await appView(a.id)).toEqual(before);
  });
});

describe('backups with the lock on', () => {
  it('export gives the same records whether the lock is on or off', async () => {
    const now = Date.now();
    await seed(now);
    const plain = await exportBackup(now);
    await turnOnLock(PASSPHRASE, 15, now, FAST);
    const locked = await exportBackup(now + 5);
    expect(locked.exportedAt).toBe(now + 5);
    expect(canonicalJson(locked.stores)).toBe(canonicalJson(plain.stores));
    expect(JSON.stringify(locked.stores)).not.toContain('sealed');
    expect(JSON.stringify(locked.stores)).not.toContain('settled');
    expect(JSON.stringify(locked.stores)).toContain('借呗');
    expect(locked.stores.attachments).toHaveLength(2);
  });

  it('import with the lock on stores sealed rows, with settled flags from the file, and previews against opened records', async () => {
    const now = Date.now();
    const { a, b } = await seed(now);
    const before = await appView(a.id);
    const file = serialiseBackup(await exportBackup(now));
    await turnOnLock(PASSPHRASE, 15, now, FAST);
    const backup = await parseBackup(file);
    // Against the opened records, nothing differs.
    const unchanged = await previewImport(backup);
    for (const [store, changes] of Object.entries(unchanged)) expect(changes.changed + changes.added + changes.onlyInDatabase, store).toBe(0);

    const db = await openDatabase();
    const tx = db.transaction([...db.objectStoreNames], 'readwrite');
    await Promise.all([...db.objectStoreNames].map((name) => tx.objectStore(name).clear()));
    await tx.done;
    expect((await previewImport(backup)).agreements).toEqual({ added: 2, changed: 0, unchanged: 0, onlyInDatabase: 0 });

    await applyBackup(backup, 'replace');
    const rows = await rawRows();
    expectAllSealed({ ...rows });
    expect(Object.fromEntries((rows.agreements ?? []).map((row) => [row.id, row.settled]))).toEqual({ [a.id]: 0, [b.id]: 1 });
    expect(await appView(a.id)).toEqual(before);

    // Merging over the sealed records gives the same reads.
    await applyBackup(backup, 'merge');
    expectAllSealed(await rawRows());
    expect(await appView(a.id)).toEqual(before);
  });
});

describe('activity and auto-lock', () => {
  it('moves the idle deadline at most once a minute, and never revives a session past it', async () => {
    const now = Date.parse('2026-11-22T09:00:00+08:00');
    await turnOnLock(PASSPHRASE, 15, now, FAST);
    await noteActivity(now + ACTIVITY_WRITE_INTERVAL_MS - 1);
    expect((await session())?.lastActivityAt).toBe(now);
    await noteActivity(now + 5 * MINUTE);
    expect((await session())?.lastActivityAt).toBe(now + 5 * MINUTE);
    await noteActivity(now + 5 * MINUTE + 30_000);
    expect((await session())?.lastActivityAt).toBe(now + 5 * MINUTE);
    // Idle for 15 minutes: the next activity finds the session expired, and locks.
    await noteActivity(now + 20 * MINUTE);
    expect(await session()).toBeUndefined();
    await noteActivity(now + 20 * MINUTE + 1);
    expect(await session()).toBeUndefined();
  });

  it('never brings back a session that "Lock now" removed while the activity was being noted', async () => {
    const now = Date.parse('2026-11-22T09:00:00+08:00');
    await turnOnLock(PASSPHRASE, 15, now, FAST);
    const get = fakeBrowser.storage.session.get.bind(fakeBrowser.storage.session) as (keys: string) => Promise<Record<string, unknown>>;
    let reads = 0;
    // The second window locks right after this one read the session for the first time.
    fakeBrowser.storage.session.get = (async (keys: string) => {
      const result = await get(keys);
      reads += 1;
      if (reads === 1) await lockNow();
      return result;
    }) as typeof fakeBrowser.storage.session.get;
    await noteActivity(now + 5 * MINUTE);
    fakeBrowser.storage.session.get = get as typeof fakeBrowser.storage.session.get;
    expect(await session()).toBeUndefined();
  });

  it('does nothing while the lock is off', async () => {
    await noteActivity(Date.now());
    expect(await storageSnapshot()).toBe(JSON.stringify({ local: {}, session: {} }));
  });

  it('changes the delay to one on offer only', async () => {
    const now = Date.now();
    await expect(changeAutoLock(60)).rejects.toThrow();
    await turnOnLock(PASSPHRASE, 15, now, FAST);
    await expect(changeAutoLock(7)).rejects.toThrow(RangeError);
    await changeAutoLock(60);
    expect((await settings()).autoLockMinutes).toBe(60);
    // A longer delay keeps a session open that the shorter one would have locked.
    expect((await currentLockState(now + 30 * MINUTE)).kind).toBe('unlocked');
  });
});

describe('changing the passphrase', () => {
  it('re-seals only the data key: records untouched, the old passphrase refused, the new one unlocks', async () => {
    const now = Date.now();
    const { a } = await seed(now);
    const before = await appView(a.id);
    await turnOnLock(PASSPHRASE, 15, now, FAST);
    const dump = await dumpDatabase();
    const old = await settings();
    await expect(changePassphrase(PASSPHRASE, 'short', now, FAST)).rejects.toThrow();
    expect(await changePassphrase(PASSPHRASE, '换一个新的很长的口令 2027', now, FAST)).toEqual({ ok: true });
    const changed = await settings();
    expect(changed.key.params.salt).not.toBe(old.key.params.salt);
    expect(changed.autoLockMinutes).toBe(old.autoLockMinutes);
    expect(await dumpDatabase()).toBe(dump);

    await lockNow();
    expect(await unlock(PASSPHRASE, now, FAST)).toEqual({ ok: false, problem: 'wrong-passphrase' });
    expect(await unlock('换一个新的很长的口令 2027', now, FAST)).toEqual({ ok: true });
    expect(await appView(a.id)).toEqual(before);
  });
});

describe('a browser without storage.session.setAccessLevel (Firefox)', () => {
  it('turns the lock on and unlocks all the same', async () => {
    Object.assign(fakeBrowser.storage.session, { setAccessLevel: undefined });
    const now = Date.now();
    await turnOnLock(PASSPHRASE, 15, now, FAST);
    await lockNow();
    expect(await unlock(PASSPHRASE, now, FAST)).toEqual({ ok: true });
    expect((await currentLockState()).kind).toBe('unlocked');
  });
});

describe('with the background watching', () => {
  it("the auto-lock check run on each lock storage change (as the background does) never locks a lock being turned on, and turning off leaves nothing", async () => {
    // The fake browser calls listeners before set() resolves: the check sees every step in between.
    fakeBrowser.storage.onChanged.addListener((changes, area) => {
      if (isLockChange(changes, area)) void checkAutoLock(Date.now());
    });
    const now = Date.now();
    await seed(now);
    await turnOnLock(PASSPHRASE, 15, now, FAST);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await currentLockState()).kind).toBe('unlocked');
    await lockNow();
    expect(await unlock(PASSPHRASE, now, FAST)).toEqual({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await currentLockState()).kind).toBe('unlocked');
    expect(await turnOffLock(PASSPHRASE, now, FAST)).toEqual({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await storageSnapshot()).toBe(JSON.stringify({ local: {}, session: {} }));
  });
});
