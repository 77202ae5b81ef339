import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumExtension } from './support/chromium';
import { browserDays } from './support/dates';
import { loadMessages } from './support/messages';
import { SCREENSHOTS_DIR } from './support/paths';
import { PopupScreen, shownDate, shownMoney } from './support/popup-pages';

const msg = loadMessages('zh_CN');
const money = (fen: number) => shownMoney(fen, 'zh_CN');

/** The same day of month, `months` later (the plan's day is the first due date's: 1–28 here, so never clamped). */
function monthsLater(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  return `${String(Math.floor(index / 12))}-${String((index % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

describe('Chromium, zh-CN: an installment plan from the form to its periods', () => {
  let ext: ChromiumExtension;
  let popup: PopupScreen;
  /** The plan's first due date: at least 5 days ahead, on a day that exists in every month, so the periods keep it. */
  let first = '';

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    ext = await launchChromium({ lang: 'zh-CN' });
    popup = await new PopupScreen(await ext.openPage('popup.html', { width: 380, height: 900 }), msg).ready();
    const day = await browserDays(popup.page);
    const offset = [...Array(40).keys()].find((i) => Number(day(5 + i).slice(8)) <= 28) ?? 0;
    first = day(5 + offset);
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  it('previews the schedule, refuses periods that do not add up, and saves the plan the user checked', async () => {
    await popup.openForm();
    await popup.fill({ lender: '网商贷', kind: 'kind_installment', amount: '1500', dueDate: first });
    const plan = popup.form.getByRole('group', { name: msg('planLegend') });
    await plan.getByLabel(msg('planMethod'), { exact: true }).selectOption({ label: msg('method_custom') });
    const amounts = plan.getByLabel(msg('planAmounts'), { exact: true });
    await amounts.fill('600\n500\n300');

    // The preview says what is wrong while typing; saving refuses and stores nothing.
    const under = msg('planErrSumUnder', money(10_000));
    await plan.getByRole('status').filter({ hasText: under }).waitFor();
    await popup.saveButton.click();
    await popup.formAlert.filter({ hasText: msg('formHasErrors') }).waitFor();
    expect(await popup.fieldState(amounts)).toEqual({ invalid: true, description: under, nextToField: true });
    expect(await ext.db.agreements()).toEqual([]);

    // Fixed: each period with its date and amount, before saving.
    await amounts.fill('600，500，400');
    const preview = plan.getByRole('region', { name: msg('previewTitle') });
    await preview.waitFor();
    const rows = await preview.getByRole('row').allInnerTexts();
    expect(rows.slice(1).map((r) => r.split('\t').map((c) => c.trim()))).toEqual([
      // The preview writes days as yyyy-MM-dd and amounts under a "（¥）" heading, so that every column fits the popup.
      ['1', first, '600.00'],
      ['2', monthsLater(first, 1), '500.00'],
      ['3', monthsLater(first, 2), '400.00'],
    ]);
    await popup.page.screenshot({ path: join(SCREENSHOTS_DIR, 'plan-form.png'), fullPage: true });

    await popup.saveButton.click();
    await popup.status.filter({ hasText: msg('saved') }).waitFor();
    const stored = await ext.db.agreementByLender('网商贷');
    expect(stored?.plan?.dues).toEqual([
      { date: first, amountFen: 60_000 },
      { date: monthsLater(first, 1), amountFen: 50_000 },
      { date: monthsLater(first, 2), amountFen: 40_000 },
    ]);
    const reminders = await ext.db.reminders(stored?.id);
    expect(reminders.filter((r) => r.code === 'pay').map((r) => r.dueDate)).toEqual([first, monthsLater(first, 1), monthsLater(first, 2)]);

    // The row: the first period, and what is left in all.
    const text = await popup.row('网商贷').innerText();
    expect(text).toContain(money(60_000));
    expect(text).toContain(msg('periodOf', '1', '3'));
    expect(text).toContain(msg('planLeft', money(150_000)));
  });

  it('a payment clears the first period; the row moves to the second, and the timeline lists every payment day', async () => {
    await popup.pay('网商贷', { amount: '600', paidOn: (await browserDays(popup.page))(0) });
    const row = popup.row('网商贷');
    await row.getByText(msg('periodOf', '2', '3')).waitFor();
    const text = await row.innerText();
    expect(text).toContain(msg('dueOn', shownDate(monthsLater(first, 1), 'zh_CN')));
    expect(text).toContain(msg('planLeft', money(90_000)));
    const stored = await ext.db.agreementByLender('网商贷');
    expect(stored?.dueDate).toBe(monthsLater(first, 1));

    await row.getByRole('button', { name: msg('timelineShow'), exact: true }).click();
    const timeline = row.getByRole('list', { name: msg('timelineOf', '网商贷') });
    await timeline.waitFor();
    const steps = await timeline.getByRole('listitem').allInnerTexts();
    const payDays = steps.filter((s) => s.split('\n').map((line) => line.trim()).includes(msg('step_pay')));
    expect(payDays).toHaveLength(3);
    expect(payDays[0]).toContain(msg('timelinePaid'));
    expect(payDays[1]).not.toContain(msg('timelinePaid'));
    await popup.page.screenshot({ path: join(SCREENSHOTS_DIR, 'plan-row.png'), fullPage: true });
  });

  it('an annuity plan shows interest in the preview', async () => {
    await popup.openForm();
    await popup.fill({ lender: '借呗', kind: 'kind_installment', amount: '12000', dueDate: first });
    const plan = popup.form.getByRole('group', { name: msg('planLegend') });
    await plan.getByLabel(msg('planMethod'), { exact: true }).selectOption({ label: msg('method_annuity') });
    await plan.getByLabel(msg('planPeriods'), { exact: true }).fill('12');
    await plan.getByLabel(msg('planRate'), { exact: true }).fill('18');
    const preview = plan.getByRole('region', { name: msg('previewTitle') });
    await preview.waitFor();
    expect(await preview.getByRole('row').count()).toBe(13);
    expect(await preview.getByRole('columnheader', { name: msg('previewInterest') }).isVisible()).toBe(true);
    await popup.page.getByRole('button', { name: msg('cancel'), exact: true }).click();
  });
});
