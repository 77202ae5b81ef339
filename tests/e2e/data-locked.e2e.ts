import { describe, expect, it } from 'vitest';
import { dataSuite, DataSectionPage } from './support/data-pages';
import { browserDays } from './support/dates';
import { LockSectionPage } from './support/lock-pages';
import { loadMessages } from './support/messages';
import { poll } from './support/wait';

/**
 * Backups with the lock on (docs/lock-design.md, "Backups"), in the real browser: the file holds
 * the same plain records as with the lock off, and an import stores them sealed.
 */

const msg = loadMessages('zh_CN');
const PASSPHRASE = '每月十五号 先还借呗 再还美团';
const SECRETS = ['借呗', '美团借钱', '123456'];

describe('Chromium, zh-CN: backups with the lock on', () => {
  const suite = dataSuite(msg, 'repay-e2e-data-locked-');

  it('exports the same records whether the lock is on or off, and imports them sealed', async () => {
    const { ext, popup, dir } = suite;
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '借呗', kind: 'kind_extension', amount: '1234.56', dueDate: day(20) });
    await popup.addAgreement({ lender: '美团借钱', kind: 'kind_waiver', amount: '500', dueDate: day(9) });
    await popup.pay('借呗', { amount: '200', paidOn: day(0), clears: false });

    const options = await ext.openPage('options.html', { width: 900, height: 1600 });
    const data = await new DataSectionPage(options, msg).ready();
    const plain = await data.download(msg('dataExport'), dir);
    await data.status.filter({ hasText: msg('dataExported', plain.name) }).waitFor();

    const lock = await new LockSectionPage(options, msg).ready();
    await lock.turnOn({ understood: true, passphrase: PASSPHRASE });
    await lock.status.filter({ hasText: msg('lockTurnedOn') }).waitFor({ timeout: 20_000 });
    const sealed = JSON.stringify(await ext.db.dump());
    expect(sealed).toContain('sealed');
    for (const secret of SECRETS) expect(sealed).not.toContain(secret);

    // With the lock on, "protect this file" is ticked to begin with; unticked, the file written
    // holds the same plain records (only the time differs).
    const protect = data.section.getByRole('checkbox', { name: msg('dataProtect'), exact: true });
    await poll('protect ticked by the lock', () => protect.isChecked(), Boolean);
    await protect.uncheck();
    const locked = await data.download(msg('dataExport'), dir);
    await data.status.filter({ hasText: msg('dataExported', locked.name) }).waitFor();
    const stores = (text: string) => (JSON.parse(text) as { stores: Record<string, { id: string }[]> }).stores;
    const byId = (rows: { id: string }[] = []) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    const plainStores = stores(plain.text);
    const lockedStores = stores(locked.text);
    expect(Object.keys(lockedStores).sort()).toEqual(Object.keys(plainStores).sort());
    for (const name of Object.keys(plainStores)) expect(byId(lockedStores[name]), name).toEqual(byId(plainStores[name]));
    expect(locked.text).toContain('借呗');
    expect(locked.text).not.toContain('"sealed"');
    expect(locked.text).not.toContain('"settled"');

    // Wiped, then imported with the lock on: the records come back sealed, and the popup shows them.
    await ext.db.clear();
    await data.chooseBackup(locked.path);
    await data.preview.waitFor();
    expect(await data.preview.getByText(msg('dataPreviewLine', msg('importTopicAgreements'), '2', '0', '0', '0'), { exact: true }).isVisible()).toBe(true);
    await data.replaceAll();
    await data.status.filter({ hasText: msg.pattern('dataImported') }).waitFor({ timeout: 20_000 });
    const imported = JSON.stringify(await ext.db.dump());
    expect(imported).toContain('sealed');
    for (const secret of SECRETS) expect(imported).not.toContain(secret);

    // Importing the same file again changes nothing: the preview compares with the opened records.
    await data.chooseBackup(locked.path);
    await data.preview.waitFor();
    expect(await data.preview.getByText(msg('dataPreviewLine', msg('importTopicAgreements'), '0', '0', '2', '0'), { exact: true }).isVisible()).toBe(true);

    await popup.page.reload();
    await popup.ready();
    await popup.row('借呗').waitFor();
    await popup.row('美团借钱').waitFor();
  });
});
