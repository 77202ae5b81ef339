// What the user did with a reminder travels with sync: Chromium and Firefox ESR as two devices of
// one vault on Debian's Apache httpd with mod_dav (tests/servers/apache.ts: real ETags, If-Match
// and If-None-Match honoured). A reminder marked done on one device is no longer pending on the
// other, whose next alarm moves past it; a reminder shown on one arrives shown on the other, which
// does not show it again; snoozed there, it moves on the first, and its alarm with it. Reminders
// themselves are planned on each device; only what the user did with them is synced.

import { describe, expect, it } from 'vitest';
import { startApache } from '../servers/apache';
import { alarms } from './support/chromium';
import { browserDays } from './support/dates';
import { firefoxAlarms } from './support/firefox';
import { aria } from './support/firefox-pages';
import type { ReminderRow } from './support/idb';
import { loadMessages } from './support/messages';
import { PopupScreen } from './support/popup-pages';
import { FirefoxSyncPage, SyncPage } from './support/sync-pages';
import { chromiumAndFirefox } from './support/two-devices';
import { poll } from './support/wait';

const msg = loadMessages('en');
const PASSPHRASE = 'one vault for the laptop and the office';
const LENDER = 'Huabei';
const LATE = 'Jiebei';

const nextDue = (list: { name: string; scheduledTime: number }[]) => list.find((alarm) => alarm.name === 'next-due')?.scheduledTime;
const earliestPending = (reminders: ReminderRow[]) => Math.min(...reminders.filter((r) => r.pending === 1).map((r) => r.fireAt));

describe('Chromium and Firefox ESR on Apache mod_dav, en-US: a reminder dealt with on one device is dealt with on the other', () => {
  const devices = chromiumAndFirefox(startApache);

  it('done in Chromium is not pending in Firefox; shown in Chromium is not shown again in Firefox; snoozed there, it moves in Chromium', { timeout: 180_000 }, async () => {
    const { server, chromium, firefox } = devices;
    const url = `${server.url}还款/`;
    // Chromium: an agreement due in three weeks (its reminders are all ahead), a new vault, a sync.
    const popup = await new PopupScreen(await chromium.openPage('popup.html'), msg).ready();
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: LENDER, kind: 'kind_extension', amount: '860', dueDate: day(21) });
    const agreement = await chromium.db.agreementByLender(LENDER);
    if (!agreement) throw new Error('the agreement was not stored');
    const options = await new SyncPage(await chromium.openPage('options.html#sync', { width: 900, height: 2000 }), msg, PASSPHRASE).ready();
    await options.create(url, server, 'Laptop');
    await options.syncNow();

    // Firefox joins and plans the same reminders for the agreement it receives.
    const sync = new FirefoxSyncPage(await firefox.openPage('options.html#sync', '#sync h2', { width: 900, height: 2000 }), msg, PASSPHRASE);
    await sync.join(url, server, 'Office');
    await sync.syncNow();
    const firefoxDb = firefox.db(sync.page);
    const planned = await poll('the reminders planned in Firefox', () => firefoxDb.reminders(agreement.id), (list) => list.length > 0);
    const chromiumPlanned = await chromium.db.reminders(agreement.id);
    expect(planned.map((r) => `${r.id} ${String(r.fireAt)} ${String(r.pending)}`).sort()).toEqual(
      chromiumPlanned.map((r) => `${r.id} ${String(r.fireAt)} ${String(r.pending)}`).sort(),
    );
    const pay = planned.find((r) => r.code === 'pay');
    if (!pay) throw new Error('no pay reminder');
    expect(pay).toMatchObject({ pending: 1, notifiedAt: null });
    expect(pay.fireAt).toBeGreaterThan(Date.now());

    // Chromium: "Done" on the payment reminder, from the page its notification opens, then a sync.
    const actions = await chromium.openPage(`popup.html?agreement=${encodeURIComponent(agreement.id)}&reminder=${encodeURIComponent(pay.id)}`);
    const box = actions.getByRole('region', { name: msg('reminderActionsHeading') });
    await box.getByRole('button', { name: msg('reminderDone') }).click();
    await box.getByText(msg('reminderDoneStatus')).waitFor();
    await chromium.closePage(actions);
    await options.syncNow();

    // Firefox: after its sync, the reminder is no longer pending there, and its alarm is set for
    // the next one still to come.
    await sync.syncNow();
    const afterDone = await poll('the payment reminder done in Firefox', () => firefoxDb.reminders(agreement.id), (list) => list.find((r) => r.id === pay.id)?.pending === 0);
    expect(afterDone.find((r) => r.id === pay.id)?.notifiedAt).toBeNull();
    const stillToCome = afterDone.filter((r) => r.pending === 1);
    expect(stillToCome.length).toBeGreaterThan(0);
    await expect.poll(async () => nextDue(await firefoxAlarms(sync.page))).toBe(earliestPending(afterDone));

    // Chromium: an agreement already a day late, whose payment reminder it shows at once; a sync.
    await popup.addAgreement({ lender: LATE, kind: 'kind_extension', amount: '450', dueDate: day(-1) });
    const late = await chromium.db.agreementByLender(LATE);
    if (!late) throw new Error('the late agreement was not stored');
    const shown = await poll(
      'the late payment shown in Chromium',
      async () => (await chromium.db.reminders(late.id)).find((r) => r.code === 'pay'),
      (r) => r?.notifiedAt !== null && r?.notifiedAt !== undefined,
    );
    if (!shown) throw new Error('no late payment reminder');
    await options.syncNow();

    // Firefox: it arrives as shown already, so Firefox does not show it a second time.
    await sync.syncNow();
    const arrived = await poll('the late payment in Firefox', async () => (await firefoxDb.reminders(late.id)).find((r) => r.id === shown.id), (r) => r !== undefined);
    // As Chromium left it: shown then (not again by Firefox now), and next due when Chromium set it, if at all.
    expect(arrived).toMatchObject({ notifiedAt: shown.notifiedAt, pending: shown.pending, fireAt: shown.fireAt });
    if (shown.pending === 1) expect(shown.fireAt).toBeGreaterThan(Date.now());

    // Firefox: "Snooze 1 hour" on it, from the page its notification opens, then a sync.
    const panel = await firefox.openPage(
      `popup.html?agreement=${encodeURIComponent(late.id)}&reminder=${encodeURIComponent(shown.id)}`,
      aria(msg('reminderSnoozeHour'), 'button'),
    );
    await (await panel.waitForSelector(aria(msg('reminderSnoozeHour'), 'button')))?.click();
    await panel.waitForFunction(
      (source) => [...document.querySelectorAll('[role=status]')].some((node) => new RegExp(source).test(node.textContent)),
      { timeout: 10_000 },
      msg.pattern('reminderSnoozedStatus').source,
    );
    const snoozed = (await firefoxDb.reminders(late.id)).find((r) => r.id === shown.id);
    if (!snoozed) throw new Error('the snoozed reminder is gone');
    expect(snoozed.pending).toBe(1);
    expect(snoozed.fireAt).toBeGreaterThan(Date.now());
    await firefox.closePage(panel);
    await sync.syncNow();

    // Chromium: after its sync, the reminder comes back an hour later there too, and the alarm with it.
    await options.syncNow();
    const moved = await poll(
      'the snoozed reminder moved in Chromium',
      () => chromium.db.reminders(),
      (list) => list.some((r) => r.id === shown.id && r.pending === 1 && r.fireAt === snoozed.fireAt),
    );
    expect(moved.find((r) => r.id === pay.id)?.pending).toBe(0);
    await expect.poll(async () => nextDue(await alarms(chromium))).toBe(earliestPending(moved));
  });
});
