import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, resetExtension, type ChromiumExtension } from './support/chromium';
import { browserDays } from './support/dates';
import { loadMessages } from './support/messages';
import { SCREENSHOTS_DIR } from './support/paths';
import { makePng } from './support/png';
import { PopupScreen, shownDate, shownMoney } from './support/popup-pages';
import { poll } from './support/wait';

const msg = loadMessages('zh_CN');
const money = (fen: number) => shownMoney(fen, 'zh_CN');
const date = (day: string) => shownDate(day, 'zh_CN');

const PNG = makePng(120, 200);
const receiptFile = { name: '转账回单.png', mimeType: 'image/png', buffer: PNG };

describe('Chromium, zh-CN: a payment’s receipt image', () => {
  let ext: ChromiumExtension;
  let popup: PopupScreen;

  const reopenPopup = async (): Promise<PopupScreen> => {
    await ext.closePage(popup.page);
    popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
    return popup;
  };
  const stored = async (lender: string) => {
    const agreement = await ext.db.agreementByLender(lender);
    if (!agreement) throw new Error(`${lender} was not stored`);
    return agreement;
  };
  /** The buttons beside one payment line, by the amount and day it shows. */
  const receiptButton = (lender: string, fen: number, day: string) =>
    popup.row(lender).getByRole('button', { name: msg('receiptOpenOf', money(fen), date(day)), exact: true });
  const deleteReceiptButton = (lender: string, fen: number, day: string) =>
    popup.row(lender).getByRole('button', { name: msg('receiptDeleteOf', money(fen), date(day)), exact: true });
  const viewer = (fen: number, day: string) => popup.page.getByRole('dialog', { name: msg('receiptViewerLabel', money(fen), date(day)) });
  const focusedName = () => popup.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? null);

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'zh-CN' });
    popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
  });

  afterAll(async () => {
    if ((ext as ChromiumExtension | undefined) === undefined) return;
    await ext.collectResourceEntries();
    const foreign = ext.network.foreign(ext.origin);
    await ext.close();
    // Images are shown from blob: URLs of the extension itself; nothing is fetched from anywhere.
    expect(foreign).toEqual([]);
  });

  beforeEach(async () => {
    await resetExtension(ext, popup.page);
    await reopenPopup();
  });

  it('records a payment with a PNG receipt, stores its exact bytes, shows it full size and deletes it after confirming', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '网商贷', kind: 'kind_settlement', amount: '1000', dueDate: day(3) });
    const agreement = await stored('网商贷');
    const form = await popup.startPayment('网商贷', { amount: '300', receipt: receiptFile });
    const input = form.getByLabel(msg('fieldReceipt'), { exact: true });
    expect(await input.getAttribute('accept')).toBe('image/*');
    expect(await popup.fieldState(input)).toMatchObject({ invalid: false, description: msg('fieldReceiptHint', '20') });
    await form.getByRole('button', { name: msg('recordPayment'), exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await popup.status.filter({ hasText: msg('paymentSaved') }).waitFor();

    const [payment, ...others] = await ext.db.payments(agreement.id);
    expect(others).toEqual([]);
    const [receipt, ...more] = await ext.db.attachments(payment!.id);
    expect(more).toEqual([]);
    expect(receipt).toMatchObject({ ownerType: 'payment', ownerId: payment!.id, kind: 'receipt', mimeType: 'image/png', byteLength: PNG.length });
    // Byte for byte what the file input was given.
    expect(receipt!.blob.type).toBe('image/png');
    expect(Buffer.from(receipt!.blob.base64, 'base64').equals(PNG)).toBe(true);

    // Beside the payment: open it, full size, in a dialog named after the payment.
    const open = receiptButton('网商贷', 30_000, day(0));
    await open.click();
    const dialog = viewer(30_000, day(0));
    await dialog.waitFor();
    const image = dialog.getByRole('img', { name: msg('receiptImageAlt', money(30_000), date(day(0))), exact: true });
    const shown = await image.evaluate(async (img: HTMLImageElement) => {
      await img.decode();
      return { src: img.src, width: img.naturalWidth, height: img.naturalHeight };
    });
    expect(shown).toMatchObject({ width: 120, height: 200 });
    expect(shown.src.startsWith(`blob:${ext.origin}/`)).toBe(true);
    // The close button has the focus; Escape closes, the focus returns to the button, the URL is revoked.
    expect(await focusedName()).toBe(msg('receiptClose'));
    await popup.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focusedName()).toBe(msg('receiptOpenOf', money(30_000), date(day(0))));
    const fetched = (url: string) =>
      popup.page.evaluate(async (u) => {
        try {
          return (await fetch(u)).ok ? 'readable' : 'failed';
        } catch {
          return 'revoked';
        }
      }, url);
    expect(await poll('the object URL to be revoked', () => fetched(shown.src), (state) => state === 'revoked')).toBe('revoked');
    // By keyboard alone: Enter opens, Enter on the focused close button closes.
    await popup.page.keyboard.press('Enter');
    await dialog.waitFor();
    await popup.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });

    // Delete: asked first; "keep" keeps it.
    await deleteReceiptButton('网商贷', 30_000, day(0)).click();
    const confirm = popup.row('网商贷').getByRole('group', { name: msg('receiptDeleteConfirm', money(30_000), date(day(0))) });
    // The keyboard is where it was: on "keep" (focused first), then back on the delete button.
    expect(await focusedName()).toBe(msg('deleteNo'));
    await popup.page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    expect(await focusedName()).toBe(msg('receiptDeleteOf', money(30_000), date(day(0))));
    expect(await ext.db.attachments(payment!.id)).toHaveLength(1);
    await deleteReceiptButton('网商贷', 30_000, day(0)).click();
    await confirm.getByRole('button', { name: msg('deleteYes'), exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await open.count()).toBe(0);
    // Gone from the line: the focus goes to the payment's undo button, not to the page's start.
    expect(await focusedName()).toBe(msg('undoPaymentOf', money(30_000), date(day(0))));
    expect(await ext.db.attachments()).toEqual([]);
    // The payment stays.
    expect(await ext.db.payments(agreement.id)).toEqual([payment]);
    await reopenPopup();
    await popup.row('网商贷').getByRole('button', { name: msg('undoPaymentOf', money(30_000), date(day(0))), exact: true }).waitFor();
    expect(await receiptButton('网商贷', 30_000, day(0)).count()).toBe(0);
  });

  it('refuses a file that is not an image or is too large, next to the field, and saves nothing until it is fixed', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '借呗', kind: 'kind_extension', amount: '500', dueDate: day(5) });
    const agreement = await stored('借呗');
    const form = await popup.startPayment('借呗', { amount: '100', receipt: { name: '协议.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n') } });
    const input = form.getByLabel(msg('fieldReceipt'), { exact: true });
    expect(await popup.fieldState(input)).toEqual({ invalid: true, description: msg('errReceiptNotImage', '协议.pdf'), nextToField: true });
    await form.getByRole('button', { name: msg('recordPayment'), exact: true }).click();
    await form.getByRole('alert').filter({ hasText: msg('formHasErrors') }).waitFor();
    expect(await ext.db.payments()).toEqual([]);

    const huge = Buffer.alloc(20 * 1024 * 1024 + 1);
    PNG.copy(huge);
    await input.setInputFiles({ name: '照片.png', mimeType: 'image/png', buffer: huge });
    expect(await popup.fieldState(input)).toEqual({ invalid: true, description: msg('errReceiptTooLarge', '20.1 MB', '20'), nextToField: true });
    await form.getByRole('button', { name: msg('recordPayment'), exact: true }).click();
    await form.getByRole('alert').filter({ hasText: msg('formHasErrors') }).waitFor();
    expect(await ext.db.payments()).toEqual([]);
    expect(await ext.db.attachments()).toEqual([]);

    expect(await form.getByText(msg('receiptChosen', '照片.png', '20.1 MB'), { exact: true }).isVisible()).toBe(true);
    // "No receipt" clears the choice; the payment is then recorded without one.
    await form.getByRole('button', { name: msg('receiptRemoveFile'), exact: true }).click();
    expect(await popup.fieldState(input)).toMatchObject({ invalid: false });
    expect(await input.evaluate((el: HTMLInputElement) => el.files?.length ?? 0)).toBe(0);
    await form.getByRole('button', { name: msg('recordPayment'), exact: true }).click();
    await popup.status.filter({ hasText: msg('paymentSaved') }).waitFor();
    expect(await ext.db.payments(agreement.id)).toHaveLength(1);
    expect(await ext.db.attachments()).toEqual([]);
    expect(await receiptButton('借呗', 10_000, day(0)).count()).toBe(0);
  });

  it('undoing a payment removes its receipt too; deleting an agreement removes its payments’ receipts', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '京东白条', kind: 'kind_settlement', amount: '800', dueDate: day(2) });
    await popup.addAgreement({ lender: '美团借钱', kind: 'kind_settlement', amount: '600', dueDate: day(9) });
    await popup.pay('京东白条', { amount: '200', receipt: receiptFile });
    await popup.pay('京东白条', { amount: '100', receipt: { ...receiptFile, buffer: makePng(10, 10) } });
    await popup.pay('美团借钱', { amount: '50', receipt: receiptFile });
    await receiptButton('京东白条', 20_000, day(0)).waitFor();
    await receiptButton('京东白条', 10_000, day(0)).waitFor();
    expect(await ext.db.attachments()).toHaveLength(3);
    const kept = (await ext.db.payments()).find((p) => p.amountFen === 10_000);

    // A payment with a receipt asks first, since the receipt goes too; keeping it changes nothing.
    const undoButton = popup.row('京东白条').getByRole('button', { name: msg('undoPaymentOf', money(20_000), date(day(0))), exact: true });
    const ask = popup.row('京东白条').getByRole('group', { name: msg('undoWithReceiptConfirm', money(20_000), date(day(0))) });
    await undoButton.click();
    await ask.getByRole('button', { name: msg('undoWithReceiptNo'), exact: true }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await undoButton.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await ext.db.payments()).toHaveLength(3);
    expect(await ext.db.attachments()).toHaveLength(3);
    await undoButton.click();
    await ask.getByRole('button', { name: msg('undoWithReceiptYes'), exact: true }).click();
    await popup.status.filter({ hasText: msg('paymentUndone') }).waitFor();
    await receiptButton('京东白条', 20_000, day(0)).waitFor({ state: 'detached' });
    const payments = await ext.db.payments();
    expect(payments.map((p) => p.amountFen).sort()).toEqual([10_000, 5_000]);
    const left = await ext.db.attachments();
    expect(left).toHaveLength(2);
    expect(left.every((a) => payments.some((p) => p.id === a.ownerId))).toBe(true);
    expect(left.find((a) => a.ownerId === kept!.id)).toBeDefined();

    await popup.deleteAgreement('京东白条');
    expect(await poll('the receipts of 京东白条 to go', () => ext.db.attachments(), (rows) => rows.length === 1)).toHaveLength(1);
    expect((await ext.db.attachments())[0]!.ownerId).toBe((await ext.db.payments())[0]!.id);
  });

  it('screenshot: a row with a receipt, and the receipt open', async () => {
    const day = await browserDays(popup.page);
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await popup.addAgreement({ lender: '网商贷', kind: 'kind_settlement', amount: '1000', dueDate: day(3) });
    await popup.pay('网商贷', { amount: '300', receipt: receiptFile });
    await popup.pay('网商贷', { amount: '200' });
    await receiptButton('网商贷', 30_000, day(0)).waitFor();
    await popup.row('网商贷').screenshot({ path: join(SCREENSHOTS_DIR, 'popup-receipt-row.png') });
    // The row: partly paid, two payments, a receipt beside the first only.
    const row = popup.row('网商贷');
    expect(await row.getByText(msg('amountOfPaid', money(100_000), money(50_000)), { exact: true }).isVisible()).toBe(true);
    for (const fen of [30_000, 20_000]) {
      expect(await row.getByRole('button', { name: msg('undoPaymentOf', money(fen), date(day(0))), exact: true }).isVisible(), `payment ${fen}`).toBe(true);
    }
    expect(await receiptButton('网商贷', 30_000, day(0)).isVisible()).toBe(true);
    expect(await deleteReceiptButton('网商贷', 30_000, day(0)).isVisible()).toBe(true);
    expect(await receiptButton('网商贷', 20_000, day(0)).count()).toBe(0);

    await deleteReceiptButton('网商贷', 30_000, day(0)).click();
    const confirm = row.getByRole('group', { name: msg('receiptDeleteConfirm', money(30_000), date(day(0))) });
    await confirm.waitFor();
    await row.screenshot({ path: join(SCREENSHOTS_DIR, 'popup-receipt-confirm.png') });
    // The question, with both answers.
    expect(await confirm.getByRole('button', { name: msg('deleteYes'), exact: true }).isVisible()).toBe(true);
    expect(await confirm.getByRole('button', { name: msg('deleteNo'), exact: true }).isVisible()).toBe(true);
    await confirm.getByRole('button', { name: msg('deleteNo'), exact: true }).click();
    await confirm.waitFor({ state: 'detached' });

    await receiptButton('网商贷', 30_000, day(0)).click();
    const dialog = viewer(30_000, day(0));
    await dialog.waitFor();
    const image = dialog.getByRole('img', { name: msg('receiptImageAlt', money(30_000), date(day(0))), exact: true });
    // The receipt, decoded at its own size, before the picture is taken.
    expect(await image.evaluate(async (img: HTMLImageElement) => {
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    })).toEqual([120, 200]);
    await popup.page.screenshot({ path: join(SCREENSHOTS_DIR, 'popup-receipt-viewer.png') });
    expect(await image.isVisible()).toBe(true);
    expect(await dialog.getByRole('button', { name: msg('receiptClose'), exact: true }).isVisible()).toBe(true);
    await popup.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    const form = await popup.startPayment('网商贷', { amount: '100', receipt: { name: '协议.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF') } });
    const input = form.getByLabel(msg('fieldReceipt'), { exact: true });
    await form.screenshot({ path: join(SCREENSHOTS_DIR, 'popup-receipt-refused.png') });
    // A file that is not an image, refused next to the field.
    expect(await popup.fieldState(input)).toEqual({ invalid: true, description: msg('errReceiptNotImage', '协议.pdf'), nextToField: true });
    await input.setInputFiles(receiptFile);
    await form.screenshot({ path: join(SCREENSHOTS_DIR, 'popup-receipt-form.png') });
    // An image: accepted, its name shown.
    expect(await popup.fieldState(input)).toMatchObject({ invalid: false });
    expect(await form.getByText(msg.pattern('receiptChosen')).innerText()).toContain(receiptFile.name);

    // The full view lists the same rows, wider.
    const manage = await ext.openPage('manage.html', { width: 1200, height: 800 });
    const wide = manage.getByRole('listitem', { name: '网商贷', exact: true });
    await wide.getByRole('button', { name: msg('receiptOpenOf', money(30_000), date(day(0))), exact: true }).waitFor();
    await wide.screenshot({ path: join(SCREENSHOTS_DIR, 'manage-receipt-row.png') });
    expect(await wide.getByText(msg('amountOfPaid', money(100_000), money(50_000)), { exact: true }).isVisible()).toBe(true);
    expect(await wide.getByRole('button', { name: msg('receiptOpenOf', money(20_000), date(day(0))), exact: true }).count()).toBe(0);
    await ext.closePage(manage);
  });
});
