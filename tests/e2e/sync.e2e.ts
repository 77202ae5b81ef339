// The options page's Sync section in real Chromium, against a real WebDAV server started here on
// 127.0.0.1 (webdav-server behind tests/servers/webdav.ts, with a Chinese password). Headless
// Chromium cannot answer a permission prompt: the build used has http://127.0.0.1/* already
// allowed (buildWithSitesAllowed), and the page's permissions.request for it then resolves at once,
// as it does for a user who allowed it.

import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebDavServer, type WebDavTestServer } from '../servers/webdav';
import { buildWithSitesAllowed } from './support/chat-page';
import { launchChromium, type ChromiumExtension } from './support/chromium';
import { browserDays } from './support/dates';
import { PopupScreen } from './support/popup-pages';
import { loadMessages, type Messages } from './support/messages';
import { CHROME_BUILD, SCREENSHOTS_DIR } from './support/paths';
import { twoChromiumProfiles } from './support/two-devices';

const PASSPHRASE = '同步库口令：每月十五号还款';

class SyncSectionPage {
  readonly section: Locator;
  constructor(
    readonly page: Page,
    private readonly msg: Messages,
  ) {
    this.section = page.locator('#sync');
  }

  async ready(): Promise<this> {
    await this.section.getByRole('heading', { name: this.msg('syncTitle'), exact: true }).waitFor();
    return this;
  }

  field(key: Parameters<Messages>[0]): Locator {
    return this.section.getByLabel(this.msg(key), { exact: true });
  }

  async fillServer(url: string, username: string, password: string, deviceName: string): Promise<void> {
    await this.field('syncServerKind').selectOption('webdav');
    await this.field('syncWebdavUrl').fill(url);
    await this.field('syncUsername').fill(username);
    await this.field('syncPassword').fill(password);
    await this.field('syncDeviceName').fill(deviceName);
  }

  button(key: Parameters<Messages>[0]): Locator {
    return this.section.getByRole('button', { name: this.msg(key), exact: true });
  }

  get alert(): Locator {
    return this.section.getByRole('alert');
  }

  /** The create step's card, whose passphrase fields share their labels with the join step's. */
  get create(): Locator {
    return this.section.locator('form').filter({ has: this.page.getByRole('heading', { name: this.msg('syncCreateTitle'), exact: true }) });
  }

  get join(): Locator {
    return this.section.locator('form').filter({ has: this.page.getByRole('heading', { name: this.msg('syncJoinTitle'), exact: true }) });
  }

  async newPassphrase(passphrase: string): Promise<void> {
    await this.create.getByLabel(this.msg('syncVaultPassphrase'), { exact: true }).fill(passphrase);
    await this.create.getByLabel(this.msg('syncVaultPassphraseConfirm'), { exact: true }).fill(passphrase);
  }

  get statusLine(): Locator {
    return this.section.locator('[data-sync-status]');
  }
}

async function vaultFileOn(server: WebDavTestServer, folder: string): Promise<number> {
  const auth = Buffer.from(`${server.username}:${server.password}`, 'utf8').toString('base64');
  const response = await fetch(`${server.url}${folder}/vault`, { headers: { Authorization: `Basic ${auth}` } });
  return response.status;
}

async function shoot(page: Page, section: Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await section.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await section.screenshot({ path: join(SCREENSHOTS_DIR, `${name}-dark.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
}

for (const lang of ['zh-CN', 'en-US'] as const) {
  const msg = loadMessages(lang === 'zh-CN' ? 'zh_CN' : 'en');

  describe(`Chromium, ${lang}: setting sync up with any WebDAV server`, () => {
    let server: WebDavTestServer;
    let build: string;
    let ext: ChromiumExtension;

    beforeAll(async () => {
      server = await startWebDavServer();
      build = buildWithSitesAllowed(CHROME_BUILD, ['http://127.0.0.1/*']);
      ext = await launchChromium({ lang, buildDir: build });
    });

    afterAll(async () => {
      await (ext as ChromiumExtension | undefined)?.close();
      await (server as WebDavTestServer | undefined)?.stop();
      rmSync(build, { recursive: true, force: true });
    });

    it('refuses bad input and a wrong password clearly, creates a vault, shows its status, and is left keeping the records', async () => {
      const sync = await new SyncSectionPage(await ext.openPage('options.html#sync', { width: 900, height: 1800 }), msg).ready();
      const folder = `vault-${lang}`;

      // The 坚果云 preset, as a user there fills it in: its address is known, it asks for the account
      // and an app password, and says where to create one. Shown for the README, not sent.
      await sync.field('syncServerKind').selectOption('jianguoyun');
      await sync.section.getByText(msg('syncJianguoyunHint'), { exact: true }).waitFor();
      expect(await sync.section.getByLabel(msg('syncWebdavUrl'), { exact: true }).count()).toBe(0);
      await sync.field('syncJianguoyunUsername').fill('amy@example.com');
      await sync.section.locator('input[type="password"]').first().fill('abcdefghijklmnop');
      await sync.field('syncDeviceName').fill('办公室电脑');
      await shoot(sync.page, sync.section, `options-sync-jianguoyun-${lang}`);

      // An address to another computer over plain http is refused before anything is asked or sent.
      const requests = server.counters.requests;
      await sync.fillServer('http://dav.example.com/vault/', server.username, server.password, '办公室电脑');
      await sync.newPassphrase(PASSPHRASE);
      await sync.button('syncCreate').click();
      await sync.alert.filter({ hasText: msg('syncInputUrlInsecure') }).waitFor();
      expect(await sync.field('syncWebdavUrl').getAttribute('aria-invalid')).toBe('true');
      await shoot(sync.page, sync.section, `options-sync-setup-${lang}`);

      // The server refuses a wrong password: said in the user's words, nothing stored.
      await sync.fillServer(`${server.url}${folder}/`, server.username, '不是这个密码', '办公室电脑');
      await sync.button('syncCreate').click();
      await sync.alert.filter({ hasText: msg('syncProblemAuth') }).waitFor();
      expect(server.counters.requests).toBeGreaterThan(requests);
      expect(await sync.statusLine.count()).toBe(0);

      await sync.field('syncPassword').fill(server.password);
      await sync.button('syncCreate').click();
      await sync.section.getByRole('status').filter({ hasText: msg('syncCreated') }).waitFor();
      await sync.statusLine.filter({ hasText: msg('syncNeverSynced') }).waitFor();
      expect(await sync.section.getByText(msg('syncPlace', `${server.url}${folder}/`), { exact: true }).isVisible()).toBe(true);
      expect(await sync.section.getByText(msg('syncThisDevice', '办公室电脑'), { exact: true }).isVisible()).toBe(true);
      expect(await vaultFileOn(server, folder)).toBe(200);
      // The server's password and the sync key are in this profile's storage only, never in the page.
      const stored = await sync.page.evaluate(() => chrome.storage.local.get(['syncAccount', 'syncSecret']));
      expect(JSON.stringify(stored.syncAccount)).not.toContain(server.password);
      await shoot(sync.page, sync.section, `options-sync-account-${lang}`);

      // Turning sync off keeps everything else and shows the set-up again.
      await sync.button('syncLeave').click();
      await sync.section.getByRole('status').filter({ hasText: msg('syncLeft') }).waitFor();
      expect(await sync.page.evaluate(() => chrome.storage.local.get(['syncAccount', 'syncSecret']))).toEqual({});

      // Creating again in the same folder is refused: join it instead; joining shows its devices first.
      await sync.fillServer(`${server.url}${folder}/`, server.username, server.password, '家里的笔记本');
      await sync.newPassphrase(PASSPHRASE);
      await sync.button('syncCreate').click();
      await sync.alert.filter({ hasText: msg('syncSetupVaultExists') }).waitFor();

      const join = sync.join;
      await join.getByLabel(msg('syncVaultPassphrase'), { exact: true }).fill('不是这个口令不是这个');
      await sync.button('syncOpenVault').click();
      await sync.alert.filter({ hasText: msg('syncSetupWrongPassphrase') }).waitFor();
      await join.getByLabel(msg('syncVaultPassphrase'), { exact: true }).fill(PASSPHRASE);
      await sync.button('syncOpenVault').click();
      const found = sync.section.locator('[data-sync-found]');
      await found.getByText(msg('syncDeviceLine', '办公室电脑', msg('syncDeviceNoChange')), { exact: true }).waitFor();
      expect(await sync.page.evaluate(() => chrome.storage.local.get('syncAccount'))).toEqual({});
      await shoot(sync.page, sync.section, `options-sync-join-${lang}`);
      await sync.button('syncJoin').click();
      await sync.section.getByRole('status').filter({ hasText: msg('syncJoined') }).waitFor();
      expect(await sync.section.getByText(msg('syncThisDevice', '家里的笔记本'), { exact: true }).isVisible()).toBe(true);
    });
  });
}

describe('Chromium, zh-CN: two profiles as two devices of one vault', () => {
  const msg = loadMessages('zh_CN');
  const devices = twoChromiumProfiles('zh-CN', () => startWebDavServer());

  it('an agreement added on one appears on the other after "Sync now" on both', async () => {
    const { server, office, home } = devices;
    const url = `${server.url}shared/`;
    const popup = await new PopupScreen(await office.openPage('popup.html'), msg).ready();
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '借呗', kind: 'kind_extension', amount: '1234.56', dueDate: day(20) });

    const first = await new SyncSectionPage(await office.openPage('options.html#sync', { width: 900, height: 1800 }), msg).ready();
    await first.fillServer(url, server.username, server.password, '办公室电脑');
    await first.newPassphrase(PASSPHRASE);
    await first.button('syncCreate').click();
    await first.statusLine.filter({ hasText: msg('syncNeverSynced') }).waitFor();
    await first.button('syncNow').click();
    await first.statusLine.filter({ hasText: msg('syncSyncedJustNow') }).waitFor({ timeout: 30_000 });
    expect(await first.statusLine.textContent()).not.toContain(msg('syncReportCounts', '0', '0'));
    // The run happened in Chrome's offscreen document, which closes itself once idle (lib/browser/offscreen.ts).
    const offscreenDocuments = async () =>
      (await office.worker()).evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length);
    await expect.poll(offscreenDocuments, { timeout: 15_000 }).toBe(0);

    const second = await new SyncSectionPage(await home.openPage('options.html#sync', { width: 900, height: 1800 }), msg).ready();
    await second.fillServer(url, server.username, server.password, '家里的笔记本');
    await second.join.getByLabel(msg('syncVaultPassphrase'), { exact: true }).fill(PASSPHRASE);
    await second.button('syncOpenVault').click();
    await second.section.locator('[data-sync-found]').getByText(msg.pattern('syncDeviceLine')).first().waitFor();
    expect(await second.section.locator('[data-sync-found] li').first().textContent()).toContain('办公室电脑');
    await second.button('syncJoin').click();
    await second.statusLine.filter({ hasText: msg('syncNeverSynced') }).waitFor();
    expect(await home.db.agreementByLender('借呗')).toBeUndefined();
    await second.button('syncNow').click();
    await second.statusLine.filter({ hasText: msg('syncSyncedJustNow') }).waitFor({ timeout: 30_000 });
    await shoot(second.page, second.section, 'options-sync-synced-zh-CN');

    const arrived = await home.db.agreementByLender('借呗');
    expect(arrived?.amountFen).toBe(123456);
    const homePopup = await new PopupScreen(await home.openPage('popup.html'), msg).ready();
    await homePopup.row('借呗').waitFor();
  });
});
