import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserDays } from './support/dates';
import { launchFirefox, type FirefoxExtension } from './support/firefox';
import { aria, FirefoxPopup } from './support/firefox-pages';
import { loadMessages } from './support/messages';
import { makePng } from './support/png';
import { shownDate, shownMoney } from './support/popup-pages';
import { poll } from './support/wait';

// Firefox ESR here runs in en-US: the popup shows its English messages.
const msg = loadMessages('en');
const money = (fen: number) => shownMoney(fen, 'en');
const date = (day: string) => shownDate(day, 'en');
const PNG = makePng(90, 150);

async function one(scope: Page | ElementHandle, selector: string): Promise<ElementHandle> {
  const handle = await scope.waitForSelector(selector, { timeout: 5_000 });
  if (!handle) throw new Error(`Nothing matches ${selector}`);
  return handle;
}

describe('Firefox ESR, en-US: a payment’s receipt image', () => {
  let ext: FirefoxExtension;
  let popup: FirefoxPopup;
  let dir: string;
  const db = () => ext.db(popup.page);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'receipt-'));
    ext = await launchFirefox();
    popup = new FirefoxPopup(await ext.openPage('popup.html', FirefoxPopup.readySelector(msg)), msg);
  });

  afterAll(async () => {
    await (ext as FirefoxExtension | undefined)?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('records a payment with a receipt picked from disk, shows it, and undoing the payment removes it', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: 'Huabei', kind: 'kind_settlement', amount: '600', dueDate: day(4) });
    const agreement = await db().agreementByLender('Huabei');
    if (!agreement) throw new Error('the agreement was not stored');

    await (await one(await popup.row('Huabei'), aria(msg('markPaidOf', 'Huabei'), 'button'))).click();
    const form = await one(popup.page, aria(msg('markPaidOf', 'Huabei'), 'form'));
    const file = join(dir, 'receipt.png');
    writeFileSync(file, PNG);
    const picker = await form.$('input[type=file]');
    if (!picker) throw new Error('no file input in the payment form');
    expect(await picker.evaluate((el) => el.labels?.[0]?.textContent)).toBe(msg('fieldReceipt'));
    await picker.uploadFile(file);
    await (await one(form, aria(msg('recordPayment'), 'button'))).click();

    const payments = await poll('the payment', () => db().payments(agreement.id), (rows) => rows.length === 1);
    const [receipt, ...more] = await db().attachments(payments[0]!.id);
    expect(more).toEqual([]);
    expect(receipt).toMatchObject({ ownerType: 'payment', kind: 'receipt', mimeType: 'image/png', byteLength: PNG.length });
    expect(Buffer.from(receipt!.blob.base64, 'base64').equals(PNG)).toBe(true);

    // Shown full size in a dialog; Escape closes it.
    const today = day(0);
    await (await one(await popup.row('Huabei'), aria(msg('receiptOpenOf', money(60_000), date(today)), 'button'))).click();
    const dialog = await one(popup.page, aria(msg('receiptViewerLabel', money(60_000), date(today)), 'dialog'));
    const image = await one(dialog, 'img');
    expect(
      await image.evaluate(async (img) => {
        await (img as HTMLImageElement).decode();
        return [(img as HTMLImageElement).naturalWidth, (img as HTMLImageElement).naturalHeight];
      }),
    ).toEqual([90, 150]);
    await popup.page.keyboard.press('Escape');
    await popup.page.waitForFunction(() => document.querySelector('dialog') === null, { timeout: 5_000 });
    // The row is back in the accessibility tree (Firefox dropped it when the dialog sat inside the list).
    await one(popup.page, aria('Huabei', 'listitem'));

    // The payment was a mistake: undo asks first, since it takes the receipt with it.
    await (await one(await popup.row('Huabei'), aria(msg('undoPaymentOf', money(60_000), date(today)), 'button'))).click();
    const ask = await one(popup.page, aria(msg('undoWithReceiptConfirm', money(60_000), date(today)), 'group'));
    await (await one(ask, aria(msg('undoWithReceiptYes'), 'button'))).click();
    await poll('the payment to go', () => db().payments(agreement.id), (rows) => rows.length === 0);
    expect(await db().attachments()).toEqual([]);
  });
});
