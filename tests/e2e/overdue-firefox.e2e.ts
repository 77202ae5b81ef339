import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserDays } from './support/dates';
import { launchFirefox, type FirefoxExtension } from './support/firefox';
import { control, fill, one, shows } from './support/firefox-controls';
import { aria, FirefoxPopup, typeDate } from './support/firefox-pages';
import { loadMessages, type MessageKey } from './support/messages';
import { shownMoney } from './support/popup-pages';
import { poll } from './support/wait';

// Firefox ESR here runs in en-US: the pages show their English messages.
const msg = loadMessages('en');
const WIDE = { width: 1280, height: 1000 };
/** The words of a message before its first placeholder. */
const before$1 = (key: MessageKey) => msg(key, '\u0000').split('\u0000')[0] ?? '';
/** Only the last-transfer step before a due date, so the reminders are few and that one is easy to find. */
const LEAD_TIMES = { decideMonthsBefore: 0, contactDaysBefore: 0, depositFromDaysBefore: 0, depositUntilDaysBefore: 0, transferHoursBefore: 48 };

const innerText = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLElement).innerText);

/** The last Sunday of September of a year: a weekend a notice can make a working day. */
function lastSundayOfSeptember(year: number): string {
  const day = new Date(Date.UTC(year, 8, 30));
  day.setUTCDate(30 - day.getUTCDay());
  return day.toISOString().slice(0, 10);
}

/**
 * The overdue borrower's essentials in Firefox ESR, on the built MV3 add-on: what to do today on an
 * overdue row (overdue.e2e.ts), what can be paid each month in the full view (afford.e2e.ts), and a
 * year's official holidays typed, then deleted, on the settings page (holidays.e2e.ts). Days are the
 * browser's own: the year the holidays form offers is the one after this one, which the built-in
 * calendar does not cover.
 */
describe('Firefox ESR, en-US: overdue advice, what can be paid, and a year of holidays', () => {
  let ext: FirefoxExtension;
  let day: (offset: number) => string;

  beforeAll(async () => {
    ext = await launchFirefox();
  });

  afterAll(async () => {
    await (ext as FirefoxExtension | undefined)?.close();
  });

  it('says what to do today on an overdue row: pay now at 2 days late, contact the lender at 10, keep evidence under collection pressure', async () => {
    const popup = new FirefoxPopup(await ext.openPage('popup.html', FirefoxPopup.readySelector(msg), { width: 380, height: 1400 }), msg);
    day = await browserDays(popup.page);
    await popup.addAgreement({ lender: 'Jiebei', kind: 'kind_settlement', amount: '3000', dueDate: day(-2) });
    await popup.addAgreement({ lender: 'MYbank', kind: 'kind_settlement', amount: '6000', dueDate: day(-10) });
    await popup.addAgreement({ lender: 'JD Baitiao', kind: 'kind_settlement', amount: '12000', dueDate: day(45) });

    const advice = async (lender: string) => (await popup.row(lender)).$eval('.overdue-advice-text', (el) => (el as HTMLElement).innerText);
    expect((await advice('Jiebei')).startsWith(before$1('coachHeadline_pay_now'))).toBe(true);
    expect(await advice('MYbank')).toBe(msg('coachHeadline_contact_lender', 'MYbank'));
    // What is behind an overdue row is never shown as its next step.
    for (const lender of ['Jiebei', 'MYbank']) {
      const row = await popup.row(lender);
      expect(await row.$$('.next-step')).toHaveLength(0);
      expect(await popup.rowText(lender)).not.toContain(before$1('nextStep'));
    }
    // The row on time has its next step, in sentence case after the colon ("Next: decide…").
    expect(await popup.rowText('JD Baitiao')).toMatch(new RegExp(`${before$1('nextStep')}[a-z]`));

    // Collection pressure, recorded in the row's timeline, outranks the days.
    const row = await popup.row('MYbank');
    await (await one(row, aria(msg('timelineShow'), 'button'))).click();
    const box = await control(row, msg('coachMark_collection'));
    await box.click();
    await poll('the mark saved', () => advice('MYbank'), (text) => text === msg('coachHeadline_collection'));
    expect(await box.evaluate((el) => (el as HTMLInputElement).checked)).toBe(true);
    await ext.closePage(popup.page);
  });

  it('weighs what can be paid each month against the debts and asks each lender for a plan, overdue first', async () => {
    const page = await ext.openPage('manage.html', aria(msg('affordHeading'), 'heading'), WIDE);
    const region = await one(page, aria(msg('affordHeading'), 'region'));
    await fill(region, msg('affordLabel'), 'abc');
    await (await one(region, aria(msg('affordShow'), 'button'))).click();
    await shows(page, 'alert', msg('affordErrNumber'));
    expect(await (await control(region, msg('affordLabel'))).evaluate((el) => el.getAttribute('aria-invalid'))).toBe('true');

    await fill(region, msg('affordLabel'), '1200');
    await (await one(region, aria(msg('affordShow'), 'button'))).click();
    const lenders = await poll(
      'the asks',
      () => page.$$eval('.afford-lender', (els) => els.map((el) => (el as HTMLElement).innerText)),
      (names) => names.length === 3,
    );
    // Overdue first (the longest late leading), then by due date.
    expect(lenders).toEqual(['MYbank', 'Jiebei', 'JD Baitiao']);
    expect(await innerText(page, '.afford-when')).toBe(msg('overdueBy', '10 days'));
    expect(await innerText(page, '.afford-burden')).toContain(shownMoney(120_000, 'en'));
    const proposals = await page.$$eval('.afford-proposal', (els) => els.map((el) => (el as HTMLElement).innerText));
    expect(proposals).toHaveLength(3);
    for (const text of proposals) expect(text).toMatch(msg.pattern('affordAsk'));

    // Remembered: the full view opened again shows the amount.
    await ext.closePage(page);
    const again = await ext.openPage('manage.html', aria(msg('affordHeading'), 'heading'), WIDE);
    await poll('the amount remembered', async () => (await control(again, msg('affordLabel'))).evaluate((el) => (el as HTMLInputElement).value), (value) => value === '1200.00');
    await ext.closePage(again);
  });

  it('takes a year of official holidays from the notice, then deletes it after asking; the reminders follow each time', async () => {
    const popup = new FirefoxPopup(await ext.openPage('popup.html', FirefoxPopup.readySelector(msg)), msg);
    const year = Number(day(0).slice(0, 4)) + 1;
    await popup.page.evaluate(async (leadTimes) => {
      const api = (globalThis as unknown as { browser: typeof chrome }).browser;
      await api.storage.local.set({ reminderSettings: { quietHoursEnabled: false, extraLeadDays: [], leadTimes } });
    }, LEAD_TIMES);
    await popup.addAgreement({ lender: 'WeBank', kind: 'kind_extension', amount: '1500', dueDate: `${String(year)}-10-04` });
    const db = ext.db(popup.page);
    const agreement = await poll('the agreement', () => db.agreementByLender('WeBank'), (a) => a !== undefined);
    const transfer = async () => (await db.reminders(agreement?.id)).find((r) => r.code === 'transfer-by');
    // A Monday–Friday guess while the year's holidays are unknown.
    expect(await transfer()).toMatchObject({ provisional: true });

    const settings = await ext.openPage('options.html', aria(msg('holidaysTitle'), 'heading'), { width: 900, height: 1400 });
    const yearPicker = await control(settings, msg('holidaysYear'));
    await yearPicker.select(String(year));
    const dates: [MessageKey, string][] = [
      ['holidaysFrom', `${String(year)}-01-01`],
      ['holidaysTo', `${String(year)}-01-03`],
    ];
    for (const [key, value] of dates) await typeDate(settings, await control(settings, msg(key, msg('holidayNew_year'))), value);
    await typeDate(settings, await control(settings, msg('holidaysFrom', msg('holidayNational_day'))), `${String(year)}-10-01`);
    await typeDate(settings, await control(settings, msg('holidaysTo', msg('holidayNational_day'))), `${String(year)}-10-07`);
    await typeDate(settings, await control(settings, msg('holidaysMakeUpDay', '1')), lastSundayOfSeptember(year));
    await (await one(settings, aria(msg('holidaysSave', String(year)), 'button'))).click();
    await shows(settings, 'status', msg('holidaysSaved', String(year)));
    await poll('the step planned with the notice', transfer, (r) => r?.provisional === false);

    // Delete this year: asked first; "keep it" keeps it; confirmed, the year goes and the step is a guess again.
    await (await one(settings, aria(msg('holidaysDelete'), 'button'))).click();
    const confirm = await one(settings, aria(msg('holidaysDelete'), 'group'));
    expect(await confirm.evaluate((el) => (el as HTMLElement).innerText)).toContain(msg('holidaysDeleteConfirm', String(year)));
    await (await one(confirm, aria(msg('deleteNo'), 'button'))).click();
    await settings.waitForSelector(aria(msg('holidaysDelete'), 'group'), { hidden: true, timeout: 5_000 });
    expect(await transfer()).toMatchObject({ provisional: false });

    await (await one(settings, aria(msg('holidaysDelete'), 'button'))).click();
    await (await one(settings, aria(msg('holidaysDeleteYes', String(year)), 'button'))).click();
    await shows(settings, 'status', msg('holidaysDeleted', String(year)));
    await poll('the step a guess again', transfer, (r) => r?.provisional === true);
    expect(await settings.$$(aria(msg('holidaysDelete'), 'button'))).toHaveLength(0);
    await ext.closePage(settings);
    await ext.closePage(popup.page);
  });
});
