import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { badgeText, launchChromium, resetExtension, type ChromiumExtension } from './support/chromium';
import { ChromiumPopup } from './support/chromium-pages';
import { browserDays, browserHour } from './support/dates';
import type { AgreementRow, ReminderRow } from './support/idb';
import { loadMessages } from './support/messages';
import { PopupScreen } from './support/popup-pages';
import { poll } from './support/wait';

const msg = loadMessages('zh_CN');

/**
 * Extra reminders "N days before each due date" and reminders switched off for one agreement, in
 * the real Chromium build: the list typed on the settings page, an agreement added in the popup,
 * and the reminders the app planned, read from its IndexedDB.
 */
describe('Chromium: extra lead days and reminders switched off', () => {
  let ext: ChromiumExtension;
  let popup: ChromiumPopup;

  const openSettings = async (): Promise<Page> => {
    const page = await ext.openPage('options.html', { width: 900, height: 1200 });
    await page.getByRole('heading', { level: 1, name: msg('optionsTitle') }).waitFor();
    return page;
  };
  const saveSettings = async (page: Page): Promise<void> => {
    await page.getByRole('button', { name: msg('settingsSave') }).click();
    await page.getByRole('status').filter({ hasText: msg('settingsSaved') }).waitFor();
  };
  const agreementOf = async (lender: string): Promise<AgreementRow> => {
    const agreement = await ext.db.agreementByLender(lender);
    if (!agreement) throw new Error(`${lender} not stored`);
    return agreement;
  };

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'zh-CN' });
    popup = await new ChromiumPopup(await ext.openPage('popup.html'), msg).ready();
  });

  beforeEach(async () => {
    await resetExtension(ext, popup.page);
    // The settings' defaults (the launcher switches extra lead days off for the other suites), quiet hours off.
    await popup.page.evaluate(() => chrome.storage.local.set({ reminderSettings: { quietHoursEnabled: false } }));
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  it('the settings page takes "3、1，0": one reminder per free day before an agreement added in the popup', async () => {
    const day = await browserDays(popup.page);
    const settings = await openSettings();
    const field = settings.getByLabel(msg('settingsExtraLeadDays'));
    // The default: the day before.
    expect(await field.inputValue()).toBe('1');

    // A bad part is named next to the field, and nothing is saved.
    await field.fill('3、x');
    await settings.getByRole('button', { name: msg('settingsSave') }).click();
    await settings.getByText(msg('leadDaysNotANumber', 'x')).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await popup.page.evaluate(async () => (await chrome.storage.local.get('reminderSettings')).reminderSettings)).toEqual({
      quietHoursEnabled: false,
    });

    // Chinese commas and the enumeration comma are separators.
    await field.fill('3、1，0');
    await saveSettings(settings);
    expect(await field.inputValue()).toBe('3, 1, 0');
    expect(await field.getAttribute('aria-invalid')).toBe('false');
    const stored = await popup.page.evaluate(async () => (await chrome.storage.local.get('reminderSettings')).reminderSettings as { extraLeadDays: number[] });
    expect(stored.extraLeadDays).toEqual([3, 1, 0]);
    await ext.closePage(settings);

    const due = day(6);
    await popup.addAgreement({ lender: '网商贷', kind: 'kind_extension', amount: '1500', dueDate: due });
    const agreement = await agreementOf('网商贷');
    const reminders = (await ext.db.reminders(agreement.id)).filter((r) => r.dueDate === due);
    const dueSoon = reminders.filter((r) => r.code === 'due-soon');
    const others = reminders.filter((r) => r.code !== 'due-soon');

    // 1 day before is never a milestone's day: it is always there, at 09:00 local.
    const dayBefore = dueSoon.find((r) => r.fireDate === day(5));
    expect(dayBefore?.id).toBe(`${agreement.id}:due-soon:${due}:1`);
    expect(await browserHour(popup.page, dayBefore?.fireAt ?? 0)).toBe(9);
    // 0 is the due day, which the payment reminder already has.
    expect(others.some((r) => r.code === 'pay' && r.fireDate === due)).toBe(true);
    expect(dueSoon.some((r) => r.fireDate === due)).toBe(false);
    // 3 days before is there unless a milestone took that day (the transfer step moves before a weekend).
    const threeBeforeTaken = others.some((r) => r.fireDate === day(3));
    expect(dueSoon.some((r) => r.fireDate === day(3))).toBe(!threeBeforeTaken);
    // One reminder a day for the due date.
    const days = reminders.map((r) => r.fireDate);
    expect(new Set(days).size).toBe(days.length);
    expect(dueSoon.every((r: ReminderRow) => r.pending === 1 && r.notifiedAt === null)).toBe(true);

  });

  it('an agreement with reminders off: its reminders go at the next re-plan, the row says so, the badge still counts it', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '花呗', kind: 'kind_extension', amount: '300', dueDate: day(0) });
    await popup.addAgreement({ lender: '借呗', kind: 'kind_extension', amount: '800', dueDate: day(6) });
    await poll('the badge counting the payment due today', () => badgeText(ext), (text) => text === '1');
    const huabei = await agreementOf('花呗');
    expect((await ext.db.reminders(huabei.id)).length).toBeGreaterThan(0);
    expect(await popup.row('花呗').getByText(msg('remindersOffTag'), { exact: true }).count()).toBe(0);

    // Switched off (the form's reminder fields store exactly this), then the settings saved: the
    // app re-plans every agreement with its own code.
    await ext.db.putAgreement({ ...huabei, reminders: { off: true } });
    const settings = await openSettings();
    await saveSettings(settings);
    await ext.closePage(settings);

    expect(await ext.db.reminders(huabei.id)).toEqual([]);
    const jiebei = await agreementOf('借呗');
    expect((await ext.db.reminders(jiebei.id)).some((r) => r.code === 'due-soon' && r.fireDate === day(5))).toBe(true);

    const fresh = await new ChromiumPopup(await ext.openPage('popup.html'), msg).ready();
    await fresh.row('花呗').getByText(msg('remindersOffTag'), { exact: true }).waitFor();
    expect(await fresh.row('借呗').getByText(msg('remindersOffTag'), { exact: true }).count()).toBe(0);
    // Still due today: still on the badge.
    await fresh.page.evaluate(() => chrome.runtime.sendMessage({ name: 'data-changed', payload: {} }));
    expect(await badgeText(ext)).toBe('1');
    await ext.closePage(fresh.page);
  });

  it("the agreement form: reminders switched off, then on with the agreement's own lead days", async () => {
    const day = await browserDays(popup.page);
    const screen = new PopupScreen(popup.page, msg);
    await screen.addAgreement({ lender: '微粒贷', kind: 'kind_extension', amount: '600', dueDate: day(8) });
    const agreement = await agreementOf('微粒贷');
    expect((await ext.db.reminders(agreement.id)).some((r) => r.code === 'due-soon' && r.fireDate === day(7))).toBe(true);

    const openEdit = async () => {
      await screen.row('微粒贷').getByRole('button', { name: msg('editAgreementOf', '微粒贷'), exact: true }).click();
      await screen.editForm.waitFor();
      return {
        on: screen.editForm.getByRole('checkbox', { name: msg('agreementRemindersOn') }),
        days: screen.editForm.getByLabel(msg('agreementLeadDays'), { exact: true }),
        save: screen.editForm.getByRole('button', { name: msg('save'), exact: true }),
      };
    };
    const saved = async () => {
      await screen.status.filter({ hasText: msg('saved') }).waitFor();
      await screen.editForm.waitFor({ state: 'detached' });
    };

    // Off: the lead days field is not in use, the hint says what off means, and saving removes the reminders.
    let form = await openEdit();
    expect(await form.on.isChecked()).toBe(true);
    await form.on.uncheck();
    expect(await form.days.isDisabled()).toBe(true);
    await screen.editForm.getByText(msg('agreementRemindersOffHint')).waitFor();
    await form.save.click();
    await saved();
    expect(await ext.db.reminders(agreement.id)).toEqual([]);
    expect(await ext.db.agreementByLender('微粒贷')).toMatchObject({ reminders: { off: true } });
    await screen.row('微粒贷').getByText(msg('remindersOffTag'), { exact: true }).waitFor();

    // On again, with its own list: a bad part is named next to the field and nothing is saved.
    form = await openEdit();
    expect(await form.on.isChecked()).toBe(false);
    await form.on.check();
    await form.days.fill('6、x');
    await form.save.click();
    await screen.editForm.getByText(msg('leadDaysNotANumber', 'x')).waitFor();
    expect(await form.days.getAttribute('aria-invalid')).toBe('true');
    expect(await ext.db.reminders(agreement.id)).toEqual([]);
    await form.days.fill('6');
    await form.save.click();
    await saved();

    const reminders = await poll('its reminders planned again', () => ext.db.reminders(agreement.id), (list) => list.length > 0);
    const dueSoon = reminders.filter((r) => r.code === 'due-soon');
    // Its own list replaces the settings' (the day before): 6 days before only, unless a milestone has that day.
    const taken = reminders.some((r) => r.code !== 'due-soon' && r.fireDate === day(2));
    expect(dueSoon.map((r) => r.fireDate)).toEqual(taken ? [] : [day(2)]);
    expect(await ext.db.agreementByLender('微粒贷')).toMatchObject({ reminders: { leadDays: [6] } });
    expect(await screen.row('微粒贷').getByText(msg('remindersOffTag'), { exact: true }).count()).toBe(0);
  });
});
