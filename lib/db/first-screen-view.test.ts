import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { exportBackup, serialiseBackup } from '../backup/export';
import { importBackup } from '../backup/import';
import { addDaysIso, localInstant } from '../domain/dates';
import { turnOnLock } from '../lock/actions';
import { closeDatabase, DB_NAME, openDatabase } from './database';
import { deleteAgreement } from './delete-agreements';
import { readFirstScreenFromView, refreshFirstScreenView } from './first-screen-view';
import { MIGRATIONS, runMigrations } from './migrations';
import { recordPayment } from './payment-writes';
import { nextPendingFor } from './reminders';
import { FIRST_SCREEN_VIEW_KEY, type RepayDbSchema } from './rows';
import { saveAgreement } from './save-agreement';
import { addNote, createSession, updateSession } from './sessions';
import { putRawRow } from './test-support';

const TODAY = '2026-11-20';
const NOW = localInstant(TODAY, 10);
const PLAN = { now: NOW, hour: 9 };
const fields = (lender: string, dueDate: string, amountFen = 100_000) => ({ lender, kind: 'extension', amountFen, dueDate }) as const;

const storedView = async () => (await openDatabase()).get('meta', FIRST_SCREEN_VIEW_KEY);

/** What the popup would show first from the view, or null when it must read every agreement. */
async function fromView(today = TODAY) {
  const screen = await readFirstScreenFromView(today, NOW);
  if (!screen) return null;
  const { figures, items } = screen;
  return { counts: Object.fromEntries([...figures.counts].filter(([, n]) => n > 0)), leftFen: figures.totals.leftFen, lenders: items.map((i) => i.agreement.lender) };
}

describe('the popup first-screen view in the database', () => {
  it('is built by the reconcile step and read without every agreement; a change deletes it in its own transaction', async () => {
    const a = await saveAgreement(fields('借呗', '2026-11-18'), PLAN);
    await saveAgreement(fields('花呗', TODAY, 50_000), PLAN);
    expect(await fromView()).toBeNull();
    expect(await refreshFirstScreenView(NOW)).toBe('written');
    expect(await refreshFirstScreenView(NOW)).toBe('current');
    expect(await fromView()).toEqual({ counts: { overdue: 1, today: 1 }, leftFen: 150_000, lenders: ['借呗', '花呗'] });

    // Edit.
    await saveAgreement(fields('借呗', '2026-12-20'), { ...PLAN, id: a.id });
    expect(await storedView()).toBeUndefined();
    expect(await fromView()).toBeNull();
    await refreshFirstScreenView(NOW);
    expect(await fromView()).toEqual({ counts: { today: 1, later: 1 }, leftFen: 150_000, lenders: ['花呗', '借呗'] });

    // Pay.
    await recordPayment({ agreementId: a.id, amountFen: 100_000, paidOn: TODAY, coverage: 'full' }, PLAN);
    expect(await storedView()).toBeUndefined();
    await refreshFirstScreenView(NOW);
    expect(await fromView()).toEqual({ counts: { today: 1, paid: 1 }, leftFen: 50_000, lenders: ['花呗', '借呗'] });

    // Delete.
    await deleteAgreement(a.id, NOW);
    expect(await storedView()).toBeUndefined();
    await refreshFirstScreenView(NOW);
    expect(await fromView()).toEqual({ counts: { today: 1 }, leftFen: 50_000, lenders: ['花呗'] });
  });

  it('stays usable while a negotiation is noted (sessions and notes are not on the first screen), and not past a change to an agreement', async () => {
    const a = await saveAgreement(fields('借呗', TODAY), PLAN);
    expect(await refreshFirstScreenView(NOW)).toBe('written');
    const expected = { counts: { today: 1 }, leftFen: 100_000, lenders: ['借呗'] };
    await createSession({ id: 's1', agreementId: a.id, lender: '借呗', startedAt: NOW });
    await addNote({ id: 'n1', sessionId: 's1', at: NOW + 1_000, text: '客服同意展期到下月' });
    await updateSession('s1', { draft: '下次还款日' }, NOW + 2_000);
    expect(await fromView()).toEqual(expected);
    expect(await refreshFirstScreenView(NOW)).toBe('current');
    // The agreement made from those notes is a change to the first screen.
    await saveAgreement(fields('借呗', addDaysIso(TODAY, 30)), { ...PLAN, id: a.id });
    expect(await fromView()).toBeNull();
  });

  it('is not written when an agreement changes while it is being built', async () => {
    await saveAgreement(fields('借呗', TODAY), PLAN);
    // The change lands between the build's read of the rows and its write of the view.
    const building = refreshFirstScreenView(NOW);
    await saveAgreement(fields('花呗', TODAY), PLAN);
    expect(await building).toBe('changed-meanwhile');
    expect(await storedView()).toBeUndefined();
    expect(await refreshFirstScreenView(NOW)).toBe('written');
    expect((await fromView())?.lenders.sort()).toEqual(['借呗', '花呗'].sort());
  });

  it('groups by the day it is read: a view built yesterday shows yesterday\'s "today" as overdue, and is rebuilt on a new day', async () => {
    await saveAgreement(fields('借呗', TODAY), PLAN);
    await refreshFirstScreenView(NOW);
    const tomorrow = addDaysIso(TODAY, 1);
    expect((await fromView(tomorrow))?.counts).toEqual({ overdue: 1 });
    expect(await refreshFirstScreenView(localInstant(tomorrow, 8))).toBe('written');
    expect((await storedView())?.key === FIRST_SCREEN_VIEW_KEY && (await storedView())).toMatchObject({ view: { writtenOn: tomorrow } });
  });

  it("reads the rows' next steps in the same transaction, as the list asks for them", async () => {
    const a = await saveAgreement(fields('借呗', addDaysIso(TODAY, 5)), PLAN);
    const b = await saveAgreement(fields('花呗', addDaysIso(TODAY, 20)), PLAN);
    await refreshFirstScreenView(NOW);
    const screen = await readFirstScreenFromView(TODAY, NOW);
    const expected = await nextPendingFor([a.id, b.id]);
    expect(expected.size).toBe(2);
    expect(screen?.steps).toEqual(expected);
    expect(screen?.readByPainter).toBe(false);
  });

  it('reads only the rows shown first, however many agreements there are', async () => {
    for (let i = 0; i < 30; i += 1) await saveAgreement(fields(`平台${String(i)}`, addDaysIso(TODAY, 30 + i)), PLAN);
    await refreshFirstScreenView(NOW);
    const screen = await fromView();
    expect(screen?.counts).toEqual({ later: 30 });
    // The first rows of "later" on each of the days the view holds for: 10, and one more per day.
    expect(screen?.lenders.length).toBeLessThan(30);
  });

  it('is deleted by an import, and built again from what was imported', async () => {
    await saveAgreement(fields('借呗', TODAY), PLAN);
    const backup = serialiseBackup(await exportBackup(NOW));
    await saveAgreement(fields('花呗', TODAY), PLAN);
    await refreshFirstScreenView(NOW);
    await importBackup(backup, 'replace', { ...PLAN, milestones: {}, leadDays: [1] });
    expect(await storedView()).toBeUndefined();
    await refreshFirstScreenView(NOW);
    expect((await fromView())?.lenders).toEqual(['借呗']);
  });

  it('is not used when it is older than the last change, from another version, or names a row that is gone', async () => {
    const a = await saveAgreement(fields('借呗', TODAY), PLAN);
    await refreshFirstScreenView(NOW);
    const kept = await storedView();
    // A view kept from before a change to a row (put back past the write path) is not trusted: the basis moved.
    await saveAgreement(fields('借呗', TODAY, 1), { ...PLAN, id: a.id });
    await putRawRow('meta', kept);
    expect(await fromView()).toBeNull();
    // Another version of the view.
    await refreshFirstScreenView(NOW);
    const current = await storedView();
    if (current?.key !== FIRST_SCREEN_VIEW_KEY) throw new Error('no view');
    await putRawRow('meta', { ...current, view: { ...(current.view as object), version: 0 } });
    expect(await fromView()).toBeNull();
    // A row it names is gone (changed on disk, past the write path).
    await putRawRow('meta', current);
    expect(await fromView()).not.toBeNull();
    await (await openDatabase()).delete('agreements', a.id);
    expect(await fromView()).toBeNull();
  });

  it('is deleted by a database upgrade', async () => {
    await saveAgreement(fields('借呗', TODAY), PLAN);
    await refreshFirstScreenView(NOW);
    expect(await storedView()).toBeDefined();
    const version = (await openDatabase()).version;
    await closeDatabase();
    // A later schema version, as a future migration would bring: one step that changes nothing itself.
    const steps = [...MIGRATIONS, () => undefined];
    const next = await openDB<RepayDbSchema>(DB_NAME, version + 1, { upgrade: (db, oldVersion, newVersion, tx) => runMigrations(db, oldVersion, newVersion ?? version + 1, tx, steps) });
    expect(await next.get('meta', FIRST_SCREEN_VIEW_KEY)).toBeUndefined();
    next.close();
  });

  it('is not kept with the lock on: turning the lock on deletes it, and none is built while it is on', async () => {
    await saveAgreement(fields('借呗', TODAY), PLAN);
    await refreshFirstScreenView(NOW);
    expect(await storedView()).toBeDefined();
    expect(await turnOnLock('correct horse battery staple', 15, NOW, { unsafeTestIterations: 1_000 })).toEqual({ ok: true });
    expect(await storedView()).toBeUndefined();
    expect(await refreshFirstScreenView(NOW)).toBe('not-kept');
    expect(await storedView()).toBeUndefined();
    expect(await fromView()).toBeNull();
  });
});
