import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, resetExtension, type ChromiumExtension } from './support/chromium';
import { DataSectionPage, normalisedDump } from './support/data-pages';
import { browserDays } from './support/dates';
import { loadMessages } from './support/messages';
import { SCREENSHOTS_DIR } from './support/paths';
import { PopupScreen } from './support/popup-pages';
import { poll } from './support/wait';

const msg = loadMessages('zh_CN');

describe('Chromium, zh-CN: backup, import and exports on the options page', () => {
  let ext: ChromiumExtension;
  let popup: PopupScreen;
  let dir: string;

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'zh-CN' });
    popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
    dir = mkdtempSync(join(tmpdir(), 'repay-e2e-data-'));
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await resetExtension(ext, popup.page);
    // A fresh popup, as a user opening it after the reset would see.
    await ext.closePage(popup.page);
    popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
  });

  it('exports a backup, restores everything after a wipe, and refuses a corrupted file without changing anything', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '借呗', kind: 'kind_extension', amount: '1234.56', dueDate: day(20) });
    await popup.addAgreement({ lender: '美团借钱', kind: 'kind_installment', amount: '500', dueDate: day(40), periods: '2' });
    await popup.pay('借呗', { amount: '200', paidOn: day(0), clears: false });
    const before = normalisedDump(await ext.db.dump());
    expect(before.records.agreements).toHaveLength(2);
    expect(before.records.payments).toHaveLength(1);
    expect(before.records.reminders?.length).toBeGreaterThan(0);

    const data = await new DataSectionPage(await ext.openPage('options.html', { width: 900, height: 1200 }), msg).ready();
    expect(await data.section.getByText(msg('dataNeverBackedUp'), { exact: true }).isVisible()).toBe(true);
    expect(await data.section.getByText(msg('dataBackupDue'), { exact: true }).isVisible()).toBe(true);
    const backup = await data.download(msg('dataExport'), dir);
    expect(backup.name).toMatch(/^repay-companion-backup-\d{4}-\d{2}-\d{2}\.json$/);
    await data.status.filter({ hasText: msg('dataExported', backup.name) }).waitFor();
    // The time of the last backup is shown and kept; the monthly reminder goes away.
    await data.section.getByText(msg.pattern('dataLastBackup')).waitFor();
    expect(await data.section.getByText(msg('dataBackupDue'), { exact: true }).count()).toBe(0);
    const file = JSON.parse(backup.text) as { format: string; stores: Record<string, unknown[]>; checksum: string };
    expect(file.format).toBe('repay-companion-backup');
    expect(file.stores.agreements).toHaveLength(2);
    expect(file.checksum).toMatch(/^[0-9a-f]{64}$/);

    // Wipe, then import: the preview counts what comes back, "replace all" brings it back.
    await ext.db.clear();
    expect(normalisedDump(await ext.db.dump()).records.agreements).toEqual([]);
    await data.chooseBackup(backup.path);
    const preview = data.section.getByRole('group', { name: msg.pattern('dataPreviewTitle') });
    await preview.waitFor();
    expect(await preview.getByText(msg('dataPreviewLine', msg('importTopicAgreements'), '2', '0', '0', '0'), { exact: true }).isVisible()).toBe(true);
    expect(await preview.getByText(msg('dataPreviewLine', msg('importTopicPayments'), '1', '0', '0', '0'), { exact: true }).isVisible()).toBe(true);
    await data.replaceAll();
    await data.status.filter({ hasText: msg.pattern('dataImported') }).waitFor();
    expect(normalisedDump(await ext.db.dump())).toEqual(before);

    // The popup shows them again.
    await popup.page.reload();
    await popup.ready();
    expect(await popup.row('借呗').isVisible()).toBe(true);
    expect(await popup.row('美团借钱').isVisible()).toBe(true);

    // A file changed after export is refused by name, and nothing changes.
    const corrupted = join(dir, 'corrupted.json');
    writeFileSync(corrupted, backup.text.replace('"amountFen": 123456', '"amountFen": 123457'));
    expect(readFileSync(corrupted, 'utf8')).not.toBe(backup.text);
    await data.chooseBackup(corrupted);
    await data.alert.filter({ hasText: msg('dataImportFailed', msg('backupErrChecksum')) }).waitFor();
    expect(await data.section.getByRole('group', { name: msg.pattern('dataPreviewTitle') }).count()).toBe(0);
    // A truncated one too.
    const truncated = join(dir, 'truncated.json');
    writeFileSync(truncated, backup.text.slice(0, backup.text.length / 2));
    await data.chooseBackup(truncated);
    await data.alert.filter({ hasText: msg('dataImportFailed', msg('backupErrNotJson')) }).waitFor();
    expect(normalisedDump(await ext.db.dump())).toEqual(before);
    await data.page.close();
  });

  it('exports agreements and payments as CSV with a BOM, and future dates as an .ics calendar', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '网商贷', kind: 'kind_deferral', amount: '88.80', dueDate: day(15) });
    await popup.pay('网商贷', { amount: '10', paidOn: day(0), clears: false });
    const data = await new DataSectionPage(await ext.openPage('options.html', { width: 900, height: 1200 }), msg).ready();

    const agreements = await data.download(msg('exportCsvAgreements'), dir);
    expect(agreements.text.startsWith('\uFEFF')).toBe(true);
    expect(agreements.text).toContain(`网商贷,${msg('kind_deferral')},88.80,${day(15)},10.00`);
    const payments = await data.download(msg('exportCsvPayments'), dir);
    expect(payments.text).toContain(`网商贷,${day(0)},10.00,${msg('csvCoveragePartial')}`);

    const calendar = await data.download(msg('exportIcsAll'), dir);
    expect(calendar.name).toBe('repay-companion.ics');
    expect(calendar.text).toContain('BEGIN:VCALENDAR');
    // The due day's event says what is left to pay and rings at the reminder hour.
    expect(calendar.text).toContain('SUMMARY:网商贷：还款（¥78.80）');
    expect(calendar.text).toContain('TRIGGER:PT0S');

    // Persistence is reported, whatever this browser decided.
    const persistence = [msg('persistGranted'), msg('persistNotGranted'), msg('persistUnknown')];
    const shown = await poll('a persistence status', () => data.section.innerText(), (text) => persistence.some((p) => text.includes(p)));
    expect(persistence.some((p) => shown.includes(p))).toBe(true);
    await data.page.close();
  });

  it('merges a backup: the preview counts the changes, records only on this computer stay', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '京东白条', kind: 'kind_installment', amount: '700', dueDate: day(25), periods: '2' });
    const data = await new DataSectionPage(await ext.openPage('options.html', { width: 900, height: 1200 }), msg).ready();
    const backup = await data.download(msg('dataExport'), dir);
    const exported = await ext.db.agreementByLender('京东白条');

    // The same file at once: merging would change nothing, and says so beside the file picker.
    const untouched = normalisedDump(await ext.db.dump());
    await data.chooseBackup(backup.path);
    await data.preview.getByText(msg('dataMergeWouldChangeNothing'), { exact: true }).waitFor();
    await data.preview.getByRole('button', { name: msg('dataMerge'), exact: true }).click();
    const importCard = data.section.locator('.card', { has: data.page.getByLabel(msg('dataImport'), { exact: true }) });
    await importCard.getByRole('status').filter({ hasText: msg('dataMergeNothing') }).waitFor();
    expect(normalisedDump(await ext.db.dump())).toEqual(untouched);

    await popup.edit('京东白条', { amount: '650' });
    await popup.addAgreement({ lender: '招联金融', kind: 'kind_waiver', amount: '90', dueDate: day(9) });
    await data.chooseBackup(backup.path);
    const preview = data.section.getByRole('group', { name: msg.pattern('dataPreviewTitle') });
    await preview.waitFor();
    expect(await preview.getByText(msg('dataPreviewLine', msg('importTopicAgreements'), '0', '1', '0', '1'), { exact: true }).isVisible()).toBe(true);
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await data.section.screenshot({ path: join(SCREENSHOTS_DIR, 'options-data-import-preview.png') });
    await preview.getByRole('button', { name: msg('dataMerge'), exact: true }).click();
    await data.status.filter({ hasText: msg.pattern('dataImported') }).waitFor();

    const agreements = await ext.db.agreements();
    expect(agreements.map((a) => a.lender).sort()).toEqual(['京东白条', '招联金融'].sort());

    // "Replace all" asks first, naming what it would delete; "Cancel" deletes nothing.
    await data.chooseBackup(backup.path);
    await data.preview.getByRole('button', { name: msg('dataReplaceAll'), exact: true }).click();
    const confirm = data.preview.getByRole('alertdialog');
    await confirm.getByText(msg('dataReplaceConfirm', msg('removedAgreementsOne')), { exact: true }).waitFor();
    await data.section.screenshot({ path: join(SCREENSHOTS_DIR, 'options-data-replace-confirm.png') });
    await confirm.getByRole('button', { name: msg('dataCancel'), exact: true }).click();
    await data.preview.getByRole('button', { name: msg('dataCancel'), exact: true }).click();
    expect((await ext.db.agreements()).length).toBe(2);
    // The file's version is back, with a stamp of this import's own.
    const unstamped = (row: unknown) => Object.fromEntries(Object.entries(row ?? {}).filter(([field]) => field !== 'rev'));
    expect(unstamped(await ext.db.agreementByLender('京东白条'))).toEqual(unstamped(exported));
    await data.page.close();
  });

  it("downloads one agreement's dates ahead from its row in the popup", async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '度小满', kind: 'kind_extension', amount: '300', dueDate: day(12) });
    await popup.addAgreement({ lender: '花呗', kind: 'kind_waiver', amount: '50', dueDate: day(30) });
    const row = popup.row('度小满');
    const [download] = await Promise.all([
      popup.page.waitForEvent('download'),
      row.getByRole('button', { name: msg('calendarExportOf', '度小满'), exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('repay-companion-度小满.ics');
    const path = join(dir, 'one.ics');
    await download.saveAs(path);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('UID:repay-companion-');
    expect(text).toContain('SUMMARY:度小满：还款（¥300.00）');
    expect(text).not.toContain('花呗');
  });
});
