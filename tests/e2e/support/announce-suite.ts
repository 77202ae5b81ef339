import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backgroundRight, byLender, committed, expectedFrom, scramble, snapshot, writeBackupFile, type Concrete, type DataSnapshot, type Settled, type Target } from './announce-checks';
import type { AgreementInput } from './chromium-pages';
import { browserDays } from './dates';
import type { LocaleDir, Messages } from './messages';
import { shownDate, shownMoney } from './popup-pages';

/**
 * The write-announces suite, the same in every browser: the steps in order, what each stores, and
 * what the badge and the next-due alarm must then show. A browser's suite file gives only the
 * driving (an AnnounceDriver): how it opens each surface, does each write, and where it reads the
 * background.
 *
 * After each write the toolbar badge and the next-due alarm are right within 2 seconds, with no
 * other page opened and nothing dispatched by hand. The background can only learn of the change
 * from the write path's own announcement (lib/db/write.ts). Before each write the badge and the
 * alarm are set wrong on purpose (announce-checks.ts, scramble), so even a step that leaves them as
 * they were must be followed by a reconcile. What is right comes from the app's data (agreements
 * due by the browser's today and not settled; the soonest pending reminder) and from what each step
 * knows (the badge's count; no alarm at all when nothing is pending).
 *
 * One browser, the steps in order, each its own test: a step that fails does not hide the ones
 * after it, since the writes they build on are stored either way.
 */

/** A write, prepared up to the user's last action: calling it does that action and waits for the page to say so. */
export type Write = () => Promise<void>;

export type Surface = 'popup' | 'manage' | 'panel' | 'options';

export interface AnnounceDriver {
  locale: LocaleDir;
  msg: Messages;
  /** The lenders' names as a user of this locale types them. */
  lenders: { dueToday: string; overdue: string; dueYesterday: string; fromChat: string; imported: string };
  /** An offer typed in the chat, due that day, and the amount the agreement form then holds. */
  offer(dueDay: string): { text: string; amount: string };
  launch(): Promise<void>;
  close(): Promise<void>;
  /** Opens a surface; it is the page under test (written in, read through) from then on. */
  open(surface: Surface): Promise<void>;
  /** Closes the page under test. */
  closeCurrent(): Promise<void>;
  /** The page under test, where the database is read. */
  data: () => Promise<Target>;
  /** Where the badge and the alarms are read. Must never wake the background (its start-up reconcile would hide a missing announcement). */
  background: () => Promise<Target>;
  /** Added to a step's timing line: how the background was read, if that is worth saying. */
  readNote?(): string;
  schemaVersion(): Promise<number | undefined>;
  /** Adds an agreement in the popup or the full view (the write itself). */
  addAgreement(input: AgreementInput): Promise<void>;
  pay(lender: string): Promise<Write>;
  undo(lender: string, amountShown: string, dateShown: string): Promise<Write>;
  deleteAgreement(lender: string): Promise<Write>;
  editDueDate(lender: string, day: string): Promise<Write>;
  /** In the side panel: a session with this lender and a note with the offer, tagged and turned into an agreement (not saved yet). */
  chatToAgreement(lender: string, offer: string): Promise<{ dueDate: string; amount: string; save: Write }>;
  /** On the options page: the backup chosen and its preview shown; the write merges it. */
  importBackup(file: string): Promise<Write>;
  /** On the options page: the reminder hour chosen; the write saves the settings. */
  reminderHour(hour: string): Promise<Write>;
  lockOn(passphrase: string): Promise<Write>;
  lockOff(passphrase: string): Promise<Write>;
}

/** The window sizes of the full view, the side panel and the options page. */
export const SIZES = { wide: { width: 1280, height: 900 }, panel: { width: 400, height: 900 }, options: { width: 900, height: 1600 } };

const PASSPHRASE = 'salary day first, then huabei';
const IMPORTED_ID = 'imported-zhaolian';

export function describeWriteAnnounces(title: string, driver: AnnounceDriver): void {
  describe(title, () => {
    const { lenders } = driver;
    let dir: string;
    let day: (offset: number) => string;
    const timings: string[] = [];

    /**
     * One write: the badge and the alarm set wrong, the write done in the page under test, its
     * commit seen in the database, then at most 2 s for the background to be right.
     */
    const step = async (what: string, write: Write, stored: (snap: DataSnapshot) => boolean, concrete: Concrete): Promise<Settled> => {
      await scramble(await driver.background());
      await write();
      await committed(what, driver.data, stored);
      const settled = await backgroundRight(what, { background: driver.background, data: driver.data, concrete });
      timings.push(`${what}: ${String(settled.elapsedMs)} ms${driver.readNote?.() ?? ''}`);
      return settled;
    };

    /** A step that adds an agreement on the popup or the full view: due by today or not, the alarm is armed. */
    const add = (what: string, input: AgreementInput, badge: string) =>
      step(what, () => driver.addAgreement(input), (snap) => byLender(snap, input.lender) !== undefined, { badge, nextDue: 'armed' });

    beforeAll(async () => {
      await driver.launch();
      dir = mkdtempSync(join(tmpdir(), 'repay-e2e-announce-'));
    });

    afterAll(async () => {
      await driver.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
      if (timings.length > 0) console.info(`Background right after:\n  ${timings.join('\n  ')}`);
    });

    it('at start: no badge, no next-due alarm', async () => {
      await driver.open('popup');
      day = await browserDays(await driver.data());
      await backgroundRight('at start', { background: driver.background, data: driver.data, concrete: { badge: '', nextDue: 'none' }, timeoutMs: 10_000 });
    });

    it('popup: add an agreement due today', async () => {
      await add('popup: add an agreement due today', { lender: lenders.dueToday, kind: 'kind_extension', amount: '300', dueDate: day(0) }, '1');
    });

    it('popup: pay (in full)', async () => {
      const lender = lenders.dueToday;
      // Paid in full: off the badge, and an extension leaves no step after the payment.
      const paid = await step('popup: pay in full', await driver.pay(lender), (snap) => byLender(snap, lender)?.settled === 1, { badge: '', nextDue: 'none' });
      expect(paid.data.reminders.filter((r) => r.pending === 1)).toEqual([]);
    });

    it('popup: undo the payment', async () => {
      const lender = lenders.dueToday;
      const undo = await driver.undo(lender, shownMoney(30_000, driver.locale), shownDate(day(0), driver.locale));
      const undone = await step('popup: undo the payment', undo, (snap) => byLender(snap, lender)?.settled === 0, { badge: '1', nextDue: 'armed' });
      // The alarm is for the payment reminder of the agreement due today (today at the reminder hour, or its daily repeat).
      const soonest = undone.data.reminders.filter((r) => r.pending === 1).sort((a, b) => a.fireAt - b.fireAt)[0];
      expect(soonest).toMatchObject({ agreementId: byLender(undone.data, lender)?.id, code: 'pay', fireAt: undone.state.nextDue });
    });

    it('popup: add an overdue agreement', async () => {
      await add('popup: add an overdue agreement', { lender: lenders.overdue, kind: 'kind_settlement', amount: '500', dueDate: day(-2) }, '2');
    });

    it('popup: delete an agreement', async () => {
      const lender = lenders.overdue;
      const deleted = await step('popup: delete an agreement', await driver.deleteAgreement(lender), (snap) => byLender(snap, lender) === undefined, { badge: '1', nextDue: 'armed' });
      const kept = byLender(deleted.data, lenders.dueToday);
      expect(deleted.data.reminders.every((r) => r.agreementId === kept?.id)).toBe(true);
    });

    it('full view: add an agreement', async () => {
      await driver.closeCurrent();
      await driver.open('manage');
      await add('full view: add an agreement due yesterday', { lender: lenders.dueYesterday, kind: 'kind_waiver', amount: '900', dueDate: day(-1) }, '2');
    });

    it('full view: edit an agreement', async () => {
      const lender = lenders.dueYesterday;
      const edit = await driver.editDueDate(lender, day(2));
      const edited = await step('full view: move its due date two days ahead', edit, (snap) => byLender(snap, lender)?.dueDate === day(2), { badge: '1', nextDue: 'armed' });
      // Its reminders follow the new date: its payment is now ahead, not overdue.
      const moved = byLender(edited.data, lender);
      expect(edited.data.reminders.some((r) => r.agreementId === moved?.id && r.code === 'pay' && r.pending === 1 && r.fireAt > edited.data.now)).toBe(true);
    });

    it('side panel: a chat session turned into an agreement', async () => {
      await driver.closeCurrent();
      await driver.open('panel');
      const lender = lenders.fromChat;
      const offer = driver.offer(day(0));
      const form = await driver.chatToAgreement(lender, offer.text);
      expect(form.dueDate).toBe(day(0));
      expect(form.amount).toBe(offer.amount);
      await step('side panel: turn into an agreement due today', form.save, (snap) => byLender(snap, lender) !== undefined, { badge: '2', nextDue: 'armed' });
      await driver.closeCurrent();
    });

    it('options page: import a backup (merge)', async () => {
      await driver.open('options');
      // A backup made as the format document says, with one agreement three days overdue.
      const version = await driver.schemaVersion();
      if (version === undefined) throw new Error('no database');
      const exportedAt = await (await driver.data()).evaluate(() => Date.now(), null);
      const file = writeBackupFile(dir, {
        schemaVersion: version,
        exportedAt,
        stores: {
          agreements: [{ id: IMPORTED_ID, lender: lenders.imported, kind: 'extension', amountFen: 70_000, dueDate: day(-3), createdAt: exportedAt, updatedAt: exportedAt }],
        },
      });
      await step(
        'options: import (merge) a backup with an overdue agreement',
        await driver.importBackup(file),
        (snap) => snap.agreements.some((a) => a.id === IMPORTED_ID) && snap.reminders.some((r) => r.agreementId === IMPORTED_ID),
        { badge: '3', nextDue: 'armed' },
      );
    });

    it('options page: reminder settings saved', async () => {
      // The reminder hour from 09:00 to 10:00: every reminder not shown yet moves.
      const saved = await step('options: reminder settings saved', await driver.reminderHour('10'), () => true, { badge: '3', nextDue: 'armed' });
      const unshown = saved.data.reminders.filter((r) => r.pending === 1 && r.notifiedAt === null).map((r) => r.fireAt);
      expect(unshown.length).toBeGreaterThan(0);
      const hours = await (await driver.data()).evaluate((times: number[]) => times.map((t) => new Date(t).getHours()), unshown);
      expect(new Set(hours)).toEqual(new Set([10]));
    });

    // The lock seals the records; the reminders and the badge's fields stay readable, so nothing
    // moves: the alarm stays where the data had it, but the background must have looked again.
    it('options page: lock turned on', async () => {
      const write = await driver.lockOn(PASSPHRASE);
      const before = expectedFrom(await snapshot(await driver.data()));
      await step('options: lock turned on', write, (snap) => snap.agreements.every((a) => a.lender === undefined), { badge: '3', nextDue: before.nextDue ?? 'none' });
    });

    it('options page: lock turned off', async () => {
      const write = await driver.lockOff(PASSPHRASE);
      const before = expectedFrom(await snapshot(await driver.data()));
      await step('options: lock turned off', write, (snap) => snap.agreements.every((a) => a.lender !== undefined), { badge: '3', nextDue: before.nextDue ?? 'none' });
    });
  });
}
