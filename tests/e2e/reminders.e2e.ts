import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alarms, launchChromium, notificationIds, resetExtension, type ChromiumExtension } from './support/chromium';
import { ChromiumPopup } from './support/chromium-pages';
import { browserDays, browserHour, browserNow } from './support/dates';
import type { ReminderRow } from './support/idb';
import { loadMessages } from './support/messages';
import { poll } from './support/wait';

const msg = loadMessages('zh_CN');
const HOUR = 3_600_000;

/**
 * Reminders in the real Chromium build: the alarm fires with the service worker stopped, a restart
 * on the same profile brings one summary, and a thousand agreements still hold at most two alarms.
 * The profile directory is kept between launches so that a relaunch is a browser restart.
 */
describe('Chromium: reminders survive the worker and the browser', () => {
  const profileDir = mkdtempSync(join(tmpdir(), 'repay-e2e-reminders-'));
  let ext: ChromiumExtension;
  let popup: ChromiumPopup;

  const openPopup = async (query = ''): Promise<ChromiumPopup> =>
    new ChromiumPopup(await ext.openPage(`popup.html${query}`), msg).ready();
  const dataChanged = (page: Page) =>
    page.evaluate(() =>
      chrome.runtime.sendMessage<{ name: string; payload: object }, { nextFireAt: number | null }>({ name: 'data-changed', payload: {} }),
    );
  const reminderOf = async (lender: string, code: string): Promise<ReminderRow> => {
    const agreement = await ext.db.agreementByLender(lender);
    const reminder = agreement && (await ext.db.reminders(agreement.id)).find((r) => r.code === code);
    if (!reminder) throw new Error(`${lender} has no ${code} reminder`);
    return reminder;
  };

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'zh-CN', profileDir });
    popup = await openPopup();
  });

  beforeEach(async () => {
    await resetExtension(ext, popup.page);
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
    rmSync(profileDir, { recursive: true, force: true });
  });

  it('fires once when due, though the service worker was stopped before (CDP ServiceWorker.stopWorker)', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '微粒贷', kind: 'kind_extension', amount: '300', dueDate: day(3) });
    const pay = await reminderOf('微粒贷', 'pay');
    const fireAt = (await browserNow(popup.page)) + 6_000;
    await ext.db.putReminder({ ...pay, fireAt });
    expect((await dataChanged(popup.page)).nextFireAt).toBe(fireAt);

    // The worker's running status, as DevTools' Application panel sees it.
    const cdp = await ext.context.newCDPSession(popup.page);
    const statuses: string[] = [];
    let versionId: string | undefined;
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) {
        if (!v.scriptURL.startsWith(ext.origin)) continue;
        versionId = v.versionId;
        if (statuses.at(-1) !== v.runningStatus) statuses.push(v.runningStatus);
      }
    });
    await cdp.send('ServiceWorker.enable');
    await poll('the worker running', async () => statuses.at(-1), (s) => s === 'running');
    await cdp.send('ServiceWorker.stopWorker', { versionId: versionId ?? '' });
    await poll('the worker stopped', async () => statuses.at(-1), (s) => s === 'stopped');
    // Asked of the page: the worker stays stopped.
    expect(await browserNow(popup.page), 'the worker was stopped before the reminder was due').toBeLessThan(fireAt);
    statuses.length = 0;

    // Nothing here touches the worker: only the alarm can wake it.
    await poll('the alarm to wake the worker', async () => statuses.includes('running'), Boolean, { timeoutMs: 20_000 });
    const claimed = await poll(
      'the reminder claimed by the woken worker',
      async () => (await ext.db.reminders(pay.agreementId)).find((r) => r.id === pay.id),
      (r) => r?.notifiedAt !== null && r?.notifiedAt !== undefined,
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    expect(claimed?.notifiedAt).toBeGreaterThanOrEqual(fireAt);
    expect(await notificationIds(ext)).toEqual([`reminder:${pay.agreementId}`]);

    // Exactly once: reconciling again (twice, as start-up and a message would) shows nothing new.
    await dataChanged(popup.page);
    await dataChanged(popup.page);
    const after = (await ext.db.reminders(pay.agreementId)).find((r) => r.id === pay.id);
    expect(after?.notifiedAt).toBe(claimed?.notifiedAt);
    // An unpaid payment comes back tomorrow at the reminder hour, not sooner.
    expect(after?.pending).toBe(1);
    expect(after?.fireAt).toBeGreaterThan((await browserNow(popup.page)) + HOUR);
    await cdp.detach();
  });

  it('after a restart on the same profile, reminders that fell due meanwhile come as one summary, once', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '借呗', kind: 'kind_extension', amount: '800', dueDate: day(5) });
    await popup.addAgreement({ lender: '京东金条', kind: 'kind_installment', amount: '1200', dueDate: day(6), periods: '2' });
    const first = await reminderOf('借呗', 'pay');
    const second = await reminderOf('京东金条', 'pay');
    // Due an hour ago, while "the browser was closed": written without telling the background.
    const dueAt = (await browserNow(popup.page)) - HOUR;
    await ext.db.putReminder({ ...first, fireAt: dueAt });
    await ext.db.putReminder({ ...second, fireAt: dueAt });
    // (Nothing may wake the worker now: it would claim them before the restart.)

    await ext.close();
    ext = await launchChromium({ lang: 'zh-CN', profileDir });
    popup = await openPopup();

    const ids = await poll('the start-up summary', () => notificationIds(ext), (list) => list.length > 0, {
      timeoutMs: 15_000,
      intervalMs: 200,
    });
    expect(ids).toEqual(['summary']);
    const shown = await Promise.all([first, second].map(async (r) => (await ext.db.reminders(r.agreementId)).find((x) => x.id === r.id)));
    expect(shown.map((r) => r?.notifiedAt !== null)).toEqual([true, true]);
    expect(shown[0]?.notifiedAt).toBe(shown[1]?.notifiedAt);

    // Start-up, install and the worker's own start all reconcile; another message changes nothing.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await dataChanged(popup.page);
    const again = await Promise.all([first, second].map(async (r) => (await ext.db.reminders(r.agreementId)).find((x) => x.id === r.id)));
    expect(again.map((r) => r?.notifiedAt)).toEqual(shown.map((r) => r?.notifiedAt));
    expect(await notificationIds(ext)).toEqual(['summary']);
  });

  it('1,000 agreements: alarms.getAll() holds the next-due alarm and the sweep, nothing more', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '模板', kind: 'kind_installment', amount: '100', dueDate: day(40), periods: '2' });
    const template = await ext.db.agreementByLender('模板');
    if (!template) throw new Error('template not stored');
    const templateReminders = await ext.db.reminders(template.id);
    // Records of exactly the shape the app wrote, cloned with new ids and dates, in one transaction.
    const soonest = await popup.page.evaluate(
      async ({ template, reminders, count }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('repay-companion');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('open failed'));
        });
        const tx = db.transaction(['agreements', 'reminders'], 'readwrite');
        let min = Infinity;
        for (let i = 0; i < count; i += 1) {
          const id = `seed-${String(i).padStart(4, '0')}`;
          const shiftDays = 2 + (i % 300);
          const shift = shiftDays * 86_400_000;
          tx.objectStore('agreements').put({ ...template, id, lender: `贷款方 ${i}` });
          for (const r of reminders) {
            const fireAt = r.fireAt + shift;
            if (r.pending === 1) min = Math.min(min, fireAt);
            tx.objectStore('reminders').put({ ...r, id: `${id}:${r.code}:${r.fireDate}`, agreementId: id, fireAt });
          }
        }
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error ?? new Error('seed failed'));
        });
        db.close();
        return min;
      },
      { template, reminders: templateReminders, count: 999 },
    );
    expect((await ext.db.agreements()).length).toBe(1_000);
    const expected = Math.min(soonest, ...templateReminders.filter((r) => r.pending === 1).map((r) => r.fireAt));
    expect((await dataChanged(popup.page)).nextFireAt).toBe(expected);
    const all = await alarms(ext);
    expect(all.length).toBeLessThanOrEqual(2);
    expect(all.map((a) => a.name).sort()).toEqual(['next-due', 'sweep']);
    expect(all.find((a) => a.name === 'next-due')?.scheduledTime).toBe(expected);
  });

  it('the page a notification opens offers Done, Snooze 1 h and Tomorrow, through the background', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '美团借钱', kind: 'kind_extension', amount: '450', dueDate: day(-1) });
    const pay = await reminderOf('美团借钱', 'pay');
    await poll('the overdue payment shown', async () => (await reminderOf('美团借钱', 'pay')).notifiedAt, (n) => n !== null);
    const page = await openPopup(`?agreement=${encodeURIComponent(pay.agreementId)}&reminder=${encodeURIComponent(pay.id)}`);
    const box = page.page.getByRole('region', { name: msg('reminderActionsHeading') });
    await box.waitFor();
    expect(await box.getByRole('button', { name: msg('reminderSnoozeTomorrow', '09:00') }).isVisible()).toBe(true);

    const before = await browserNow(page.page);
    await box.getByRole('button', { name: msg('reminderSnoozeHour') }).click();
    await box.getByText(msg.pattern('reminderSnoozedStatus')).waitFor();
    const snoozed = await reminderOf('美团借钱', 'pay');
    expect(snoozed.pending).toBe(1);
    expect(snoozed.fireAt).toBeGreaterThanOrEqual(before + HOUR);
    expect(snoozed.fireAt).toBeLessThan((await browserNow(page.page)) + HOUR);
    expect((await alarms(ext)).find((a) => a.name === 'next-due')?.scheduledTime).toBe(snoozed.fireAt);
    await ext.closePage(page.page);

    const again = await openPopup(`?agreement=${encodeURIComponent(pay.agreementId)}&reminder=${encodeURIComponent(pay.id)}`);
    const box2 = again.page.getByRole('region', { name: msg('reminderActionsHeading') });
    await box2.getByRole('button', { name: msg('reminderDone') }).click();
    await box2.getByText(msg('reminderDoneStatus')).waitFor();
    expect((await reminderOf('美团借钱', 'pay')).pending).toBe(0);
    await ext.closePage(again.page);
  });

  it('the settings page: a new reminder hour re-plans every reminder; a test notification appears', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '网商贷', kind: 'kind_extension', amount: '999', dueDate: day(20) });
    const page = await ext.openPage('options.html', { width: 900, height: 900 });
    await page.getByRole('heading', { name: msg('optionsTitle') }).waitFor();
    // The plain statement that reminders need the browser running, before anything else.
    await page.getByText(msg('settingsBrowserMustRun')).waitFor();

    await page.getByLabel(msg('settingsReminderHour')).selectOption({ label: '20:00' });
    await page.getByLabel(msg('settingsContactDays')).fill('10');
    await page.getByRole('button', { name: msg('settingsSave') }).click();
    await page.getByRole('status').filter({ hasText: msg('settingsSaved') }).waitFor();
    const pay = await reminderOf('网商贷', 'pay');
    expect(await browserHour(page, pay.fireAt)).toBe(20);
    expect((await reminderOf('网商贷', 'contact-lender-if-short')).fireDate).toBe(day(10));

    // A lead time out of range is refused next to its field, and nothing is saved.
    const transfer = page.getByLabel(msg('settingsTransferHours'));
    await transfer.fill('9999');
    await page.getByRole('button', { name: msg('settingsSave') }).click();
    await page.getByText(msg('settingsProblemLeadTime', msg('settingsTransferHours'), '0', '720')).waitFor();
    expect(await transfer.getAttribute('aria-invalid')).toBe('true');
    await transfer.fill('48');

    // A reminder hour inside quiet hours is refused, with the reason.
    await page.getByRole('checkbox', { name: msg('settingsQuietEnabled') }).check();
    await page.getByLabel(msg('settingsReminderHour')).selectOption({ label: '23:00' });
    await page.getByRole('button', { name: msg('settingsSave') }).click();
    await page.getByRole('alert').filter({ hasText: msg('settingsProblemHourInQuiet') }).waitFor();
    expect(await browserHour(page, (await reminderOf('网商贷', 'pay')).fireAt)).toBe(20);

    // Quiet hours from 23:30 instead (picked from half hours written on 24 hours): 23:00 is allowed now.
    const quietFrom = page.getByRole('combobox', { name: msg('settingsQuietFrom'), exact: true });
    expect(await quietFrom.locator('option:checked').textContent()).toBe('22:00');
    expect(await quietFrom.locator('option').count()).toBe(48);
    await quietFrom.selectOption({ label: '23:30' });
    await page.getByRole('button', { name: msg('settingsSave') }).click();
    await poll('the reminders re-planned at 23:00', async () => browserHour(page, (await reminderOf('网商贷', 'pay')).fireAt), (hour) => hour === 23);
    expect(await page.evaluate(async () => (await chrome.storage.local.get('reminderSettings')).reminderSettings)).toMatchObject({ quietHoursEnabled: true, quietStartMinute: 23 * 60 + 30 });

    await page.getByRole('button', { name: msg('settingsTest') }).click();
    await poll('the test notification', () => notificationIds(ext), (ids) => ids.includes('test'));
    await ext.closePage(page);
    // Back to the defaults for the other tests, quiet hours and extra lead days off as the launcher set them.
    await popup.page.evaluate(() => chrome.storage.local.set({ reminderSettings: { quietHoursEnabled: false, extraLeadDays: [] } }));
  });
});
