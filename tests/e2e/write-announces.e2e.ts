import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backgroundRight,
  byLender,
  committed,
  expectedFrom,
  scramble,
  snapshot,
  writeBackupFile,
  type Concrete,
  type DataSnapshot,
  type Settled,
  type Target,
} from './support/announce-checks';
import { launchChromium, type ChromiumExtension } from './support/chromium';
import { ChromiumSidePanel } from './support/chromium-pages';
import { DataSectionPage } from './support/data-pages';
import { browserDays } from './support/dates';
import { LockSectionPage } from './support/lock-pages';
import { ManageScreen } from './support/manage-pages';
import { loadMessages } from './support/messages';
import { PopupScreen, shownDate, shownMoney } from './support/popup-pages';

const msg = loadMessages('zh_CN');
const money = (fen: number) => shownMoney(fen, 'zh_CN');
const date = (day: string) => shownDate(day, 'zh_CN');
const WIDE = { width: 1280, height: 900 };
const OPTIONS = { width: 900, height: 1600 };
const PASSPHRASE = 'salary day first, then huabei';

/**
 * Every page that writes, in the real Chromium build: after each write the toolbar badge and the
 * next-due alarm are right within 2 seconds, with no other page opened and nothing dispatched by
 * hand. The background can only learn of the change from the write path's own announcement
 * (lib/db/write.ts). Before each write the badge and the alarm are set wrong on purpose
 * (support/announce-checks.ts, scramble), so even a step that leaves them as they were must be
 * followed by a reconcile. What is right comes from the app's data (agreements due by the
 * browser's today and not settled; the soonest pending reminder) and from what each step knows
 * (the badge's count; no alarm at all when nothing is pending).
 *
 * One browser, the steps in order, each its own test: a step that fails does not hide the ones
 * after it, since the writes they build on are stored either way.
 */
describe('Chromium: each writing page re-arms the next-due alarm and redraws the badge by itself', () => {
  let ext: ChromiumExtension;
  let dir: string;
  let day: (offset: number) => string;
  // The page of the surface under test; each opens when its first step starts.
  let popup: PopupScreen;
  let manage: ManageScreen;
  let options: Page;
  const timings: string[] = [];

  const liveWorker = (): Worker | undefined => ext.context.serviceWorkers().find((w) => w.url() === `${ext.origin}/background.js`);
  /**
   * The service worker if it runs, else the page (which sees the same badge and alarms). Never
   * woken from here: a worker that starts reconciles, which would hide a missing announcement.
   */
  const background = (page: Page) => async (): Promise<Target> => liveWorker() ?? page;

  /**
   * One write: the badge and the alarm set wrong, the write done in `page`, its commit seen in the
   * database, then at most 2 s for the background to be right.
   */
  const step = async (what: string, page: Page, write: () => Promise<void>, stored: (snap: DataSnapshot) => boolean, concrete: Concrete): Promise<Settled> => {
    await scramble(await background(page)());
    await write();
    await committed(what, async () => page, stored);
    const settled = await backgroundRight(what, { background: background(page), data: async () => page, concrete });
    timings.push(`${what}: ${String(settled.elapsedMs)} ms${liveWorker() ? '' : ' (read through the page: the worker was not running)'}`);
    return settled;
  };

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'zh-CN' });
    dir = mkdtempSync(join(tmpdir(), 'repay-e2e-announce-'));
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (timings.length > 0) console.info(`Background right after:\n  ${timings.join('\n  ')}`);
  });

  it('at start: no badge, no next-due alarm', async () => {
    popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
    day = await browserDays(popup.page);
    await backgroundRight('at start', { background: background(popup.page), data: async () => popup.page, concrete: { badge: '', nextDue: 'none' }, timeoutMs: 10_000 });
  });

  it('popup: add an agreement due today', async () => {
    await step(
      'popup: add an agreement due today',
      popup.page,
      async () => {
        await popup.addAgreement({ lender: '花呗', kind: 'kind_extension', amount: '300', dueDate: day(0) });
      },
      (snap) => byLender(snap, '花呗') !== undefined,
      { badge: '1', nextDue: 'armed' },
    );
  });

  it('popup: pay (in full)', async () => {
    // Paid in full: off the badge, and an extension leaves no step after the payment.
    const paid = await step('popup: pay in full', popup.page, () => popup.pay('花呗'), (snap) => byLender(snap, '花呗')?.settled === 1, { badge: '', nextDue: 'none' });
    expect(paid.data.reminders.filter((r) => r.pending === 1)).toEqual([]);
  });

  it('popup: undo the payment', async () => {
    const undone = await step(
      'popup: undo the payment',
      popup.page,
      () => popup.undo('花呗', money(30_000), date(day(0))),
      (snap) => byLender(snap, '花呗')?.settled === 0,
      { badge: '1', nextDue: 'armed' },
    );
    // The alarm is for the payment reminder of the agreement due today (today at the reminder hour, or its daily repeat).
    const soonest = undone.data.reminders.filter((r) => r.pending === 1).sort((a, b) => a.fireAt - b.fireAt)[0];
    expect(soonest).toMatchObject({ agreementId: byLender(undone.data, '花呗')?.id, code: 'pay', fireAt: undone.state.nextDue });
  });

  it('popup: add an overdue agreement', async () => {
    await step(
      'popup: add an overdue agreement',
      popup.page,
      async () => {
        await popup.addAgreement({ lender: '借呗', kind: 'kind_settlement', amount: '500', dueDate: day(-2) });
      },
      (snap) => byLender(snap, '借呗') !== undefined,
      { badge: '2', nextDue: 'armed' },
    );
  });

  it('popup: delete an agreement', async () => {
    const deleted = await step('popup: delete an agreement', popup.page, () => popup.deleteAgreement('借呗'), (snap) => byLender(snap, '借呗') === undefined, {
      badge: '1',
      nextDue: 'armed',
    });
    const huabei = byLender(deleted.data, '花呗');
    expect(deleted.data.reminders.every((r) => r.agreementId === huabei?.id)).toBe(true);
  });

  it('full view: add an agreement', async () => {
    await ext.closePage(popup.page);
    manage = await new ManageScreen(await ext.openPage('manage.html', WIDE), msg).ready();
    await step(
      'full view: add an agreement due yesterday',
      manage.page,
      async () => {
        await manage.addAgreement({ lender: '京东金条', kind: 'kind_waiver', amount: '900', dueDate: day(-1) });
      },
      (snap) => byLender(snap, '京东金条') !== undefined,
      { badge: '2', nextDue: 'armed' },
    );
  });

  it('full view: edit an agreement', async () => {
    const edited = await step(
      'full view: move its due date two days ahead',
      manage.page,
      () => manage.edit('京东金条', { dueDate: day(2) }),
      (snap) => byLender(snap, '京东金条')?.dueDate === day(2),
      { badge: '1', nextDue: 'armed' },
    );
    // Its reminders follow the new date: its payment is now ahead, not overdue.
    const jintiao = byLender(edited.data, '京东金条');
    expect(edited.data.reminders.some((r) => r.agreementId === jintiao?.id && r.code === 'pay' && r.pending === 1 && r.fireAt > edited.data.now)).toBe(true);
  });

  it('side panel: a chat session turned into an agreement', async () => {
    await ext.closePage(manage.page);
    const panel = await new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 400, height: 900 }), msg).ready();
    await panel.field('sessionLender').fill('微粒贷');
    const offer = `同意展期，先还1,200元，${day(0)}前还清`;
    await panel.addNote(offer);
    await panel.tag(offer, 'tag_offer');
    await panel.button('sessionToAgreement').click();
    const form = panel.page.getByRole('form', { name: msg('addAgreement') });
    expect(await form.getByLabel(msg('fieldDueDate'), { exact: true }).inputValue()).toBe(day(0));
    expect(await form.getByLabel(msg('fieldAmount'), { exact: true }).inputValue()).toBe('1200.00');
    await step(
      'side panel: turn into an agreement due today',
      panel.page,
      () => form.getByRole('button', { name: msg('save'), exact: true }).click(),
      (snap) => byLender(snap, '微粒贷') !== undefined,
      { badge: '2', nextDue: 'armed' },
    );
    await ext.closePage(panel.page);
  });

  it('options page: import a backup (merge)', async () => {
    options = await ext.openPage('options.html', OPTIONS);
    const data = await new DataSectionPage(options, msg).ready();
    // A backup made as the format document says, with one agreement three days overdue.
    const version = (await ext.db.dump())?.version;
    if (version === undefined) throw new Error('no database');
    const exportedAt = await options.evaluate(() => Date.now());
    const file = writeBackupFile(dir, {
      schemaVersion: version,
      exportedAt,
      stores: {
        agreements: [{ id: 'imported-zhaolian', lender: '招联金融', kind: 'extension', amountFen: 70_000, dueDate: day(-3), createdAt: exportedAt, updatedAt: exportedAt }],
      },
    });
    await data.chooseBackup(file);
    await data.preview.waitFor();
    await step(
      'options: import (merge) a backup with an overdue agreement',
      options,
      async () => {
        await data.preview.getByRole('button', { name: msg('dataMerge'), exact: true }).click();
        await data.status.filter({ hasText: msg.pattern('dataImported') }).waitFor();
      },
      (snap) => snap.agreements.some((a) => a.id === 'imported-zhaolian') && snap.reminders.some((r) => r.agreementId === 'imported-zhaolian'),
      { badge: '3', nextDue: 'armed' },
    );
  });

  it('options page: reminder settings saved', async () => {
    // The reminder hour from 09:00 to 10:00: every reminder not shown yet moves.
    const settings = options.getByRole('form', { name: msg('optionsTitle'), exact: true });
    await settings.getByLabel(msg('settingsReminderHour'), { exact: true }).selectOption('10');
    const saved = await step(
      'options: reminder settings saved',
      options,
      async () => {
        await settings.getByRole('button', { name: msg('settingsSave'), exact: true }).click();
        await settings.getByRole('status').filter({ hasText: msg('settingsSaved') }).waitFor();
      },
      () => true,
      { badge: '3', nextDue: 'armed' },
    );
    const unshown = saved.data.reminders.filter((r) => r.pending === 1 && r.notifiedAt === null).map((r) => r.fireAt);
    expect(unshown.length).toBeGreaterThan(0);
    expect(new Set(await options.evaluate((times) => times.map((t) => new Date(t).getHours()), unshown))).toEqual(new Set([10]));
  });

  // The lock seals the records; the reminders and the badge's fields stay readable, so nothing
  // moves: the alarm stays where the data had it, but the background must have looked again.
  it('options page: lock turned on', async () => {
    const lock = await new LockSectionPage(options, msg).ready();
    const before = expectedFrom(await snapshot(options));
    await step(
      'options: lock turned on',
      options,
      async () => {
        await lock.turnOn({ understood: true, passphrase: PASSPHRASE });
        await lock.status.filter({ hasText: msg('lockTurnedOn') }).waitFor({ timeout: 30_000 });
      },
      (snap) => snap.agreements.every((a) => a.lender === undefined),
      { badge: '3', nextDue: before.nextDue ?? 'none' },
    );
  });

  it('options page: lock turned off', async () => {
    const lock = await new LockSectionPage(options, msg).ready();
    const before = expectedFrom(await snapshot(options));
    await step(
      'options: lock turned off',
      options,
      async () => {
        await lock.turnOff(PASSPHRASE);
        await lock.status.filter({ hasText: msg('lockTurnedOff') }).waitFor({ timeout: 30_000 });
      },
      (snap) => snap.agreements.every((a) => a.lender !== undefined),
      { badge: '3', nextDue: before.nextDue ?? 'none' },
    );
  });
});
