import type { Locator, Page, Worker } from 'playwright-core';
import { describeWriteAnnounces, SIZES, type AnnounceDriver } from './support/announce-suite';
import { launchChromium, type ChromiumExtension } from './support/chromium';
import { ChromiumSidePanel } from './support/chromium-pages';
import { DataSectionPage } from './support/data-pages';
import { LockSectionPage } from './support/lock-pages';
import { ManageScreen } from './support/manage-pages';
import { loadMessages } from './support/messages';
import { PopupScreen } from './support/popup-pages';

const msg = loadMessages('zh_CN');

let ext: ChromiumExtension;
// The page of the surface under test, and its page object; each opens when its first step starts.
let page: Page;
let popup: PopupScreen;
let manage: ManageScreen;
/** The surface that adds agreements: the popup, or the full view once it is open. */
let adder: PopupScreen | ManageScreen;
let panel: ChromiumSidePanel;
let data: DataSectionPage;

const liveWorker = (): Worker | undefined => ext.context.serviceWorkers().find((w) => w.url() === `${ext.origin}/background.js`);

/** Waits until a status shows this text: how a write on the options page ends. */
const statusShows = (status: Locator, text: string | RegExp, timeout?: number): Promise<void> =>
  status.filter({ hasText: text }).waitFor(timeout === undefined ? undefined : { timeout });

/**
 * Every page that writes, in the real Chromium build (support/announce-suite.ts has the steps and
 * what each must show). The badge and the alarm are read in the service worker if it runs, else in
 * the page (which sees the same badge and alarms); the worker is never woken from here: a worker
 * that starts reconciles, which would hide a missing announcement.
 */
const chromium: AnnounceDriver = {
  locale: 'zh_CN',
  msg,
  lenders: { dueToday: '花呗', overdue: '借呗', dueYesterday: '京东金条', fromChat: '微粒贷', imported: '招联金融' },
  offer: (dueDay) => ({ text: `同意展期，先还1,200元，${dueDay}前还清`, amount: '1200.00' }),
  launch: async () => {
    ext = await launchChromium({ lang: 'zh-CN' });
  },
  close: async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  },
  open: async (surface) => {
    if (surface === 'popup') page = (adder = popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready()).page;
    if (surface === 'manage') page = (adder = manage = await new ManageScreen(await ext.openPage('manage.html', SIZES.wide), msg).ready()).page;
    if (surface === 'panel') page = (panel = await new ChromiumSidePanel(await ext.openPage('sidepanel.html', SIZES.panel), msg).ready()).page;
    if (surface === 'options') {
      page = await ext.openPage('options.html', SIZES.options);
      data = await new DataSectionPage(page, msg).ready();
    }
  },
  closeCurrent: () => ext.closePage(page),
  data: async () => page,
  background: async () => liveWorker() ?? page,
  readNote: () => (liveWorker() ? '' : ' (read through the page: the worker was not running)'),
  schemaVersion: async () => (await ext.db.dump())?.version,
  addAgreement: async (input) => {
    await adder.addAgreement(input);
  },
  pay: async (lender) => () => popup.pay(lender),
  undo: async (lender, amountShown, dateShown) => () => popup.undo(lender, amountShown, dateShown),
  deleteAgreement: async (lender) => () => popup.deleteAgreement(lender),
  editDueDate: async (lender, day) => () => manage.edit(lender, { dueDate: day }),
  chatToAgreement: async (lender, offer) => {
    await panel.field('sessionLender').fill(lender);
    await panel.addNote(offer);
    await panel.tag(offer, 'tag_offer');
    await panel.button('sessionToAgreement').click();
    const form = panel.page.getByRole('form', { name: msg('addAgreement') });
    return {
      dueDate: await form.getByLabel(msg('fieldDueDate'), { exact: true }).inputValue(),
      amount: await form.getByLabel(msg('fieldAmount'), { exact: true }).inputValue(),
      save: () => form.getByRole('button', { name: msg('save'), exact: true }).click(),
    };
  },
  importBackup: async (file) => {
    await data.chooseBackup(file);
    await data.preview.waitFor();
    return async () => {
      await data.preview.getByRole('button', { name: msg('dataMerge'), exact: true }).click();
      await statusShows(data.status, msg.pattern('dataImported'));
    };
  },
  reminderHour: async (hour) => {
    const settings = page.getByRole('form', { name: msg('remindersSectionTitle'), exact: true });
    await settings.getByLabel(msg('settingsReminderHour'), { exact: true }).selectOption(hour);
    return async () => {
      await settings.getByRole('button', { name: msg('settingsSave'), exact: true }).click();
      await statusShows(settings.getByRole('status'), msg('settingsSaved'));
    };
  },
  lockOn: async (passphrase) => {
    const lock = await new LockSectionPage(page, msg).ready();
    return async () => {
      await lock.turnOn({ understood: true, passphrase });
      await statusShows(lock.status, msg('lockTurnedOn'), 30_000);
    };
  },
  lockOff: async (passphrase) => {
    const lock = await new LockSectionPage(page, msg).ready();
    return async () => {
      await lock.turnOff(passphrase);
      await statusShows(lock.status, msg('lockTurnedOff'), 30_000);
    };
  },
};

describeWriteAnnounces('Chromium: each writing page re-arms the next-due alarm and redraws the badge by itself', chromium);
