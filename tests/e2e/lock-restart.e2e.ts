import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarms, badgeText, launchChromium, notificationIds, type ChromiumExtension } from './support/chromium';
import { browserDays, browserNow } from './support/dates';
import type { ReminderRow } from './support/idb';
import { LockSectionPage, UnlockScreenPage } from './support/lock-pages';
import { lockStorage, recordedNotifications, recordNotifications } from './support/lock-restart';
import { loadMessages } from './support/messages';
import { PopupScreen } from './support/popup-pages';
import { poll } from './support/wait';

const msg = loadMessages('zh_CN');
const PASSPHRASE = '每月十五号先还网商贷 再还分期乐';
const MINUTE = 60_000;
/** The reminder falls due this long after the browser is closed: time to start it again and listen. */
const RESTART_MS = 8_000;

/** Due in 3 days; its day is set from the browser's today when the suite starts. */
const DUE_SOON = { lender: '网商贷', amount: '4321.00', shown: '4,321.00', dueDate: '' };
// Overdue since yesterday: the badge counts it.
const OVERDUE = { lender: '分期乐', amount: '876.50', shown: '876.50', dueDate: '' };
/** What must never be readable while locked, in a notification or on the unlock screen. */
const SECRETS = [DUE_SOON.lender, OVERDUE.lender, '4321', '4,321', '876.5'];
/**
 * What must never be on disk with the lock on. Amounts as stored values (fen), not bare digits:
 * ids, timestamps and ciphertext hold random digits.
 */
const DISK_SECRETS = [DUE_SOON.lender, OVERDUE.lender, '"lender"', '"amountFen"', ':432100', ':87650', '4321.00', '876.5'];

/** The plaintext fields an agreement row keeps with the lock on (docs/lock-design.md), its stamp and the envelope. */
const AGREEMENT_PLAIN_FIELDS = ['id', 'dueDate', 'createdAt', 'updatedAt', 'settled', 'rev', 'sealed'];

/**
 * Issue #7's end-to-end case in Chromium: lock, restart the browser, reminders still fire without
 * details, unlock. The profile directory is kept, so the relaunch is a browser restart: the data key
 * in storage.session is gone and the extension starts locked.
 */
describe('Chromium, zh-CN: the lock survives a browser restart; reminders fire without details', () => {
  const profileDir = mkdtempSync(join(tmpdir(), 'repay-e2e-lock-restart-'));
  let ext: ChromiumExtension;
  let popup: PopupScreen;
  let dueSoonId = '';
  let pay: ReminderRow | undefined;

  const visibleText = (page: PopupScreen['page']) => page.locator('body').innerText();
  const storedText = async () => JSON.stringify(await ext.db.dump());
  const dataChanged = (page: PopupScreen['page']) => page.evaluate(() => chrome.runtime.sendMessage({ name: 'data-changed', payload: {} }));
  const autoLockAlarm = async () => (await alarms(ext)).find((a) => a.name === 'auto-lock');
  const session = async () => (await lockStorage(ext)).session as { lastActivityAt: number } | undefined;
  /** Unlocked: the 'auto-lock' alarm stands at the last activity plus the chosen 30 minutes. */
  const autoLockAtIdleDeadline = (what: string) =>
    poll(
      what,
      async () => ({ alarmAt: (await autoLockAlarm())?.scheduledTime, lastActivityAt: (await session())?.lastActivityAt }),
      ({ alarmAt, lastActivityAt }) => lastActivityAt !== undefined && alarmAt === lastActivityAt + 30 * MINUTE,
    );

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'zh-CN', profileDir });
    popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
    const day = await browserDays(popup.page);
    DUE_SOON.dueDate = day(3);
    OVERDUE.dueDate = day(-1);
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
    rmSync(profileDir, { recursive: true, force: true });
  });

  it('turning the lock on seals the agreements on disk, arms auto-lock, and the badge still counts', async () => {
    await popup.addAgreement({ lender: DUE_SOON.lender, kind: 'kind_extension', amount: DUE_SOON.amount, dueDate: DUE_SOON.dueDate });
    await popup.addAgreement({ lender: OVERDUE.lender, kind: 'kind_extension', amount: OVERDUE.amount, dueDate: OVERDUE.dueDate });
    const plain = await ext.db.agreementByLender(DUE_SOON.lender);
    expect(plain?.amountFen).toBe(432_100);
    dueSoonId = plain?.id ?? '';
    await poll('the badge to count the overdue agreement', () => badgeText(ext), (text) => text === '1');
    expect(await autoLockAlarm()).toBeUndefined();

    const lock = new LockSectionPage(await ext.openPage('options.html', { width: 900, height: 1600 }), msg);
    await lock.ready();
    await lock.turnOn({ understood: true, passphrase: PASSPHRASE, autoLockLabel: msg('lockAfterMinutes', '30') });
    // The real 600,000-iteration PBKDF2 runs in the page.
    await lock.status.filter({ hasText: msg('lockTurnedOn') }).waitFor({ timeout: 20_000 });
    await ext.closePage(lock.page);

    // On disk: every agreement row is sealed and keeps only what indexes and the badge need.
    const rows = (await ext.db.agreements()) as unknown as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toHaveProperty('sealed');
      expect(Object.keys(row).sort()).toEqual([...AGREEMENT_PLAIN_FIELDS].sort());
      expect(row.settled).toBe(0);
    }
    const stored = await storedText();
    for (const secret of DISK_SECRETS) expect(stored, `on disk: ${secret}`).not.toContain(secret);
    // Reminders stay plaintext (no names or amounts live there): the background can plan while locked.
    const reminders = await ext.db.reminders(dueSoonId);
    pay = reminders.find((r) => r.code === 'pay');
    expect(pay?.dueDate).toBe(DUE_SOON.dueDate);

    // The badge is worked out again from the sealed rows (their plaintext dueDate and settled flag).
    await dataChanged(popup.page);
    expect(await badgeText(ext)).toBe('1');

    // Auto-lock: an alarm at the idle deadline, 30 minutes (as chosen) after the last activity.
    await autoLockAtIdleDeadline('the auto-lock alarm at the idle deadline');
  });

  it('after a restart it is locked, and a reminder falling due fires once, with no lender and no amount', async () => {
    if (!pay) throw new Error('the first test found no pay reminder');
    // Due shortly after the restart; written straight to the database, as the clock would bring it.
    const fireAt = (await browserNow(popup.page)) + RESTART_MS;
    await ext.db.putReminder({ ...pay, fireAt, pending: 1, notifiedAt: null });
    const closedAt = await browserNow(popup.page);
    await ext.close();

    ext = await launchChromium({ lang: 'zh-CN', profileDir });
    await recordNotifications(ext);
    const listening = await browserNow(await ext.worker());
    expect(listening, `the restart took ${listening - closedAt} ms: listening began after the reminder was due`).toBeLessThan(fireAt - 1_000);

    // Locked: the settings are there, the data key is not.
    const storage = await lockStorage(ext);
    expect(storage.settings).toBeDefined();
    expect(storage.session).toBeUndefined();
    // The app itself says so: the popup opens on the unlock screen.
    const page = await ext.openPage('popup.html');
    await new UnlockScreenPage(page, msg).heading.waitFor({ timeout: 10_000 });
    // The start-up reconcile armed the next reminder while locked; auto-lock has nothing to guard.
    const nextDue = async () => (await alarms(ext)).find((a) => a.name === 'next-due')?.scheduledTime;
    await poll('the start-up reconcile to arm the reminder at its time', nextDue, (when) => when === fireAt);
    await poll('the auto-lock alarm to be cleared at start-up', autoLockAlarm, (a) => a === undefined);
    // The badge still counts while locked.
    await poll('the badge after the restart', () => badgeText(ext), (text) => text === '1', { timeoutMs: 10_000 });

    const untilDue = fireAt - (await browserNow(page));
    const shown = await poll('the reminder notification', () => recordedNotifications(ext), (list) => list === null || list.length > 0, {
      timeoutMs: untilDue + 20_000,
      intervalMs: 250,
    });
    if (shown === null) throw new Error('The service worker was replaced before the reminder fired: the notification hook went with it');
    expect(shown[0]?.at).toBeGreaterThanOrEqual(fireAt);
    // No lender and no amount, whatever the wording; then exactly the locked wording, once.
    for (const secret of SECRETS) expect(`${shown[0]?.title} ${shown[0]?.message}`, `the notification shows ${secret}`).not.toContain(secret);
    expect(shown.map(({ id, title, message }) => ({ id, title, message }))).toEqual([
      { id: `reminder:${dueSoonId}`, title: msg('notifLockedPayTitle'), message: msg('notifLockedPayBody', DUE_SOON.dueDate) },
    ]);
    // Done and Snooze work on the reminder alone, so they are offered while locked too.
    expect(shown[0]?.buttons).toEqual([msg('reminderDone'), msg('reminderSnoozeHour')]);
    // The hook records the call to create; the browser lists the notification once that call is done.
    await poll('the notification to be listed', () => notificationIds(ext), (ids) => ids.length > 0, { timeoutMs: 5_000 });
    expect(await notificationIds(ext)).toEqual([`reminder:${dueSoonId}`]);
    const claimed = (await ext.db.reminders(dueSoonId)).find((r) => r.id === pay?.id);
    expect(claimed?.notifiedAt).toBeGreaterThanOrEqual(fireAt);

    // Once: reconciling again (as a page's change would) shows nothing new.
    await dataChanged(page);
    await dataChanged(page);
    expect(await recordedNotifications(ext)).toHaveLength(1);
    // The hook records the call to create; the browser lists the notification once that call is done.
    await poll('the notification to be listed', () => notificationIds(ext), (ids) => ids.length > 0, { timeoutMs: 5_000 });
    expect(await notificationIds(ext)).toEqual([`reminder:${dueSoonId}`]);
    await ext.closePage(page);
  });

  it('the popup shows the unlock screen; a wrong passphrase changes nothing; the right one shows the agreements', async () => {
    const page = await ext.openPage('popup.html');
    popup = new PopupScreen(page, msg);
    const unlock = new UnlockScreenPage(page, msg);
    await unlock.heading.waitFor();
    await unlock.form.waitFor();
    const lockedText = await visibleText(page);
    for (const secret of SECRETS) expect(lockedText, secret).not.toContain(secret);
    expect(await popup.list.count()).toBe(0);

    const storedBefore = await storedText();
    const storageBefore = JSON.stringify(await lockStorage(ext));
    await unlock.unlockWith(`${PASSPHRASE}。`);
    await unlock.alert.filter({ hasText: msg('lockErrWrongPassphrase') }).waitFor({ timeout: 20_000 });
    expect(await unlock.heading.isVisible()).toBe(true);
    for (const secret of SECRETS) expect(await visibleText(page), secret).not.toContain(secret);
    expect(await storedText()).toBe(storedBefore);
    expect(JSON.stringify(await lockStorage(ext))).toBe(storageBefore);
    expect(await autoLockAlarm()).toBeUndefined();

    await unlock.unlockWith(PASSPHRASE);
    const dueSoonRow = popup.row(DUE_SOON.lender);
    await dueSoonRow.waitFor({ timeout: 20_000 });
    expect(await dueSoonRow.innerText()).toContain(DUE_SOON.shown);
    expect(await popup.row(OVERDUE.lender).innerText()).toContain(OVERDUE.shown);
    expect(await unlock.heading.count()).toBe(0);
    // Unlocking opens the records in memory only: the disk stays sealed.
    const stored = await storedText();
    for (const secret of DISK_SECRETS) expect(stored, `on disk: ${secret}`).not.toContain(secret);

    // Unlocked again: auto-lock stands at the new idle deadline; "Lock now" clears it with the key.
    await autoLockAtIdleDeadline('the auto-lock alarm at the idle deadline after unlocking');
    await page.getByRole('button', { name: msg('lockNow'), exact: true }).click();
    await unlock.heading.waitFor();
    await poll('the auto-lock alarm to be cleared on lock', autoLockAlarm, (a) => a === undefined);
    expect(await session()).toBeUndefined();
  });
});
