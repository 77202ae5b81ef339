import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserDays } from './support/dates';
import { launchFirefox, type FirefoxExtension } from './support/firefox';
import { aria, FirefoxPopup } from './support/firefox-pages';
import { loadMessages } from './support/messages';
import { shownDate, shownMoney } from './support/popup-pages';
import { poll } from './support/wait';

// Firefox ESR here runs in en-US: the popup shows its English messages.
const msg = loadMessages('en');
const money = (fen: number) => shownMoney(fen, 'en');
const date = (day: string) => shownDate(day, 'en');

async function one(scope: Page | ElementHandle, selector: string): Promise<ElementHandle> {
  const handle = await scope.waitForSelector(selector, { timeout: 5_000 });
  if (!handle) throw new Error(`Nothing matches ${selector}`);
  return handle;
}

/** The text input a label names inside a scope (Firefox also names the <label> itself). */
async function input(scope: ElementHandle, label: string): Promise<ElementHandle> {
  for (const handle of await scope.$$(aria(label))) {
    if (await handle.evaluate((el) => el instanceof HTMLInputElement)) return handle;
  }
  throw new Error(`No input labelled "${label}"`);
}

async function waitForStatus(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (wanted) => [...document.querySelectorAll('[role=status]')].some((el) => el.textContent === wanted),
    { timeout: 5_000 },
    text,
  );
}

/** The heading of the urgency group a row is listed under (the name of its list), without the count. */
async function groupOf(popup: FirefoxPopup, lender: string): Promise<string> {
  const row = await popup.row(lender);
  return row.evaluate((el) => {
    const id = el.closest('ul')?.getAttribute('aria-labelledby');
    return (id ? document.getElementById(id)?.textContent ?? '' : '').replace(/\s*\d+$/, '');
  });
}

describe('Firefox ESR, en-US: add, pay, undo in the popup', () => {
  let ext: FirefoxExtension;
  let popup: FirefoxPopup;
  const db = () => ext.db(popup.page);

  beforeAll(async () => {
    ext = await launchFirefox();
    popup = new FirefoxPopup(await ext.openPage('popup.html', FirefoxPopup.readySelector(msg)), msg);
  });

  afterAll(async () => {
    await (ext as FirefoxExtension | undefined)?.close();
  });

  it('adds an agreement, records a partial payment, pays the rest, then undoes it', async () => {
    const day = await browserDays(popup.page);
    const due = day(-1);
    await popup.addAgreement({ lender: 'MYbank', kind: 'kind_settlement', amount: '800', dueDate: due });
    const agreement = await db().agreementByLender('MYbank');
    if (!agreement) throw new Error('the agreement was not stored');
    expect(await groupOf(popup, 'MYbank')).toBe(msg('group_overdue'));
    const before = (await db().reminders(agreement.id)).map((r) => r.code).sort();
    expect(before).toContain('pay');

    // Partial: 300 of 800, dated today (the default).
    await (await one(await popup.row('MYbank'), aria(msg('markPaidOf', 'MYbank'), 'button'))).click();
    let form = await one(popup.page, aria(msg('markPaidOf', 'MYbank'), 'form'));
    const amount = await input(form, msg('fieldPaidAmount'));
    expect(await amount.evaluate((el) => (el as HTMLInputElement).value)).toBe('800.00');
    await amount.evaluate((el) => (el as HTMLInputElement).select());
    await amount.type('300');
    await (await one(form, aria(msg('recordPayment'), 'button'))).click();
    await waitForStatus(popup.page, msg('paymentSaved'));
    expect(await popup.rowText('MYbank')).toContain(msg('amountOfPaid', money(80_000), money(30_000)));
    expect((await db().payments(agreement.id)).map((p) => [p.amountFen, p.paidOn, p.coverage])).toEqual([[30_000, day(0), 'partial']]);

    // The rest: the amount defaults to what is left.
    await (await one(await popup.row('MYbank'), aria(msg('markPaidOf', 'MYbank'), 'button'))).click();
    form = await one(popup.page, aria(msg('markPaidOf', 'MYbank'), 'form'));
    expect(await (await input(form, msg('fieldPaidAmount'))).evaluate((el) => (el as HTMLInputElement).value)).toBe('500.00');
    await (await one(form, aria(msg('recordPayment'), 'button'))).click();
    await poll('the row under Paid', () => popup.rowText('MYbank'), (text) => text.includes(msg('statusPaid', date(day(0)))));
    expect(await groupOf(popup, 'MYbank')).toBe(msg('group_paid'));
    expect((await db().reminders(agreement.id)).map((r) => r.code)).toEqual(['check-credit-report']);

    // Undo the second payment: partly paid and overdue again, with its reminders back.
    await (await one(await popup.row('MYbank'), aria(msg('undoPaymentOf', money(50_000), date(day(0))), 'button'))).click();
    await waitForStatus(popup.page, msg('paymentUndone'));
    expect(await groupOf(popup, 'MYbank')).toBe(msg('group_overdue'));
    expect(await popup.rowText('MYbank')).toContain(msg('amountOfPaid', money(80_000), money(30_000)));
    expect((await db().payments(agreement.id)).map((p) => p.amountFen)).toEqual([30_000]);
    expect((await db().reminders(agreement.id)).map((r) => r.code).sort()).toEqual(before);
  });
});
