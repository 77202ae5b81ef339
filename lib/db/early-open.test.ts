import { openDB, unwrap } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { localInstant } from '../domain/dates';
import { closeDatabase, DB_NAME, openDatabase } from './database';
import { forgetEarlyConnection, openEarly, takeEarlyConnection, takeFirstScreenRows } from './early-open';
import { readFirstScreenFromView, refreshFirstScreenView } from './first-screen-view';
import { MIGRATIONS, runMigrations } from './migrations';
import type { RepayDbSchema } from './rows';
import { saveAgreement } from './save-agreement';
import { DB_VERSION } from './version';

const TODAY = '2026-11-20';
const NOW = localInstant(TODAY, 10);
const PLAN = { now: NOW, hour: 9 };
const fields = (lender: string, dueDate: string) => ({ lender, kind: 'extension', amountFen: 100_000, dueDate }) as const;

/** A database as a build one version older left it. */
async function olderDatabase(): Promise<void> {
  const version = DB_VERSION - 1;
  const db = await openDB<RepayDbSchema>(DB_NAME, version, { upgrade: (d, oldVersion, _new, tx) => runMigrations(d, oldVersion, version, tx, MIGRATIONS.slice(0, version)) });
  db.close();
}

const lenders = async () => (await readFirstScreenFromView(TODAY, NOW))?.items.map((item) => item.agreement.lender) ?? null;

describe("the popup's painter opens the database early", () => {
  it('hands its connection to openDatabase, which then opens nothing itself', async () => {
    await saveAgreement(fields('借呗', TODAY), PLAN);
    await closeDatabase();
    const open = vi.spyOn(indexedDB, 'open');
    void openEarly({ readFirstScreen: false });
    const db = await openDatabase();
    expect(open).toHaveBeenCalledTimes(1);
    expect(db.version).toBe(DB_VERSION);
    expect(await db.count('agreements')).toBe(1);
    // Taken once: a second call has nothing to hand over.
    expect(await takeEarlyConnection()).toBeNull();
    open.mockRestore();
  });

  it('leaves a first start to the page: no database is made, and the page makes it with its migrations', async () => {
    void openEarly({ readFirstScreen: true });
    expect(await takeEarlyConnection()).toBeNull();
    expect(await takeFirstScreenRows()).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(DB_NAME);
    const db = await openDatabase();
    expect([...db.objectStoreNames]).toContain('agreements');
  });

  it('leaves a database that needs its migrations as it was, for the page to upgrade', async () => {
    await olderDatabase();
    void openEarly({ readFirstScreen: true });
    expect(await takeEarlyConnection()).toBeNull();
    const check = await openDB(DB_NAME);
    expect(check.version).toBe(DB_VERSION - 1);
    check.close();
    expect((await openDatabase()).version).toBe(DB_VERSION);
  });

  it('steps aside when another context upgrades before the page takes the connection', async () => {
    await openDatabase();
    await closeDatabase();
    // Answered: the painter holds an open connection, which would block the upgrade if kept.
    await openEarly({ readFirstScreen: false });
    const upgrading = await openDB(DB_NAME, DB_VERSION + 1);
    expect(upgrading.version).toBe(DB_VERSION + 1);
    upgrading.close();
    expect(await takeEarlyConnection()).toBeNull();
  });
});

describe("the first screen's rows read by the painter", () => {
  it('are what the page would read itself, and are taken once', async () => {
    await saveAgreement(fields('借呗', TODAY), PLAN);
    await saveAgreement(fields('花呗', TODAY), PLAN);
    expect(await refreshFirstScreenView(NOW)).toBe('written');
    const own = await readFirstScreenFromView(TODAY, NOW);
    await closeDatabase();

    void openEarly({ readFirstScreen: true });
    const early = await takeFirstScreenRows();
    expect(early?.ids).toHaveLength(2);
    expect(await takeFirstScreenRows()).toBeNull();

    forgetEarlyConnection();
    void openEarly({ readFirstScreen: true });
    expect(own?.readByPainter).toBe(false);
    expect(await readFirstScreenFromView(TODAY, NOW)).toEqual({ ...own, readByPainter: true });
    // The page took them: its own read would find none left.
    expect(await takeFirstScreenRows()).toBeNull();
  });

  it('are checked as the page checks its own: a view older than the last change is not used', async () => {
    const a = await saveAgreement(fields('借呗', TODAY), PLAN);
    await refreshFirstScreenView(NOW);
    // The change deletes the view and moves the basis; an early read after it finds no view.
    await saveAgreement(fields('借呗', '2026-12-20'), { ...PLAN, id: a.id });
    await closeDatabase();
    void openEarly({ readFirstScreen: true });
    expect(await lenders()).toBeNull();
  });

  it('are not read when not asked for (the lock on, or one agreement asked for)', async () => {
    await saveAgreement(fields('借呗', TODAY), PLAN);
    await refreshFirstScreenView(NOW);
    await closeDatabase();
    void openEarly({ readFirstScreen: false });
    expect(takeFirstScreenRows()).toBeNull();
    // The page reads them itself, on the painter's connection.
    expect(await lenders()).toEqual(['借呗']);
    expect(unwrap(await openDatabase()).name).toBe(DB_NAME);
  });
});
