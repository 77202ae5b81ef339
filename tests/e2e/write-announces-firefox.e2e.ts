import type { ElementHandle, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import type { Target } from './support/announce-checks';
import { describeWriteAnnounces, SIZES, type AnnounceDriver } from './support/announce-suite';
import { launchFirefox, type FirefoxExtension } from './support/firefox';
import { control, one, shows, typeDate } from './support/firefox-controls';
import { aria, FirefoxPopup, FirefoxSidePanel } from './support/firefox-pages';
import { fillTurnOnInFirefox } from './support/lock-on';
import { loadMessages } from './support/messages';

// Firefox ESR here runs in en-US: the pages show their English messages.
const msg = loadMessages('en');

let ext: FirefoxExtension;
// The page of the surface under test, and its page object; each opens when its first step starts.
let page: Page;
let popup: FirefoxPopup;
let manage: FirefoxPopup;
/** The surface that adds agreements: the popup, or the full view once it is open. */
let adder: FirefoxPopup;
let panel: FirefoxSidePanel;

/** The write that presses this button (found before the write starts), then waits for a status to show `text`. */
const pressThenStatus = (button: ElementHandle, text: string | RegExp, timeout?: number) => async () => {
  await button.click();
  await shows(page, 'status', text, timeout);
};

/**
 * The same writes as write-announces.e2e.ts (support/announce-suite.ts has the steps and what each
 * must show), in Firefox ESR's MV3 build (its background is an event page), the side panel being
 * Firefox's sidebar page. Puppeteer has no handle on Firefox's background, and reaching it through
 * runtime.getBackgroundPage could wake a suspended one, whose start-up reconcile would hide a
 * missing announcement; so both are read through the page that wrote: browser.action.getBadgeText
 * and browser.alarms.get see the extension's one badge and its one set of alarms.
 */
const firefox: AnnounceDriver = {
  locale: 'en',
  msg,
  lenders: { dueToday: 'Huabei', overdue: 'Jiebei', dueYesterday: 'JD Jintiao', fromChat: 'Weilidai', imported: 'Zhaolian' },
  offer: (dueDay) => ({ text: `Agreed to defer: pay 800 yuan by ${dueDay}`, amount: '800.00' }),
  launch: async () => {
    ext = await launchFirefox();
  },
  close: async () => {
    await (ext as FirefoxExtension | undefined)?.close();
  },
  open: async (surface) => {
    if (surface === 'popup') page = (adder = popup = new FirefoxPopup(await ext.openPage('popup.html', FirefoxPopup.readySelector(msg)), msg)).page;
    if (surface === 'manage') page = (adder = manage = new FirefoxPopup(await ext.openPage('manage.html', FirefoxPopup.readySelector(msg), SIZES.wide), msg)).page;
    if (surface === 'panel') page = (panel = new FirefoxSidePanel(await ext.openPage('sidepanel.html', FirefoxSidePanel.readySelector(msg), SIZES.panel), msg)).page;
    if (surface === 'options') page = await ext.openPage('options.html', aria(msg('dataTitle'), 'region'), SIZES.options);
  },
  closeCurrent: () => ext.closePage(page),
  data: async () => page as unknown as Target,
  background: async () => page as unknown as Target,
  schemaVersion: async () => (await ext.db(page).dump())?.version,
  addAgreement: async (input) => {
    await adder.addAgreement(input);
  },
  pay: async (lender) => {
    await (await one(await popup.row(lender), aria(msg('markPaidOf', lender), 'button'))).click();
    // The form offers what is left: paid in full.
    const form = await one(popup.page, aria(msg('markPaidOf', lender), 'form'));
    const record = await one(form, aria(msg('recordPayment'), 'button'));
    return async () => {
      await record.click();
    };
  },
  undo: async (lender, amountShown, dateShown) => {
    const undo = await one(await popup.row(lender), aria(msg('undoPaymentOf', amountShown, dateShown), 'button'));
    return () => undo.click();
  },
  deleteAgreement: async (lender) => {
    const row = await popup.row(lender);
    await (await one(row, aria(msg('delete'), 'button'))).click();
    const confirm = await one(row, aria(msg('deleteConfirm', lender), 'group'));
    return async () => {
      await (await one(confirm, aria(msg('deleteYes'), 'button'))).click();
    };
  },
  editDueDate: async (lender, day) => {
    await (await one(await manage.row(lender), aria(msg('editAgreementOf', lender), 'button'))).click();
    const form = await one(manage.page, aria(msg('editAgreement'), 'form'));
    await typeDate(manage.page, await control(form, msg('fieldDueDate')), day);
    return async () => {
      await (await one(form, aria(msg('save'), 'button'))).click();
    };
  },
  chatToAgreement: async (lender, offer) => {
    await (await panel.field('sessionLender')).type(lender);
    await panel.addNote(offer);
    await panel.tag(offer, 'tag_offer');
    await panel.click('sessionToAgreement');
    const value = async (key: 'fieldDueDate' | 'fieldAmount') => (await panel.field(key)).evaluate((el) => (el as HTMLInputElement).value);
    return { dueDate: await value('fieldDueDate'), amount: await value('fieldAmount'), save: () => panel.click('save') };
  },
  importBackup: async (file) => {
    const section = await one(page, aria(msg('dataTitle'), 'region'));
    const picker = await section.$('input[type=file]');
    if (!picker) throw new Error('no file input in the data section');
    expect(await picker.evaluate((el) => el.labels?.[0]?.textContent)).toBe(msg('dataImport'));
    await picker.uploadFile(file);
    const preview = await one(section, '[role=group][aria-labelledby=import-preview-title]');
    return pressThenStatus(await one(preview, aria(msg('dataMerge'), 'button')), msg.pattern('dataImported'));
  },
  reminderHour: async (hour) => {
    await (await control(page, msg('settingsReminderHour'))).select(hour);
    return pressThenStatus(await one(page, aria(msg('settingsSave'), 'button')), msg('settingsSaved'));
  },
  lockOn: async (passphrase) => {
    return pressThenStatus(await fillTurnOnInFirefox(page, msg, passphrase), msg('lockTurnedOn'), 30_000);
  },
  lockOff: async (passphrase) => {
    const form = await one(page, aria(msg('lockOffTitle'), 'form'));
    await (await control(form, msg('lockPassphrase'))).type(passphrase);
    return pressThenStatus(await one(form, aria(msg('lockTurnOff'), 'button')), msg('lockTurnedOff'), 30_000);
  },
};

describeWriteAnnounces('Firefox ESR: each writing page re-arms the next-due alarm and redraws the badge by itself', firefox);
