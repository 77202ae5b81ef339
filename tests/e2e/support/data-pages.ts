import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { DbDump } from './idb';
import type { Messages } from './messages';

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

  async unlockWith(passphrase: string): Promise<void> {
    await this.unlockForm.getByLabel(this.msg('dataPassphrase'), { exact: true }).fill(passphrase);
    await this.unlockForm.getByRole('button', { name: this.msg('dataOpenEncrypted'), exact: true }).click();
  }
}

/** Records sorted by id in every store the dump holds: the comparison must not depend on read order. */
export function normalisedDump(dump: DbDump | null) {
  if (!dump) throw new Error('no database');
  const rows = dump as unknown as Record<string, { id: string }[] | undefined>;
  const stores = [...dump.stores].sort();
  return {
    version: dump.version,
    stores,
    records: Object.fromEntries(stores.map((name) => [name, [...(rows[name] ?? [])].sort((a, b) => a.id.localeCompare(b.id))])),
  };
}
