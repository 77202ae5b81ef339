import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataSuite, DataSectionPage, normalisedDump } from './support/data-pages';
import { browserDays } from './support/dates';
import { loadMessages } from './support/messages';
import { SCREENSHOTS_DIR } from './support/paths';

const msg = loadMessages('zh_CN');
const PASSPHRASE = '每月十五号 还借呗 1000';

describe('Chromium, zh-CN: a backup protected with a passphrase', () => {
  const suite = dataSuite(msg, 'repay-e2e-encrypted-');

  it('exports a protected file, refuses a wrong passphrase without changing anything, and restores everything with the right one', async () => {
    const { ext, popup, dir } = suite;
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '借呗', kind: 'kind_extension', amount: '1234.56', dueDate: day(20) });
    await popup.addAgreement({ lender: '美团借钱', kind: 'kind_installment', amount: '500', dueDate: day(40), periods: '2' });
    await popup.pay('借呗', { amount: '200', paidOn: day(0), clears: false });
    const before = normalisedDump(await ext.db.dump());
    expect(before.records.agreements).toHaveLength(2);
    expect(before.records.payments).toHaveLength(1);

    const data = await new DataSectionPage(await ext.openPage('options.html', { width: 900, height: 1400 }), msg).ready();
    // The passphrase rule and the no-recovery warning come before any file is written.
    await data.protectWith('太短了', '太短了');
    expect(await data.protectFields.getByText(msg('dataProtectWarning'), { exact: true }).isVisible()).toBe(true);
    await data.section.getByRole('button', { name: msg('dataExport'), exact: true }).click();
    await data.alert.filter({ hasText: msg('passphraseTooShort', '12') }).waitFor();
    await data.protectWith(PASSPHRASE, `${PASSPHRASE}。`);
    await data.section.getByRole('button', { name: msg('dataExport'), exact: true }).click();
    await data.alert.filter({ hasText: msg('passphraseMismatch') }).waitFor();
    expect(await data.section.getByText(msg('dataNeverBackedUp'), { exact: true }).isVisible()).toBe(true);
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await data.section.screenshot({ path: join(SCREENSHOTS_DIR, 'options-data-protect.png') });

    await data.protectWith(PASSPHRASE);
    const backup = await data.download(msg('dataExport'), dir);
    expect(backup.name).toMatch(/^repay-companion-backup-\d{4}-\d{2}-\d{2}-protected\.json$/);
    await data.status.filter({ hasText: msg('dataExportedProtected', backup.name) }).waitFor();
    // The fields are emptied once the file is written.
    expect(await data.protectFields.getByLabel(msg('dataPassphrase'), { exact: true }).inputValue()).toBe('');
    const file = JSON.parse(backup.text) as { format: string; key: { params: { iterations: number } } };
    expect(file.format).toBe('repay-companion-encrypted-backup');
    expect(file.key.params.iterations).toBeGreaterThanOrEqual(600_000);
    for (const secret of ['借呗', '美团借钱', '123456', 'agreements']) expect(backup.text).not.toContain(secret);

    // Wipe, then something new on this computer that "replace all" would remove.
    await ext.db.clear();
    await popup.page.reload();
    await popup.ready();
    await popup.addAgreement({ lender: '招联金融', kind: 'kind_waiver', amount: '90', dueDate: day(9) });
    const wiped = normalisedDump(await ext.db.dump());
    expect(wiped.records.agreements?.map((a) => a.id)).toHaveLength(1);

    // A protected file asks for its passphrase; a wrong one is refused and nothing changes.
    await data.chooseBackup(backup.path);
    await data.unlockForm.waitFor();
    await data.unlockWith('每月十五号 还借呗 100O');
    await data.alert.filter({ hasText: msg('dataImportFailed', msg('backupErrWrongPassphrase')) }).waitFor();
    expect(await data.preview.count()).toBe(0);
    expect(await data.unlockForm.isVisible()).toBe(true);
    expect(normalisedDump(await ext.db.dump())).toEqual(wiped);

    // The right one: the usual preview, then "replace all" brings everything back.
    await data.unlockWith(PASSPHRASE);
    await data.preview.waitFor();
    expect(await data.unlockForm.count()).toBe(0);
    expect(await data.preview.getByText(msg('dataPreviewLine', msg('importTopicAgreements'), '2', '0', '0', '1'), { exact: true }).isVisible()).toBe(true);
    expect(normalisedDump(await ext.db.dump())).toEqual(wiped);
    await data.replaceAll();
    await data.status.filter({ hasText: msg.pattern('dataImported') }).waitFor();
    expect(normalisedDump(await ext.db.dump())).toEqual(before);

    await popup.page.reload();
    await popup.ready();
    expect(await popup.row('借呗').isVisible()).toBe(true);
    expect(await popup.row('美团借钱').isVisible()).toBe(true);
    expect(await popup.row('招联金融').count()).toBe(0);
    await data.page.close();
  });
});
