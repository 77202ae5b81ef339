// The options page's Sync section, driven as a user does, in Chromium (Playwright) and in Firefox
// ESR (Puppeteer): the server's fields, "Create a new vault", "Join", "Sync now" (which waits for
// that run's success, from the status the background keeps in extension storage).

import type { Locator, Page } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { expect } from 'vitest';
import type { Messages } from './messages';

type Key = Parameters<Messages>[0];

/** The server a vault lives on, as the tests' servers describe themselves. */
export interface SyncServer {
  username: string;
  password: string;
}

interface StoredStatus {
  lastSyncedAt?: number;
  running?: unknown;
  problem?: string;
}

/** Waits until the status's last success is later than `before` with nothing running; a problem fails at once, named. */
async function waitForSuccessAfter(before: number, status: () => Promise<StoredStatus | null>): Promise<void> {
  await expect
    .poll(async () => {
      const now = await status();
      if (now?.problem) return `problem: ${now.problem}`;
      return Boolean(now && !now.running && (now.lastSyncedAt ?? 0) > before);
    }, { timeout: 30_000 })
    .toBe(true);
}

/** The Sync section of one Chromium profile. */
export class SyncPage {
  readonly section: Locator;
  constructor(
    readonly page: Page,
    private readonly msg: Messages,
    private readonly passphrase: string,
  ) {
    this.section = page.locator('#sync');
  }

  async ready(): Promise<this> {
    await this.section.getByRole('heading', { name: this.msg('syncTitle'), exact: true }).waitFor();
    return this;
  }

  button(key: Key, within: Locator = this.section): Locator {
    return within.getByRole('button', { name: this.msg(key), exact: true });
  }

  async fillServer(url: string, username: string, password: string, deviceName: string): Promise<void> {
    const field = (key: Key) => this.section.getByLabel(this.msg(key), { exact: true });
    await field('syncServerKind').selectOption('webdav');
    await field('syncWebdavUrl').fill(url);
    await field('syncUsername').fill(username);
    await field('syncPassword').fill(password);
    await field('syncDeviceName').fill(deviceName);
  }

  private form(titleKey: Key): Locator {
    return this.section.locator('form').filter({ has: this.page.getByRole('heading', { name: this.msg(titleKey), exact: true }) });
  }

  async create(url: string, server: SyncServer, deviceName: string): Promise<void> {
    await this.fillServer(url, server.username, server.password, deviceName);
    const form = this.form('syncCreateTitle');
    await form.getByLabel(this.msg('syncVaultPassphrase'), { exact: true }).fill(this.passphrase);
    await form.getByLabel(this.msg('syncVaultPassphraseConfirm'), { exact: true }).fill(this.passphrase);
    await this.button('syncCreate').click();
    await this.section.locator('[data-sync-status]').waitFor();
  }

  async join(url: string, server: SyncServer, deviceName: string): Promise<void> {
    await this.fillServer(url, server.username, server.password, deviceName);
    await this.form('syncJoinTitle').getByLabel(this.msg('syncVaultPassphrase'), { exact: true }).fill(this.passphrase);
    await this.button('syncOpenVault').click();
    await this.button('syncJoin').click();
    await this.section.locator('[data-sync-status]').waitFor();
  }

  /** "Sync now", and waits for this run's success. */
  async syncNow(): Promise<void> {
    const status = () => this.page.evaluate(async () => ((await chrome.storage.local.get('syncStatus')).syncStatus as StoredStatus | undefined) ?? null);
    const before = (await status())?.lastSyncedAt ?? 0;
    await this.button('syncNow').click();
    await waitForSuccessAfter(before, status);
  }

  get conflicts(): Locator {
    return this.section.locator('[data-sync-conflicts]');
  }

  item(kind: 'edited' | 'deleted' | 'same-payment', title?: string): Locator {
    const items = this.conflicts.locator(`[data-conflict="${kind}"]`);
    return title === undefined ? items : items.filter({ has: this.page.getByRole('heading', { name: title, exact: true }) });
  }

  async answered(key: Key): Promise<void> {
    await this.section.getByRole('status').filter({ hasText: this.msg(key) }).waitFor();
  }
}

/** Waits until a node matching `selector` contains `text`. */
export async function waitForText(page: FirefoxPage, selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    (sel, expected) => [...document.querySelectorAll(sel)].some((node) => node.textContent.includes(expected)),
    { timeout: 30_000 },
    selector,
    text,
  );
}

/**
 * The Sync section in Firefox ESR. Firefox grants the server's origin only inside the click, before
 * any await: launch it with `extensions.webextOptionalPermissionPrompts` off, so it grants without
 * its doorhanger (which a test cannot click), and `network.proxy.type` 0, so the local server is
 * reached directly rather than through the suites' recording proxy.
 */
export class FirefoxSyncPage {
  constructor(
    readonly page: FirefoxPage,
    private readonly msg: Messages,
    private readonly passphrase: string,
  ) {}

  /** Types into the field labelled `label` (exact text) within `scope`, replacing what it held. */
  async fill(label: string, value: string, scope = '#sync'): Promise<void> {
    const id = await this.page.$$eval(`${scope} label`, (labels, text) => labels.find((node) => node.textContent === text)?.htmlFor ?? null, label);
    if (id === null) throw new Error(`No field labelled "${label}"`);
    const selector = `[id="${id}"]`;
    await this.page.click(selector, { count: 3 });
    await this.page.keyboard.press('Backspace');
    await this.page.type(selector, value);
  }

  press(key: Key): Promise<void> {
    return this.page.click(`#sync button::-p-text(${this.msg(key)})`);
  }

  async fillServer(url: string, username: string, password: string, deviceName: string): Promise<void> {
    await this.page.select('#sync select', 'webdav');
    await this.fill(this.msg('syncWebdavUrl'), url);
    await this.fill(this.msg('syncUsername'), username);
    await this.fill(this.msg('syncPassword'), password);
    await this.fill(this.msg('syncDeviceName'), deviceName);
  }

  /** Fills the "create a new vault" form's passphrase twice (the server's fields first, with fillServer). */
  async fillNewPassphrase(): Promise<void> {
    await this.fill(this.msg('syncVaultPassphrase'), this.passphrase, '#sync form:nth-of-type(1)');
    await this.fill(this.msg('syncVaultPassphraseConfirm'), this.passphrase, '#sync form:nth-of-type(1)');
  }

  async join(url: string, server: SyncServer, deviceName: string): Promise<void> {
    await this.fillServer(url, server.username, server.password, deviceName);
    await this.fill(this.msg('syncVaultPassphrase'), this.passphrase, '#sync form:nth-of-type(2)');
    await this.press('syncOpenVault');
    await this.page.waitForSelector('[data-sync-found]');
    await this.press('syncJoin');
    await this.page.waitForSelector('[data-sync-status]');
  }

  private status(): Promise<StoredStatus | null> {
    return this.page.evaluate(async () => {
      const api = (globalThis as unknown as { browser: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } }).browser;
      return ((await api.storage.local.get('syncStatus')).syncStatus as StoredStatus | undefined) ?? null;
    });
  }

  /** "Sync now", and waits for this run's success. */
  async syncNow(): Promise<void> {
    const before = (await this.status())?.lastSyncedAt ?? 0;
    await this.press('syncNow');
    await waitForSuccessAfter(before, () => this.status());
  }
}
