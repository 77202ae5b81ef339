import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { badgeText, launchChromium, resetExtension, type ChromiumExtension } from './support/chromium';
import { browserDays, dayCount } from './support/dates';
import { loadMessages, type MessageKey } from './support/messages';
import { SCREENSHOTS_DIR } from './support/paths';
import { PopupScreen, shownDate, shownDayMonth, shownMoney } from './support/popup-pages';
import { poll } from './support/wait';

const msg = loadMessages('zh_CN');
const money = (fen: number) => shownMoney(fen, 'zh_CN');
const date = (day: string) => shownDate(day, 'zh_CN');
/** The timeline leaves out the year when it is this year's (today's, in the browser). */
const dayMonth = (day: string, today: string) => (day.slice(0, 4) === today.slice(0, 4) ? shownDayMonth(day, 'zh_CN') : date(day));

describe('Chromium, zh-CN: the popup as a tracker', () => {
  let ext: ChromiumExtension;
  let popup: PopupScreen;

  const reopenPopup = async (): Promise<PopupScreen> => {
    await ext.closePage(popup.page);
    popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
    return popup;
  };
  const badge = (expected: string) => poll(`badge "${expected}"`, () => badgeText(ext), (text) => text === expected);
  const stored = async (lender: string) => {
    const agreement = await ext.db.agreementByLender(lender);
    if (!agreement) throw new Error(`${lender} was not stored`);
    return agreement;
  };

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'zh-CN' });
    popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  beforeEach(async () => {
    await resetExtension(ext, popup.page);
    await reopenPopup();
  });

  it('adds each kind of agreement; the first screen groups them by urgency with their dates', async () => {
    const day = await browserDays(popup.page);
    const kinds: { kind: MessageKey; lender: string; offset: number; group: string }[] = [
      { kind: 'kind_extension', lender: '借呗', offset: -4, group: 'group_overdue' },
      { kind: 'kind_deferral', lender: '网商贷', offset: 0, group: 'group_today' },
      { kind: 'kind_installment', lender: '京东白条', offset: 2, group: 'group_week' },
      { kind: 'kind_waiver', lender: '微粒贷', offset: 7, group: 'group_week' },
      { kind: 'kind_settlement', lender: '美团借钱', offset: 8, group: 'group_later' },
      { kind: 'kind_resume', lender: '度小满', offset: 15, group: 'group_later' },
      { kind: 'kind_second_negotiation', lender: '花呗', offset: 20, group: 'group_later' },
      { kind: 'kind_restructuring', lender: '招商银行信用卡', offset: 40, group: 'group_later' },
      { kind: 'kind_hardship', lender: '京东金条', offset: 60, group: 'group_later' },
    ];
    // The installment plan in two interest-free periods, a month apart.
    const periods = (k: { kind: MessageKey }) => (k.kind === 'kind_installment' ? 2 : 1);
    for (const [i, k] of kinds.entries()) {
      await popup.addAgreement({
        lender: k.lender,
        kind: k.kind,
        amount: String(100 * (i + 1)),
        dueDate: day(k.offset),
        ...(periods(k) > 1 ? { periods: String(periods(k)) } : {}),
      });
    }
    await reopenPopup();
    expect(await popup.groupHeadings()).toEqual(['group_overdue', 'group_today', 'group_week', 'group_later'].map((k) => msg(k as MessageKey)));
    for (const k of kinds) {
      const row = popup.group(k.group as 'group_overdue').getByRole('listitem', { name: k.lender, exact: true });
      expect(await row.count(), `${k.lender} under ${msg(k.group as MessageKey)}`).toBe(1);
      expect(await row.getByText(msg('dueOn', date(day(k.offset))), { exact: true }).isVisible(), `${k.lender}: ${await row.innerText()}`).toBe(true);
      expect(await row.getByText(msg(k.kind), { exact: true }).isVisible()).toBe(true);
      const storedKind = (await stored(k.lender)).kind;
      expect(storedKind.replace('-', '_')).toBe(k.kind.replace('kind_', ''));
    }
    expect(await popup.group('group_overdue').getByText(msg('overdueBy', dayCount(4, 'zh-CN')), { exact: true }).isVisible()).toBe(true);
    expect(await popup.group('group_today').getByText(msg('dueToday'), { exact: true }).isVisible()).toBe(true);

    // Total: everything; this month: what falls due by the month's end, overdue included.
    const total = kinds.reduce((sum, _k, i) => sum + 10_000 * (i + 1), 0);
    const thisMonth = kinds.reduce((sum, k, i) => {
      // Only the first of the plan's periods can fall in this month (the second is a month later).
      const due = day(k.offset).slice(0, 7) <= day(0).slice(0, 7);
      return due ? sum + (10_000 * (i + 1)) / periods(k) : sum;
    }, 0);
    const summary = await popup.summary.innerText();
    expect(summary).toContain(msg('totalOwed', money(total)));
    expect(summary).toContain(msg('monthBurden', money(thisMonth)));
    expect(summary).toContain(msg('needsActionCount', '2'));
    // The toolbar badge: overdue plus due today.
    expect(await badge('2')).toBe('2');
  });

  it('edits an agreement in the same form, prefilled; reminders follow the new date', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '网商贷', kind: 'kind_extension', amount: '1234.56', dueDate: day(10) });
    const before = await stored('网商贷');
    await popup.row('网商贷').getByRole('button', { name: msg('editAgreementOf', '网商贷'), exact: true }).click();
    const form = popup.editForm;
    expect(await form.getByLabel(msg('fieldLender'), { exact: true }).inputValue()).toBe('网商贷');
    expect(await form.getByLabel(msg('fieldAmount'), { exact: true }).inputValue()).toBe('1234.56');
    expect(await form.getByLabel(msg('fieldDueDate'), { exact: true }).inputValue()).toBe(day(10));
    // Bad input is refused next to the field, and nothing changes.
    await form.getByLabel(msg('fieldAmount'), { exact: true }).fill('12.345');
    await form.getByRole('button', { name: msg('save'), exact: true }).click();
    expect(await popup.fieldState(form.getByLabel(msg('fieldAmount'), { exact: true }))).toEqual({
      invalid: true,
      description: msg('errAmountTooManyDecimals'),
      nextToField: true,
    });
    expect(await stored('网商贷')).toEqual(before);
    await form.getByRole('button', { name: msg('cancel'), exact: true }).click();

    await popup.edit('网商贷', { amount: '2000', dueDate: day(-1) });
    const after = await stored('网商贷');
    expect(after).toMatchObject({ id: before.id, amountFen: 200_000, dueDate: day(-1), createdAt: before.createdAt });
    expect((await ext.db.agreements()).length).toBe(1);
    const row = popup.group('group_overdue').getByRole('listitem', { name: '网商贷', exact: true });
    expect(await row.getByText(money(200_000), { exact: true }).isVisible()).toBe(true);
    const reminders = await ext.db.reminders(before.id);
    expect(reminders.find((r) => r.code === 'pay')?.dueDate).toBe(day(-1));
    expect(reminders.every((r) => r.dueDate === day(-1))).toBe(true);
    expect(await badge('1')).toBe('1');
  });

  it('records a partial then a full payment, moves it to paid, and undoes a mistaken one', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '美团借钱', kind: 'kind_settlement', amount: '1000', dueDate: day(-2) });
    const agreement = await stored('美团借钱');
    expect(await badge('1')).toBe('1');
    const remindersBefore = (await ext.db.reminders(agreement.id)).map((r) => r.code).sort();
    expect(remindersBefore).toContain('credit-report-risk');

    // Defaults: what is left, today.
    const form = await popup.startPayment('美团借钱');
    expect(await form.getByLabel(msg('fieldPaidAmount'), { exact: true }).inputValue()).toBe('1000.00');
    expect(await form.getByLabel(msg('fieldPaidOn'), { exact: true }).inputValue()).toBe(day(0));
    await form.getByRole('button', { name: msg('cancel'), exact: true }).click();

    await popup.pay('美团借钱', { amount: '300', paidOn: day(-2) });
    let row = popup.row('美团借钱');
    expect(await row.getByText(msg('amountOfPaid', money(100_000), money(30_000)), { exact: true }).isVisible()).toBe(true);
    expect((await ext.db.payments(agreement.id)).map((p) => [p.amountFen, p.paidOn, p.coverage])).toEqual([[30_000, day(-2), 'partial']]);
    expect((await ext.db.reminders(agreement.id)).map((r) => r.code).sort()).toEqual(remindersBefore);
    expect(await popup.summary.innerText()).toContain(msg('totalOwed', money(70_000)));

    await popup.pay('美团借钱');
    row = popup.group('group_paid').getByRole('listitem', { name: '美团借钱', exact: true });
    await row.waitFor();
    expect(await row.innerText()).toContain(msg('statusPaid', date(day(0))));
    expect(await row.getByRole('button', { name: msg('markPaidOf', '美团借钱') }).count()).toBe(0);
    expect((await ext.db.payments(agreement.id)).map((p) => p.amountFen).sort()).toEqual([30_000, 70_000]);
    // A settlement paid in full keeps only the credit-report check that follows it.
    expect((await ext.db.reminders(agreement.id)).map((r) => r.code)).toEqual(['check-credit-report']);
    expect(await badge('')).toBe('');
    expect(await popup.summary.innerText()).toContain(msg('totalOwed', money(0)));

    // The second payment was a mistake: undo it.
    await popup.undo('美团借钱', money(70_000), date(day(0)));
    row = popup.group('group_overdue').getByRole('listitem', { name: '美团借钱', exact: true });
    await row.waitFor();
    expect(await row.getByText(msg('amountOfPaid', money(100_000), money(30_000)), { exact: true }).isVisible()).toBe(true);
    expect((await ext.db.payments(agreement.id)).map((p) => p.amountFen)).toEqual([30_000]);
    expect((await ext.db.reminders(agreement.id)).map((r) => r.code).sort()).toEqual(remindersBefore);
    expect(await badge('1')).toBe('1');
  });

  it('refuses bad payments with a message next to the field and asks before recording more than is left', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '借呗', kind: 'kind_extension', amount: '500', dueDate: day(3) });
    const agreement = await stored('借呗');
    const form = await popup.startPayment('借呗', { amount: '0', paidOn: day(1) });
    await form.getByRole('button', { name: msg('recordPayment'), exact: true }).click();
    expect(await form.getByRole('alert').first().textContent()).toBe(msg('formHasErrors'));
    expect(await popup.fieldState(form.getByLabel(msg('fieldPaidAmount'), { exact: true }))).toEqual({
      invalid: true,
      description: msg('errPaidZero'),
      nextToField: true,
    });
    expect(await popup.fieldState(form.getByLabel(msg('fieldPaidOn'), { exact: true }))).toEqual({
      invalid: true,
      description: msg('errPaidInFuture'),
      nextToField: true,
    });

    // 5000 instead of 500: asked first; changing the amount records nothing.
    await form.getByLabel(msg('fieldPaidAmount'), { exact: true }).fill('5000');
    await form.getByLabel(msg('fieldPaidOn'), { exact: true }).fill(day(0));
    await form.getByRole('button', { name: msg('recordPayment'), exact: true }).click();
    const confirm = form.getByRole('group', { name: msg('paymentOverConfirm', money(500_000), money(50_000)) });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: msg('paymentOverNo'), exact: true }).click();
    expect(await ext.db.payments(agreement.id)).toEqual([]);
    await form.getByRole('button', { name: msg('recordPayment'), exact: true }).click();
    await confirm.getByRole('button', { name: msg('paymentOverYes'), exact: true }).click();
    await popup.status.filter({ hasText: msg('paymentSaved') }).waitFor();
    expect((await ext.db.payments(agreement.id)).map((p) => [p.amountFen, p.coverage])).toEqual([[500_000, 'full']]);
    expect(await popup.group('group_paid').getByRole('listitem', { name: '借呗', exact: true }).count()).toBe(1);
  });

  it('empty state fills a tagged demo set, and one click removes exactly it', async () => {
    const day = await browserDays(popup.page);
    expect(await popup.emptyState.isVisible()).toBe(true);
    await popup.demoFillButton.click();
    await popup.status.filter({ hasText: msg('demoAdded') }).waitFor();
    const demo = await ext.db.agreements();
    expect(demo.length).toBeGreaterThanOrEqual(4);
    expect(demo.every((a) => (a as { demo?: boolean }).demo === true)).toBe(true);
    for (const a of demo) {
      expect(await popup.row(a.lender).getByText(msg('demoTag'), { exact: true }).isVisible(), a.lender).toBe(true);
    }
    expect(await popup.groupHeadings()).toEqual(['group_overdue', 'group_today', 'group_week', 'group_later'].map((k) => msg(k as MessageKey)));
    expect(await badge('2')).toBe('2');

    await popup.addAgreement({ lender: '我的真实协议', kind: 'kind_extension', amount: '99', dueDate: day(30) });
    expect(await popup.row('我的真实协议').getByText(msg('demoTag'), { exact: true }).count()).toBe(0);
    await popup.demoRemoveButton.click();
    await popup.status.filter({ hasText: msg('demoRemoved') }).waitFor();
    expect((await ext.db.agreements()).map((a) => a.lender)).toEqual(['我的真实协议']);
    expect((await ext.db.reminders()).some((r) => demo.some((d) => d.id === r.agreementId))).toBe(false);
    expect(await popup.demoRemoveButton.count()).toBe(0);
    expect(await badge('')).toBe('');
  });

  it('works with the keyboard only: add, see the timeline, record a payment, undo it', async () => {
    const day = await browserDays(popup.page);
    const page = popup.page;
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      return el ? (el.getAttribute('aria-label') ?? (el as HTMLElement).innerText).trim() : '';
    });
    /** Presses Tab until the element with this accessible text has focus. */
    const tabTo = async (name: string) => {
      for (let i = 0; i < 40; i++) {
        if ((await focused()) === name) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached "${name}" (at "${await focused()}")`);
    };

    const due = day(10);
    await tabTo(msg('addAgreement'));
    await page.keyboard.press('Enter');
    // The form opens with the first field focused.
    await popup.form.waitFor();
    expect(await popup.lender.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('微粒贷');
    await page.keyboard.press('Tab');
    // The kind: the second option from the keyboard.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('321.5');
    await page.keyboard.press('Tab');
    // zh-CN shows the date as year / month / day; the right arrow moves between its parts.
    const [y, m, d] = due.split('-') as [string, string, string];
    await page.keyboard.type(y);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type(m);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type(d);
    expect(await popup.dueDate.inputValue()).toBe(due);
    await page.keyboard.press('Enter');
    await popup.status.filter({ hasText: msg('saved') }).waitFor();
    expect(await stored('微粒贷')).toMatchObject({ kind: 'deferral', amountFen: 32_150, dueDate: due });

    // The timeline: a button that says whether it is expanded, and past and future steps with dates.
    const toggle = popup.row('微粒贷').getByRole('button', { name: msg('timelineShow'), exact: true });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await tabTo(msg('timelineShow'));
    await page.keyboard.press('Enter');
    const timeline = popup.row('微粒贷').getByRole('list', { name: msg('timelineOf', '微粒贷') });
    await timeline.waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const steps = await timeline.getByRole('listitem').allInnerTexts();
    const stepFor = (key: MessageKey) => steps.find((text) => text.split('\n').includes(msg(key)));
    // A month before: passed without being done, so missed. The due day and the week before: ahead.
    expect(stepFor('step_decide_and_plan')).toContain(msg('timelineMissed'));
    expect(stepFor('step_pay')).toContain(dayMonth(due, day(0)));
    expect(stepFor('step_pay')).toContain(msg('timelineAhead'));
    expect(stepFor('step_pay')).toContain(msg('why_pay'));
    expect(stepFor('step_contact_lender_if_short')).toContain(dayMonth(day(3), day(0)));
    // A deferral's end: apply for a second negotiation before it.
    expect(stepFor('step_apply_second_negotiation_by')).toBeDefined();

    // Mark paid: the defaults are what is left and today; Enter records it.
    await tabTo(msg('markPaidOf', '微粒贷'));
    await page.keyboard.press('Enter');
    await popup.paymentForm('微粒贷').waitFor();
    expect(await popup.paymentForm('微粒贷').getByLabel(msg('fieldPaidAmount'), { exact: true }).evaluate((el) => el === document.activeElement)).toBe(
      true,
    );
    await page.keyboard.press('Enter');
    await popup.status.filter({ hasText: msg('paymentSaved') }).waitFor();
    expect((await ext.db.payments()).map((p) => p.amountFen)).toEqual([32_150]);
    // The row moved to the paid group; focus went with it, and its timeline stayed open.
    await poll('focus on the moved row', focused, (name) => name === '微粒贷');
    expect(await popup.group('group_paid').getByRole('listitem', { name: '微粒贷', exact: true }).count()).toBe(1);
    const payStep = (await timeline.getByRole('listitem').allInnerTexts()).find((text) => text.split('\n').includes(msg('step_pay')));
    expect(payStep).toContain(msg('timelinePaid'));

    // Undo sits with the payment's receipt actions, which load with the first payment listed.
    await popup.row('微粒贷').getByRole('button', { name: msg('undoPaymentOf', money(32_150), date(day(0))), exact: true }).waitFor();
    await tabTo(msg('undoPaymentOf', money(32_150), date(day(0))));
    await page.keyboard.press('Enter');
    await popup.status.filter({ hasText: msg('paymentUndone') }).waitFor();
    expect(await ext.db.payments()).toEqual([]);
  });

  it('deletes an agreement with its payments after confirmation', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '度小满', kind: 'kind_extension', amount: '100', dueDate: day(5) });
    const agreement = await stored('度小满');
    await popup.pay('度小满', { amount: '10' });
    expect(await ext.db.payments(agreement.id)).toHaveLength(1);
    await popup.deleteAgreement('度小满');
    expect(await ext.db.agreements()).toEqual([]);
    expect(await ext.db.payments()).toEqual([]);
    expect(await ext.db.reminders()).toEqual([]);
    expect(await popup.emptyState.isVisible()).toBe(true);
  });

  it('screenshot: demo data with a partial payment and one timeline open', async () => {
    const day = await browserDays(popup.page);
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await popup.demoFillButton.click();
    await popup.status.filter({ hasText: msg('demoAdded') }).waitFor();
    await popup.pay('借呗', { amount: '500' });
    const toggle = popup.row('美团借钱').getByRole('button', { name: msg('timelineShow'), exact: true });
    await toggle.click();
    const timeline = popup.row('美团借钱').getByRole('list', { name: msg('timelineOf', '美团借钱') });
    await timeline.waitFor();
    await popup.page.setViewportSize({ width: 380, height: 420 });
    await popup.page.screenshot({ path: join(SCREENSHOTS_DIR, 'popup-timeline.png'), fullPage: true });

    // What the picture shows: the demo set in its urgency groups and the total still owed…
    expect(await popup.groupHeadings()).toEqual(['group_overdue', 'group_today', 'group_week', 'group_later'].map((k) => msg(k as MessageKey)));
    const agreements = await ext.db.agreements();
    const jiebei = await stored('借呗');
    const owed = agreements.reduce((sum, a) => sum + a.amountFen, 0) - 50_000;
    expect(await popup.summary.innerText()).toContain(msg('totalOwed', money(owed)));
    // …借呗 overdue and partly paid…
    const partial = popup.group('group_overdue').getByRole('listitem', { name: '借呗', exact: true });
    expect(await partial.getByText(msg('amountOfPaid', money(jiebei.amountFen), money(50_000)), { exact: true }).isVisible()).toBe(true);
    // …and the open timeline of 美团借钱, its payment day ahead.
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const meituan = await stored('美团借钱');
    const steps = await timeline.getByRole('listitem').allInnerTexts();
    const payStep = steps.find((text) => text.split('\n').includes(msg('step_pay')));
    expect(payStep).toContain(dayMonth(meituan.dueDate as string, day(0)));
    expect(payStep).toContain(msg('timelineAhead'));
    expect(steps.length).toBeGreaterThan(1);
  });
});
