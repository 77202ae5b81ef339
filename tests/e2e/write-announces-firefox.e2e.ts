import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
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
import { browserDays } from './support/dates';
import { launchFirefox, type FirefoxExtension } from './support/firefox';
import { aria, FirefoxPopup, FirefoxSidePanel } from './support/firefox-pages';
import { loadMessages } from './support/messages';
import { shownDate, shownMoney } from './support/popup-pages';

// Firefox ESR here runs in en-US: the pages show their English messages.
const msg = loadMessages('en');
const money = (fen: number) => shownMoney(fen, 'en');
const date = (day: string) => shownDate(day, 'en');
const WIDE = { width: 1280, height: 900 };
const OPTIONS = { width: 900, height: 1600 };
const PASSPHRASE = 'salary day first, then huabei';

async function one(scope: Page | ElementHandle, selector: string, timeout = 5_000): Promise<ElementHandle> {
  const handle = await scope.waitForSelector(selector, { timeout });
  if (!handle) throw new Error(`Nothing matches ${selector}`);
  return handle;
}

/** The form control a label names (Firefox also names the <label> itself under that text). */
async function control(scope: Page | ElementHandle, label: string): Promise<ElementHandle> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    for (const handle of await scope.$$(aria(label))) {
      if (await handle.evaluate((el) => el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)) return handle;
    }
    if (Date.now() > deadline) throw new Error(`No form control labelled "${label}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until an element of the page with this role shows the text (or text matching the pattern). */
async function shows(page: Page, role: 'status' | 'alert', text: string | RegExp, timeout = 10_000): Promise<void> {
  const pattern = typeof text === 'string' ? null : { source: text.source, flags: text.flags };
  await page.waitForFunction(
    (r: string, wanted: string, re: { source: string; flags: string } | null) =>
      [...document.querySelectorAll(`[role=${r}]`)].some((el) => (re ? new RegExp(re.source, re.flags).test(el.textContent) : el.textContent === wanted)),
    { timeout },
    role,
    typeof text === 'string' ? text : '',
    pattern,
  );
}

/** Types a day into <input type=date> digit by digit, in the order the browser's locale shows its fields. */
async function typeDate(page: Page, input: ElementHandle, day: string): Promise<void> {
  const [year, month, d] = day.split('-') as [string, string, string];
  const order = await page.evaluate(() =>
    new Intl.DateTimeFormat(navigator.language)
      .formatToParts(new Date(2026, 10, 22))
      .map((part) => part.type)
      .filter((type) => type === 'year' || type === 'month' || type === 'day'),
  );
  const values: Record<string, string> = { year, month, day: d };
  await input.focus();
  for (const part of order) await page.keyboard.type(values[part] ?? '');
  const typed = await input.evaluate((el) => (el as HTMLInputElement).value);
  if (typed !== day) throw new Error(`The date input holds "${typed}" after typing ${day}`);
}

const target = (page: Page) => page as unknown as Target;

/**
 * The same writes as write-announces.e2e.ts, in Firefox ESR's MV3 build (its background is an
 * event page): after each one the badge and the next-due alarm are right within 2 seconds, with no
 * other page opened and nothing dispatched by hand. Puppeteer has no handle on Firefox's background,
 * and reaching it through runtime.getBackgroundPage could wake a suspended one, whose start-up
 * reconcile would hide a missing announcement; so both are read through the page that wrote:
 * browser.action.getBadgeText and browser.alarms.get see the extension's one badge and its one set
 * of alarms.
 */
describe('Firefox ESR: each writing page re-arms the next-due alarm and redraws the badge by itself', () => {
  let ext: FirefoxExtension;
  let dir: string;
  let day: (offset: number) => string;
  // The page of the surface under test; each opens when its first step starts.
  let popup: FirefoxPopup;
  let manage: FirefoxPopup;
  let options: Page;
  const timings: string[] = [];

  /**
   * One write: the badge and the alarm set wrong, the write done in `page`, its commit seen in the
   * database, then at most 2 s for the background to be right.
   */
  const step = async (what: string, page: Page, write: () => Promise<void>, stored: (snap: DataSnapshot) => boolean, concrete: Concrete): Promise<Settled> => {
    await scramble(target(page));
    await write();
    await committed(what, async () => target(page), stored);
    const settled = await backgroundRight(what, { background: async () => target(page), data: async () => target(page), concrete });
    timings.push(`${what}: ${String(settled.elapsedMs)} ms`);
    return settled;
  };

  beforeAll(async () => {
    ext = await launchFirefox();
    dir = mkdtempSync(join(tmpdir(), 'repay-e2e-announce-ff-'));
  });

  afterAll(async () => {
    await (ext as FirefoxExtension | undefined)?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (timings.length > 0) console.info(`Background right after:\n  ${timings.join('\n  ')}`);
  });

  it('at start: no badge, no next-due alarm', async () => {
    popup = new FirefoxPopup(await ext.openPage('popup.html', FirefoxPopup.readySelector(msg)), msg);
    day = await browserDays(popup.page);
    await backgroundRight('at start', { background: async () => target(popup.page), data: async () => target(popup.page), concrete: { badge: '', nextDue: 'none' }, timeoutMs: 10_000 });
  });

  it('popup: add an agreement due today', async () => {
    await step(
      'popup: add an agreement due today',
      popup.page,
      async () => {
        await popup.addAgreement({ lender: 'Huabei', kind: 'kind_extension', amount: '300', dueDate: day(0) });
      },
      (snap) => byLender(snap, 'Huabei') !== undefined,
      { badge: '1', nextDue: 'armed' },
    );
  });

  it('popup: pay (in full)', async () => {
    await (await one(await popup.row('Huabei'), aria(msg('markPaidOf', 'Huabei'), 'button'))).click();
    const form = await one(popup.page, aria(msg('markPaidOf', 'Huabei'), 'form'));
    // Paid in full (the form offers what is left): off the badge, and an extension leaves no step after the payment.
    const paid = await step(
      'popup: pay in full',
      popup.page,
      async () => {
        await (await one(form, aria(msg('recordPayment'), 'button'))).click();
      },
      (snap) => byLender(snap, 'Huabei')?.settled === 1,
      { badge: '', nextDue: 'none' },
    );
    expect(paid.data.reminders.filter((r) => r.pending === 1)).toEqual([]);
  });

  it('popup: undo the payment', async () => {
    const undo = await one(await popup.row('Huabei'), aria(msg('undoPaymentOf', money(30_000), date(day(0))), 'button'));
    const undone = await step('popup: undo the payment', popup.page, () => undo.click(), (snap) => byLender(snap, 'Huabei')?.settled === 0, {
      badge: '1',
      nextDue: 'armed',
    });
    // The alarm is for the payment reminder of the agreement due today (today at the reminder hour, or its daily repeat).
    const soonest = undone.data.reminders.filter((r) => r.pending === 1).sort((a, b) => a.fireAt - b.fireAt)[0];
    expect(soonest).toMatchObject({ agreementId: byLender(undone.data, 'Huabei')?.id, code: 'pay', fireAt: undone.state.nextDue });
  });

  it('popup: add an overdue agreement', async () => {
    await step(
      'popup: add an overdue agreement',
      popup.page,
      async () => {
        await popup.addAgreement({ lender: 'Jiebei', kind: 'kind_settlement', amount: '500', dueDate: day(-2) });
      },
      (snap) => byLender(snap, 'Jiebei') !== undefined,
      { badge: '2', nextDue: 'armed' },
    );
  });

  it('popup: delete an agreement', async () => {
    const row = await popup.row('Jiebei');
    await (await one(row, aria(msg('delete'), 'button'))).click();
    const confirm = await one(row, aria(msg('deleteConfirm', 'Jiebei'), 'group'));
    const deleted = await step(
      'popup: delete an agreement',
      popup.page,
      async () => {
        await (await one(confirm, aria(msg('deleteYes'), 'button'))).click();
      },
      (snap) => byLender(snap, 'Jiebei') === undefined,
      { badge: '1', nextDue: 'armed' },
    );
    const huabei = byLender(deleted.data, 'Huabei');
    expect(deleted.data.reminders.every((r) => r.agreementId === huabei?.id)).toBe(true);
  });

  it('full view: add an agreement', async () => {
    await ext.closePage(popup.page);
    manage = new FirefoxPopup(await ext.openPage('manage.html', FirefoxPopup.readySelector(msg), WIDE), msg);
    await step(
      'full view: add an agreement due yesterday',
      manage.page,
      async () => {
        await manage.addAgreement({ lender: 'JD Jintiao', kind: 'kind_waiver', amount: '900', dueDate: day(-1) });
      },
      (snap) => byLender(snap, 'JD Jintiao') !== undefined,
      { badge: '2', nextDue: 'armed' },
    );
  });

  it('full view: edit an agreement', async () => {
    await (await one(await manage.row('JD Jintiao'), aria(msg('editAgreementOf', 'JD Jintiao'), 'button'))).click();
    const form = await one(manage.page, aria(msg('editAgreement'), 'form'));
    await typeDate(manage.page, await control(form, msg('fieldDueDate')), day(2));
    const edited = await step(
      'full view: move its due date two days ahead',
      manage.page,
      async () => {
        await (await one(form, aria(msg('save'), 'button'))).click();
      },
      (snap) => byLender(snap, 'JD Jintiao')?.dueDate === day(2),
      { badge: '1', nextDue: 'armed' },
    );
    // Its reminders follow the new date: its payment is now ahead, not overdue.
    const jintiao = byLender(edited.data, 'JD Jintiao');
    expect(edited.data.reminders.some((r) => r.agreementId === jintiao?.id && r.code === 'pay' && r.pending === 1 && r.fireAt > edited.data.now)).toBe(true);
  });

  it('side panel (sidebar): a chat session turned into an agreement', async () => {
    await ext.closePage(manage.page);
    const panel = new FirefoxSidePanel(await ext.openPage('sidepanel.html', FirefoxSidePanel.readySelector(msg), { width: 400, height: 900 }), msg);
    await (await panel.field('sessionLender')).type('Weilidai');
    const offer = `Agreed to defer: pay 800 yuan by ${day(0)}`;
    await panel.addNote(offer);
    await panel.tag(offer, 'tag_offer');
    await panel.click('sessionToAgreement');
    expect(await (await panel.field('fieldDueDate')).evaluate((el) => (el as HTMLInputElement).value)).toBe(day(0));
    expect(await (await panel.field('fieldAmount')).evaluate((el) => (el as HTMLInputElement).value)).toBe('800.00');
    await step('side panel: turn into an agreement due today', panel.page, () => panel.click('save'), (snap) => byLender(snap, 'Weilidai') !== undefined, {
      badge: '2',
      nextDue: 'armed',
    });
    await ext.closePage(panel.page);
  });

  it('options page: import a backup (merge)', async () => {
    options = await ext.openPage('options.html', aria(msg('dataTitle'), 'region'), OPTIONS);
    // A backup made as the format document says, with one agreement three days overdue.
    const version = (await ext.db(options).dump())?.version;
    if (version === undefined) throw new Error('no database');
    const exportedAt = await options.evaluate(() => Date.now());
    const file = writeBackupFile(dir, {
      schemaVersion: version,
      exportedAt,
      stores: {
        agreements: [{ id: 'imported-zhaolian', lender: 'Zhaolian', kind: 'extension', amountFen: 70_000, dueDate: day(-3), createdAt: exportedAt, updatedAt: exportedAt }],
      },
    });
    const section = await one(options, aria(msg('dataTitle'), 'region'));
    const picker = await section.$('input[type=file]');
    if (!picker) throw new Error('no file input in the data section');
    expect(await picker.evaluate((el) => el.labels?.[0]?.textContent)).toBe(msg('dataImport'));
    await picker.uploadFile(file);
    const preview = await one(section, '[role=group][aria-labelledby=import-preview-title]');
    const merge = await one(preview, aria(msg('dataMerge'), 'button'));
    await step(
      'options: import (merge) a backup with an overdue agreement',
      options,
      async () => {
        await merge.click();
        await shows(options, 'status', msg.pattern('dataImported'));
      },
      (snap) => snap.agreements.some((a) => a.id === 'imported-zhaolian') && snap.reminders.some((r) => r.agreementId === 'imported-zhaolian'),
      { badge: '3', nextDue: 'armed' },
    );
  });

  it('options page: reminder settings saved', async () => {
    // The reminder hour from 09:00 to 10:00: every reminder not shown yet moves.
    await (await control(options, msg('settingsReminderHour'))).select('10');
    const saved = await step(
      'options: reminder settings saved',
      options,
      async () => {
        await (await one(options, aria(msg('settingsSave'), 'button'))).click();
        await shows(options, 'status', msg('settingsSaved'));
      },
      () => true,
      { badge: '3', nextDue: 'armed' },
    );
    const unshown = saved.data.reminders.filter((r) => r.pending === 1 && r.notifiedAt === null).map((r) => r.fireAt);
    expect(unshown.length).toBeGreaterThan(0);
    expect(new Set(await options.evaluate((times: number[]) => times.map((t) => new Date(t).getHours()), unshown))).toEqual(new Set([10]));
  });

  // The lock seals the records; the reminders and the badge's fields stay readable, so nothing
  // moves: the alarm stays where the data had it, but the background must have looked again.
  it('options page: lock turned on', async () => {
    const form = await one(options, aria(msg('lockTurnOn'), 'form'));
    await (await control(form, msg('lockUnderstand'))).click();
    for (const label of [msg('lockPassphrase'), msg('lockPassphraseConfirm')]) await (await control(form, label)).type(PASSPHRASE);
    const button = await one(form, aria(msg('lockTurnOn'), 'button'));
    const before = expectedFrom(await snapshot(target(options)));
    await step(
      'options: lock turned on',
      options,
      async () => {
        await button.click();
        await shows(options, 'status', msg('lockTurnedOn'), 30_000);
      },
      (snap) => snap.agreements.every((a) => a.lender === undefined),
      { badge: '3', nextDue: before.nextDue ?? 'none' },
    );
  });

  it('options page: lock turned off', async () => {
    const form = await one(options, aria(msg('lockOffTitle'), 'form'));
    await (await control(form, msg('lockPassphrase'))).type(PASSPHRASE);
    const button = await one(form, aria(msg('lockTurnOff'), 'button'));
    const before = expectedFrom(await snapshot(target(options)));
    await step(
      'options: lock turned off',
      options,
      async () => {
        await button.click();
        await shows(options, 'status', msg('lockTurnedOff'), 30_000);
      },
      (snap) => snap.agreements.every((a) => a.lender !== undefined),
      { badge: '3', nextDue: before.nextDue ?? 'none' },
    );
  });
});
