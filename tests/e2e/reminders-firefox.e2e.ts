import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { browserDays, browserNow } from './support/dates';
import { firefoxAlarms, launchFirefox, type FirefoxExtension } from './support/firefox';
import { FirefoxPopup } from './support/firefox-pages';
import { installIntoProfile } from './support/firefox-profile';
import { loadMessages } from './support/messages';
import { FIREFOX_BUILD } from './support/paths';
import { poll } from './support/wait';

const msg = loadMessages('en');

/**
 * Firefox forgets every alarm when it restarts. The add-on is installed in the profile (not as a
 * temporary add-on, which a restart removes), so closing and launching again on that profile is a
 * real restart: the background must re-arm from IndexedDB at start, and the reminder must fire.
 */
describe('Firefox ESR: a reminder fires after Firefox restarts on the same profile', () => {
  const profileDir = mkdtempSync(join(tmpdir(), 'repay-e2e-firefox-profile-'));
  let ext: FirefoxExtension | undefined;

  const openPopup = async (running: FirefoxExtension): Promise<FirefoxPopup> =>
    new FirefoxPopup(await running.openPage('popup.html', FirefoxPopup.readySelector(msg)), msg);

  afterAll(async () => {
    await ext?.close();
    rmSync(profileDir, { recursive: true, force: true });
  });

  it('re-arms the lost alarm at start and shows the reminder once when due', async () => {
    installIntoProfile(profileDir, FIREFOX_BUILD);
    ext = await launchFirefox({ profileDir });
    let popup = await openPopup(ext);
    await popup.addAgreement({ lender: 'Weilidai', kind: 'kind_extension', amount: '320', dueDate: (await browserDays(popup.page))(4) });
    const db = () => ext?.db(popup.page) ?? Promise.reject(new Error('Firefox is not running'));
    const agreement = await (await db()).agreementByLender('Weilidai');
    if (!agreement) throw new Error('the agreement was not stored');
    const pay = (await (await db()).reminders(agreement.id)).find((r) => r.code === 'pay');
    if (!pay) throw new Error('no pay reminder');

    // Due a little after the restart; the running Firefox arms its alarm, and then forgets it.
    const fireAt = (await browserNow(popup.page)) + 20_000;
    await (await db()).putReminder({ ...pay, fireAt });
    await popup.page.evaluate(() =>
      (globalThis as unknown as { browser: { runtime: { sendMessage(m: object): Promise<unknown> } } }).browser.runtime.sendMessage({
        name: 'data-changed',
        payload: {},
      }),
    );
    expect((await firefoxAlarms(popup.page)).find((a) => a.name === 'next-due')?.scheduledTime).toBe(fireAt);
    await ext.close();
    ext = undefined;

    ext = await launchFirefox({ profileDir });
    popup = await openPopup(ext);
    expect(await popup.rowText('Weilidai')).toContain('Weilidai');
    const before = (await (await db()).reminders(agreement.id)).find((r) => r.id === pay.id);
    expect(await browserNow(popup.page), 'restarted before the reminder was due').toBeLessThan(fireAt);
    expect(before).toMatchObject({ notifiedAt: null, pending: 1 });
    // The start-up reconcile armed the alarm again from IndexedDB.
    const armed = await poll(
      'the next-due alarm re-armed after the restart',
      () => firefoxAlarms(popup.page),
      (list) => list.some((a) => a.name === 'next-due' && a.scheduledTime === fireAt),
      { timeoutMs: 10_000, intervalMs: 250 },
    );
    expect(armed.map((a) => a.name).sort()).toEqual(['next-due', 'sweep']);

    const shown = await poll(
      'the reminder shown by the re-armed alarm',
      async () => (await (await db()).reminders(agreement.id)).find((r) => r.id === pay.id),
      (r) => r?.notifiedAt !== null && r?.notifiedAt !== undefined,
      { timeoutMs: 40_000, intervalMs: 500 },
    );
    expect(shown?.notifiedAt).toBeGreaterThanOrEqual(fireAt);
  });
});
