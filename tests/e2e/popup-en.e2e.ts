import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { badgeText, launchChromium, resetExtension, type ChromiumExtension } from './support/chromium';
import { browserDays, dayCount } from './support/dates';
import { loadMessages, type MessageKey } from './support/messages';
import { PopupScreen, shownDate, shownMoney } from './support/popup-pages';
import { poll } from './support/wait';

/**
 * The popup with the browser in English: the same tracker, every word and date in English. Labels
 * come from the en locale file like everywhere else; a few are also written out here, so a test
 * run that silently fell back to Chinese (the default locale) could not pass.
 */
const msg = loadMessages('en');
const money = (fen: number) => shownMoney(fen, 'en');
const date = (day: string) => shownDate(day, 'en');

describe('Chromium, en-US: the popup in English', () => {
  let ext: ChromiumExtension;
  let popup: PopupScreen;

  const reopenPopup = async (): Promise<PopupScreen> => {
    await ext.closePage(popup.page);
    popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
    return popup;
  };
  const badge = (expected: string) => poll(`badge "${expected}"`, () => badgeText(ext), (text) => text === expected);

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'en-US' });
    popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  beforeEach(async () => {
    await resetExtension(ext, popup.page);
    await reopenPopup();
  });

  it('speaks English: the page language, the title, the empty state', async () => {
    expect(await popup.page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await popup.page.title()).toBe(msg('extName'));
    expect(await popup.heading.textContent()).toBe('My agreements');
    expect(await popup.emptyState.isVisible()).toBe(true);
    expect(await popup.page.getByText(msg('emptyBody'), { exact: true }).isVisible()).toBe(true);
  });

  it('fills English demo data grouped by urgency, counts it on the badge, and removes it in one click', async () => {
    const day = await browserDays(popup.page);
    await popup.demoFillButton.click();
    await popup.status.filter({ hasText: msg('demoAdded') }).waitFor();
    expect(await popup.groupHeadings()).toEqual(['group_overdue', 'group_today', 'group_week', 'group_later'].map((k) => msg(k as MessageKey)));
    const demo = await ext.db.agreements();
    expect(demo.map((a) => a.lender).sort()).toEqual(['CMB credit card', 'JD Baitiao', 'Jiebei (Alipay)', 'MYbank', 'Meituan loan']);
    for (const a of demo) {
      expect(await popup.row(a.lender).getByText(msg('demoTag'), { exact: true }).isVisible(), a.lender).toBe(true);
    }
    const overdue = popup.group('group_overdue').getByRole('listitem', { name: 'Jiebei (Alipay)', exact: true });
    expect(await overdue.getByText(msg('overdueBy', dayCount(3, 'en')), { exact: true }).isVisible()).toBe(true);
    expect(await overdue.getByText(msg('dueOn', date(day(-3))), { exact: true }).isVisible()).toBe(true);
    expect(await overdue.getByText(msg('kind_extension'), { exact: true }).isVisible()).toBe(true);
    expect(await popup.summary.innerText()).toContain(msg('needsActionCount', '2'));
    expect(await badge('2')).toBe('2');
    // The longer English words still fit the 380 px popup: nothing is pushed past its right edge.
    expect(await popup.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await popup.demoRemoveButton.click();
    await popup.status.filter({ hasText: msg('demoRemoved') }).waitFor();
    expect(await ext.db.agreements()).toEqual([]);
    expect(await popup.emptyState.isVisible()).toBe(true);
    expect(await badge('')).toBe('');
  });

  it('adds an agreement, records a payment and undoes it, edits it, and deletes it after confirmation', async () => {
    const day = await browserDays(popup.page);
    const row = await popup.addAgreement({ lender: 'WeBank', kind: 'kind_settlement', amount: '1234.50', dueDate: day(3) });
    expect(await row.getByText(msg('kind_settlement'), { exact: true }).isVisible()).toBe(true);
    expect(await row.getByText(money(123_450), { exact: true }).isVisible()).toBe(true);
    expect(await row.getByText(msg('dueIn', dayCount(3, 'en')), { exact: true }).isVisible()).toBe(true);
    expect(await popup.group('group_week').getByRole('listitem', { name: 'WeBank', exact: true }).count()).toBe(1);
    expect(await popup.summary.innerText()).toContain(msg('totalOwed', money(123_450)));
    expect(await badge('')).toBe('');

    // A partial payment, then the rest: the row moves to "Paid"; the second was a mistake, undone.
    await popup.pay('WeBank', { amount: '200' });
    expect(await popup.row('WeBank').getByText(msg('amountOfPaid', money(123_450), money(20_000)), { exact: true }).isVisible()).toBe(true);
    await popup.pay('WeBank');
    const paid = popup.group('group_paid').getByRole('listitem', { name: 'WeBank', exact: true });
    await paid.waitFor();
    expect(await paid.innerText()).toContain(msg('statusPaid', date(day(0))));
    await popup.undo('WeBank', money(103_450), date(day(0)));
    await popup.group('group_week').getByRole('listitem', { name: 'WeBank', exact: true }).waitFor();
    expect((await ext.db.payments()).map((p) => p.amountFen)).toEqual([20_000]);

    // Edit: overdue now, so the badge counts it.
    await popup.edit('WeBank', { amount: '999', dueDate: day(-1) });
    const overdue = popup.group('group_overdue').getByRole('listitem', { name: 'WeBank', exact: true });
    // What is left leads; the new amount and the 200 already paid sit beside it.
    expect(await overdue.getByText(money(79_900), { exact: true }).isVisible()).toBe(true);
    expect(await overdue.getByText(msg('amountOfPaid', money(99_900), money(20_000)), { exact: true }).isVisible()).toBe(true);
    expect(await overdue.getByText(msg('overdueBy', dayCount(1, 'en')), { exact: true }).isVisible()).toBe(true);
    expect(await badge('1')).toBe('1');

    // Delete asks first, in English; "Keep" changes nothing.
    await popup.row('WeBank').getByRole('button', { name: msg('delete'), exact: true }).click();
    const confirm = popup.row('WeBank').getByRole('group', { name: 'Delete the agreement with WeBank and its reminders?' });
    await confirm.getByRole('button', { name: msg('deleteNo'), exact: true }).click();
    expect(await ext.db.agreements()).toHaveLength(1);
    await popup.deleteAgreement('WeBank');
    expect(await ext.db.agreements()).toEqual([]);
    expect(await ext.db.payments()).toEqual([]);
    expect(await popup.emptyState.isVisible()).toBe(true);
    expect(await badge('')).toBe('');
  });

  it('refuses bad input with English messages next to the fields', async () => {
    await popup.openForm();
    await popup.fill({ lender: '', amount: '12.345', dueDate: '' });
    await popup.saveButton.click();
    expect(await popup.fieldState(popup.lender)).toMatchObject({ invalid: true, description: msg('errLenderEmpty'), nextToField: true });
    expect(await popup.fieldState(popup.amount)).toMatchObject({ invalid: true, description: 'Use at most two decimals (fen).' });
    expect(await ext.db.agreements()).toEqual([]);
  });
});
