import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, resetExtension, type ChromiumExtension } from './support/chromium';
import { ChromiumPopup } from './support/chromium-pages';
import { loadMessages } from './support/messages';
import { SCREENSHOTS_DIR } from './support/paths';

/**
 * A year's official holidays typed on the settings page, in the real Chromium build. The pages'
 * clock is set to a day in December 2026, when the built-in calendar (chinese-days 1.5.7) ends with
 * 2026: a 2027 agreement's working-day step is a Monday–Friday guess, marked "*" in the popup,
 * until the 2027 notice is typed in. The dates below are made up in the shape of a notice; they
 * are not the real 2027 holidays.
 */

/** 10:00 on Thursday 10 December 2026, in the browser's zone. */
const DECEMBER_2026 = new Date(2026, 11, 10, 10);
const DUE = '2027-10-04';
/** Only the last-transfer step before the due date, so it is the row's next step. */
const LEAD_TIMES = { decideMonthsBefore: 0, contactDaysBefore: 0, depositFromDaysBefore: 0, depositUntilDaysBefore: 0, transferHoursBefore: 48 };

async function storedYears(page: Page): Promise<unknown[]> {
  return page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        // The database exists (the popup created it): opened without a version, the app's schema is kept.
        const open = indexedDB.open('repay-companion');
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('holidayYears').objectStore('holidayYears').getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as unknown[]);
          };
          request.onerror = () => reject(request.error ?? new Error('read failed'));
        };
      }),
  );
}

async function openSettings(ext: ChromiumExtension, msg: ReturnType<typeof loadMessages>): Promise<Page> {
  const page = await ext.openPage('options.html', { width: 900, height: 1200 });
  await page.getByRole('heading', { level: 3, name: msg('holidaysTitle') }).waitFor();
  return page;
}

async function fillNotice(page: Page, msg: ReturnType<typeof loadMessages>, makeUp: string): Promise<void> {
  const name = (key: 'holidayNew_year' | 'holidayNational_day') => msg(key);
  await page.getByLabel(msg('holidaysFrom', name('holidayNew_year')), { exact: true }).fill('2027-01-01');
  await page.getByLabel(msg('holidaysTo', name('holidayNew_year')), { exact: true }).fill('2027-01-03');
  await page.getByLabel(msg('holidaysFrom', name('holidayNational_day')), { exact: true }).fill('2027-10-01');
  await page.getByLabel(msg('holidaysTo', name('holidayNational_day')), { exact: true }).fill('2027-10-07');
  await page.getByLabel(msg('holidaysMakeUpDay', '1'), { exact: true }).fill(makeUp);
}

async function screenshot(page: Page, name: string, scheme: 'light' | 'dark'): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.emulateMedia({ colorScheme: scheme });
  await page.locator('#holidays').screenshot({ path: join(SCREENSHOTS_DIR, `${name}-${scheme}.png`) });
}

describe('Chromium: official holidays typed for a year the calendar lacks', () => {
  let ext: ChromiumExtension;
  const msg = loadMessages('zh_CN');

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'zh-CN' });
    await ext.context.clock.setFixedTime(DECEMBER_2026);
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  it('a bad entry is named and saves nothing; the notice saved takes the 2027 step’s provisional mark away in the popup', async () => {
    const popup = await new ChromiumPopup(await ext.openPage('popup.html'), msg).ready();
    await resetExtension(ext, popup.page);
    await popup.page.evaluate((leadTimes) => chrome.storage.local.set({ reminderSettings: { quietHoursEnabled: false, extraLeadDays: [], leadTimes } }), LEAD_TIMES);
    expect(await popup.page.evaluate(() => new Date().getFullYear())).toBe(2026);

    // Saturday 2 October is 48 hours before; Monday–Friday guesses Friday 1 October, marked provisional.
    const row = await popup.addAgreement({ lender: '网商贷', kind: 'kind_extension', amount: '1500', dueDate: DUE });
    await row.getByText('10月1日', { exact: false }).waitFor();
    expect(await row.locator('.provisional').count()).toBe(1);

    const settings = await openSettings(ext, msg);
    expect(await settings.getByLabel(msg('holidaysYear'), { exact: true }).inputValue()).toBe('2027');
    await settings.getByText(msg('holidaysSource', '2027')).waitFor();

    // Wednesday 29 September is no make-up day: named, and nothing stored.
    await fillNotice(settings, msg, '2027-09-29');
    await settings.getByRole('button', { name: msg('holidaysSave', '2027') }).click();
    const alert = settings.locator('#holidays').getByRole('alert');
    await alert.getByText(msg('holidayProblemWorkdayNotWeekend', '2027年9月29日 周三')).waitFor();
    await alert.getByText(msg('holidaysRefused')).waitFor();
    expect(await settings.getByLabel(msg('holidaysMakeUpDay', '1'), { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await storedYears(settings)).toEqual([]);
    expect((await ext.db.reminders()).find((r) => r.code === 'transfer-by')).toMatchObject({ fireDate: '2027-10-01', provisional: true });
    await screenshot(settings, 'holidays-refused-zh', 'light');

    // Sunday 26 September is.
    await settings.getByLabel(msg('holidaysMakeUpDay', '1'), { exact: true }).fill('2027-09-26');
    await settings.getByRole('button', { name: msg('holidaysSave', '2027') }).click();
    await settings.getByRole('status').filter({ hasText: msg('holidaysSaved', '2027') }).waitFor();
    expect(await alert.count()).toBe(0);
    const [year] = (await storedYears(settings)) as { id: string; holidays: unknown[]; workdays: string[] }[];
    expect(year).toMatchObject({
      id: '2027',
      holidays: [
        { name: 'new-year', from: '2027-01-01', to: '2027-01-03' },
        { name: 'national-day', from: '2027-10-01', to: '2027-10-07' },
      ],
      workdays: ['2027-09-26'],
    });
    await settings.getByText(msg('holidaysSavedOn', '2027')).waitFor();
    await screenshot(settings, 'holidays-zh', 'light');
    await screenshot(settings, 'holidays-zh', 'dark');

    // The popup, opened again: the step moved before the National Day break, with no mark.
    const transfer = (await ext.db.reminders()).find((r) => r.code === 'transfer-by');
    expect(transfer).toMatchObject({ fireDate: '2027-09-30', provisional: false });
    await popup.page.reload();
    await popup.ready();
    await popup.row('网商贷').getByText('9月30日', { exact: false }).waitFor();
    expect(await popup.row('网商贷').locator('.provisional').count()).toBe(0);

    // Delete this year: asked first; "keep it" writes nothing; confirmed, the year goes and the step is a guess again.
    await settings.emulateMedia({ colorScheme: 'light' });
    await settings.getByRole('button', { name: msg('holidaysDelete'), exact: true }).click();
    const confirm = settings.getByRole('group', { name: msg('holidaysDelete'), exact: true });
    await confirm.getByText(msg('holidaysDeleteConfirm', '2027', '2027')).waitFor();
    await screenshot(settings, 'holidays-delete-zh', 'light');
    await screenshot(settings, 'holidays-delete-zh', 'dark');
    await settings.emulateMedia({ colorScheme: 'light' });
    await confirm.getByRole('button', { name: msg('deleteNo'), exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await storedYears(settings)).toHaveLength(1);

    await settings.getByRole('button', { name: msg('holidaysDelete'), exact: true }).click();
    await confirm.getByRole('button', { name: msg('holidaysDeleteYes', '2027'), exact: true }).click();
    await settings.getByRole('status').filter({ hasText: msg('holidaysDeleted', '2027') }).waitFor();
    expect(await storedYears(settings)).toEqual([]);
    expect(await settings.getByText(msg('holidaysSavedOn', '2027')).count()).toBe(0);
    expect(await settings.getByRole('button', { name: msg('holidaysDelete'), exact: true }).count()).toBe(0);
    expect(await settings.getByLabel(msg('holidaysMakeUpDay', '1'), { exact: true }).inputValue()).toBe('');
    expect((await ext.db.reminders()).find((r) => r.code === 'transfer-by')).toMatchObject({ fireDate: '2027-10-01', provisional: true });
    await popup.page.reload();
    await popup.ready();
    await popup.row('网商贷').getByText('10月1日', { exact: false }).waitFor();
    expect(await popup.row('网商贷').locator('.provisional').count()).toBe(1);
  });
});

describe('Chromium, English: the holidays part of the settings', () => {
  let ext: ChromiumExtension;
  const msg = loadMessages('en');

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'en-US' });
    await ext.context.clock.setFixedTime(DECEMBER_2026);
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  it('names a make-up day that is also a day off, in English', async () => {
    const settings = await openSettings(ext, msg);
    await fillNotice(settings, msg, '2027-10-02');
    await settings.getByRole('button', { name: msg('holidaysSave', '2027') }).click();
    await settings
      .locator('#holidays')
      .getByRole('alert')
      .getByText(msg('holidayProblemWorkdayIsHoliday', 'Sat, 2 Oct 2027', msg('holidayNational_day')))
      .waitFor();
    expect(await storedYears(settings)).toEqual([]);
    await screenshot(settings, 'holidays-refused-en', 'light');
    await screenshot(settings, 'holidays-refused-en', 'dark');
    await settings.emulateMedia({ colorScheme: 'light' });

    // Saved, then deleted after confirming, in English.
    await settings.getByLabel(msg('holidaysMakeUpDay', '1'), { exact: true }).fill('2027-09-26');
    await settings.getByRole('button', { name: msg('holidaysSave', '2027') }).click();
    await settings.getByRole('status').filter({ hasText: msg('holidaysSaved', '2027') }).waitFor();
    await settings.getByRole('button', { name: msg('holidaysDelete'), exact: true }).click();
    const confirm = settings.getByRole('group', { name: msg('holidaysDelete'), exact: true });
    await confirm.getByText(msg('holidaysDeleteConfirm', '2027', '2027')).waitFor();
    await screenshot(settings, 'holidays-delete-en', 'light');
    await settings.emulateMedia({ colorScheme: 'light' });
    await confirm.getByRole('button', { name: msg('holidaysDeleteYes', '2027'), exact: true }).click();
    await settings.getByRole('status').filter({ hasText: msg('holidaysDeleted', '2027') }).waitFor();
    expect(await storedYears(settings)).toEqual([]);
  });
});
