import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRadicale, type RadicaleServer } from '../servers/radicale';
import { eventsOnServer, ourCalendarUrl } from './support/calendar-server';
import { buildWithSitesAllowed } from './support/chat-page';
import { launchChromium, type ChromiumExtension } from './support/chromium';
import { browserDays } from './support/dates';
import { loadMessages, type Messages } from './support/messages';
import { CHROME_BUILD, SCREENSHOTS_DIR } from './support/paths';
import { PopupScreen } from './support/popup-pages';

/**
 * The Calendar section in Chromium against a real Radicale on 127.0.0.1: connect (a wrong password
 * first), create "还款提醒", add an agreement in the popup, and find its events on the server, read
 * back over HTTP; then disconnect, deleting our events. The user's "Allow" for the server is given
 * by a build in which 127.0.0.1 is already allowed (see buildWithSitesAllowed): headless Chromium
 * cannot answer the permission prompt.
 */

async function connect(page: Page, msg: Messages, server: RadicaleServer, password: string): Promise<void> {
  const section = page.locator('#calendar');
  await section.getByLabel(msg('calendarServerKind')).selectOption({ label: msg('calendarKindRadicale') });
  await section.getByLabel(msg('calendarServerUrl')).fill(server.url);
  await section.getByLabel(msg('calendarUsername')).fill(server.user);
  await section.getByLabel(msg('calendarPassword')).fill(password);
  await section.getByRole('button', { name: msg('calendarConnect') }).click();
}

async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const section = page.locator('#calendar');
  await section.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await section.screenshot({ path: join(SCREENSHOTS_DIR, `${name}-dark.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
}

for (const lang of ['zh-CN', 'en-US'] as const) {
  describe(`Chromium, ${lang}: pushing to the user's CalDAV calendar`, { timeout: 120_000 }, () => {
    const msg = loadMessages(lang === 'zh-CN' ? 'zh_CN' : 'en');
    let server: RadicaleServer;
    let build: string;
    let ext: ChromiumExtension;

    beforeAll(async () => {
      server = await startRadicale();
      build = buildWithSitesAllowed(CHROME_BUILD, ['http://127.0.0.1/*']);
      ext = await launchChromium({ lang, buildDir: build });
    }, 60_000);

    afterAll(async () => {
      await (ext as ChromiumExtension | undefined)?.close();
      await (server as RadicaleServer | undefined)?.dispose();
      if (build) rmSync(build, { recursive: true, force: true });
    });

    it('connects, creates the calendar, and an agreement added in the popup reaches the server', async () => {
      const options = await ext.openPage('options.html#calendar', { width: 900, height: 1400 });
      const section = options.locator('#calendar');
      await section.getByRole('heading', { name: msg('calendarTitle') }).waitFor();
      if (lang === 'zh-CN') await screenshots(options, 'calendar-connect');
      // How the README shows connecting a Nextcloud and an iCloud calendar: the service chosen, its
      // hint, the fields as a user fills them (no password typed); nothing is sent.
      const kind = section.getByLabel(msg('calendarServerKind'));
      mkdirSync(SCREENSHOTS_DIR, { recursive: true });
      await kind.selectOption({ label: msg('calendarKindNextcloud') });
      await section.getByLabel(msg('calendarServerUrl')).fill('https://cloud.example.com');
      await section.getByLabel(msg('calendarUsername')).fill('xiaoming');
      await section.locator('form').screenshot({ path: join(SCREENSHOTS_DIR, `calendar-nextcloud-${lang}.png`) });
      await kind.selectOption({ label: msg('calendarKindIcloud') });
      await expect.poll(() => section.getByLabel(msg('calendarServerUrl')).count()).toBe(0);
      await section.getByLabel(msg('calendarUsername')).fill('xiaoming@icloud.com');
      await section.locator('form').screenshot({ path: join(SCREENSHOTS_DIR, `calendar-icloud-${lang}.png`) });
      await section.getByLabel(msg('calendarUsername')).fill('');

      // A wrong password: said in the user's language, nothing kept.
      await connect(options, msg, server, `${server.password}x`);
      await section.getByRole('alert').filter({ hasText: msg('caldavErrUnauthorized') }).waitFor();
      expect(await ext.context.serviceWorkers()[0]?.evaluate(() => chrome.storage.local.get('calendarAccount'))).toEqual({});

      await connect(options, msg, server, server.password);
      const choice = section.getByLabel(msg('calendarChoose'));
      await choice.waitFor();
      expect(await choice.locator('option:checked').textContent()).toBe(msg('calendarCreateNew', msg('calendarDefaultName')));
      await section.getByRole('button', { name: msg('calendarUseThis') }).click();
      await section.getByText(msg('calendarConnectedTo', msg('calendarDefaultName'), `${server.user} · ${new URL(server.url).host}`)).waitFor();
      await section.locator('[data-calendar-status]').filter({ hasText: lang === 'zh-CN' ? '日历上的0个日程已是最新' : '0 events up to date' }).waitFor();
      expect(await eventsOnServer(server, ourCalendarUrl(server))).toEqual([]);

      const popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
      const day = await browserDays(popup.page);
      await popup.addAgreement({ lender: '网商贷', kind: 'kind_settlement', amount: '888.49', dueDate: day(25) });
      // The background pushes a moment after the change, and the section follows without a reload.
      const status = section.locator('[data-calendar-status]');
      const counted = lang === 'zh-CN' ? /日历上的([1-9]\d*)个日程已是最新/ : /^([1-9]\d*) events up to date/;
      await status.filter({ hasText: counted }).waitFor({ timeout: 20_000 });
      const pushed = Number(counted.exec((await status.textContent()) ?? '')?.[1]);
      const events = await eventsOnServer(server, ourCalendarUrl(server));
      expect(events).toHaveLength(pushed);
      const paySummary = lang === 'zh-CN' ? '网商贷：还款（¥888.49）' : '网商贷: Pay (¥888.49)';
      expect(events.map((e) => e.summary)).toContain(paySummary);
      expect(events.every((e) => e.uid.endsWith('@repay-companion') && e.alarms > 0)).toBe(true);
      await screenshots(options, lang === 'zh-CN' ? 'calendar' : 'calendar-en');

      // Disconnecting with "also delete": our events go, the agreement stays here.
      await section.getByLabel(msg('calendarDisconnectDelete')).check();
      await section.getByRole('button', { name: msg('calendarDisconnect') }).click();
      await section.getByRole('status').filter({ hasText: msg('calendarDisconnectedDeleted', String(events.length)) }).waitFor();
      expect(await eventsOnServer(server, ourCalendarUrl(server))).toEqual([]);
      expect((await ext.db.dump())?.agreements).toHaveLength(1);
    });
  });
}
