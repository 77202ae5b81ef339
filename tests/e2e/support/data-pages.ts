import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type ChromiumExtension } from './chromium';
import type { DbDump } from './idb';
import type { Messages } from './messages';
import { PopupScreen } from './popup-pages';

/**
 * The options page's "Your data" section, as a user sees it, with the passphrase parts of the
 * backup (protect on export, unlock on import).
 */
export class DataSectionPage {
  constructor(
    readonly page: Page,
    private readonly msg: Messages,
  ) {}

  get section() {
    return this.page.getByRole('region', { name: this.msg('dataTitle'), exact: true });
  }

  get status() {
    return this.section.getByRole('status');
  }

  get alert() {
    return this.section.getByRole('alert');
  }

  /** The passphrase fields shown once "protect this file" is ticked. */
  get protectFields() {
    return this.section.getByRole('group', { name: this.msg('dataProtect'), exact: true });
  }

  /** The prompt shown for a protected file. */
  get unlockForm() {
    return this.section.getByRole('form', { name: this.msg('dataEncryptedTitle'), exact: true });
  }

  get preview() {
    return this.section.getByRole('group', { name: this.msg.pattern('dataPreviewTitle') });
  }

  async ready(): Promise<this> {
    await this.section.waitFor();
    return this;
  }

  /** Clicks a button that downloads a file and returns the file's text and name. */
  async download(button: string, dir: string): Promise<{ name: string; text: string; path: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.section.getByRole('button', { name: button, exact: true }).click(),
    ]);
    const path = join(dir, download.suggestedFilename());
    await download.saveAs(path);
    return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8'), path };
  }

  async protectWith(passphrase: string, confirmation = passphrase): Promise<void> {
    const box = this.section.getByRole('checkbox', { name: this.msg('dataProtect'), exact: true });
    if (!(await box.isChecked())) await box.check();
    await this.protectFields.getByLabel(this.msg('dataPassphrase'), { exact: true }).fill(passphrase);
    await this.protectFields.getByLabel(this.msg('dataPassphraseConfirm'), { exact: true }).fill(confirmation);
  }

  async chooseBackup(path: string): Promise<void> {
    await this.section.getByLabel(this.msg('dataImport'), { exact: true }).setInputFiles(path);
  }

  /** "Replace all", then the second yes that names what it deletes. */
  async replaceAll(): Promise<void> {
    await this.preview.getByRole('button', { name: this.msg('dataReplaceAll'), exact: true }).click();
    const confirm = this.preview.getByRole('alertdialog');
    await confirm.waitFor();
    const yes = [this.msg('dataReplaceConfirmButton'), this.msg('dataReplaceConfirmButtonNoLoss')];
    await confirm.getByRole('button').filter({ hasText: new RegExp(`^(?:${yes.map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`) }).click();
  }

  async unlockWith(passphrase: string): Promise<void> {
    await this.unlockForm.getByLabel(this.msg('dataPassphrase'), { exact: true }).fill(passphrase);
    await this.unlockForm.getByRole('button', { name: this.msg('dataOpenEncrypted'), exact: true }).click();
  }
}

/** This profile's own bookkeeping, which no backup carries: its device id and clock, its tombstones. */
const BOOKKEEPING = new Set(['meta', 'tombstones', 'sync']);

/**
 * The records in every store the dump holds, sorted by id (the comparison must not depend on read
 * order), without the profile's bookkeeping and each record's stamp: an import writes its records
 * with stamps of its own, so a round trip gives back the records, not the stamps.
 */
export function normalisedDump(dump: DbDump | null) {
  if (!dump) throw new Error('no database');
  const rows = dump as unknown as Record<string, ({ id: string } & Record<string, unknown>)[] | undefined>;
  const stores = [...dump.stores].filter((name) => !BOOKKEEPING.has(name)).sort();
  const unstamped = (row: { id: string } & Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([field]) => field !== 'rev'));
  return {
    version: dump.version,
    stores,
    records: Object.fromEntries(stores.map((name) => [name, [...(rows[name] ?? [])].sort((a, b) => a.id.localeCompare(b.id)).map(unstamped)])),
  };
}

/**
 * The set-up every data suite shares: one Chromium with the extension, its popup, and a folder for
 * the files it downloads, closed and removed after the suite. Read the fields inside tests.
 */
export function dataSuite(msg: Messages, folderPrefix: string): { readonly ext: ChromiumExtension; readonly popup: PopupScreen; readonly dir: string } {
  const state: { ext?: ChromiumExtension; popup?: PopupScreen; dir?: string } = {};
  beforeAll(async () => {
    state.ext = await launchChromium({ lang: 'zh-CN' });
    state.popup = await new PopupScreen(await state.ext.openPage('popup.html'), msg).ready();
    state.dir = mkdtempSync(join(tmpdir(), folderPrefix));
  });
  afterAll(async () => {
    await state.ext?.close();
    if (state.dir) rmSync(state.dir, { recursive: true, force: true });
  });
  const required = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The data suite has not started');
    return value;
  };
  return {
    get ext() {
      return required(state.ext);
    },
    get popup() {
      return required(state.popup);
    },
    get dir() {
      return required(state.dir);
    },
  };
}
