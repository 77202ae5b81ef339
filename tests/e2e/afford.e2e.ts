import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askByLender } from '../../lib/domain/affordability';
import { SCENARIOS } from '../../lib/negotiation/scenarios';
import { launchChromium, type ChromiumExtension } from './support/chromium';
import { ChromiumPopup, ChromiumSidePanel } from './support/chromium-pages';
import { contrastProblems } from './support/contrast';
import { browserDays } from './support/dates';
import { ManageScreen } from './support/manage-pages';
import { loadMessages, type LocaleDir } from './support/messages';
import { SCREENSHOTS_DIR } from './support/paths';
import { shownMoney } from './support/popup-pages';

const WIDE = { width: 1280, height: 1000 };
const installments = SCENARIOS.find((s) => s.id === 'installments');

/** Three lenders: one 10 days overdue, one due in 20 days, one in 45 (amounts in yuan). */
const DEBTS = [
  { lender: '白条', amountFen: 1_200_000, offset: 45 },
  { lender: '借呗', amountFen: 300_000, offset: -10 },
  { lender: '网商贷', amountFen: 600_000, offset: 20 },
] as const;

async function seed(ext: ChromiumExtension, msg: ReturnType<typeof loadMessages>): Promise<(offset: number) => string> {
  const popup = await new ChromiumPopup(await ext.openPage('popup.html'), msg).ready();
  const day = await browserDays(popup.page);
  for (const debt of DEBTS) {
    await popup.addAgreement({ lender: debt.lender, kind: 'kind_settlement', amount: String(debt.amountFen / 100), dueDate: day(debt.offset) });
  }
  await ext.closePage(popup.page);
  return day;
}

function section(page: Page, msg: ReturnType<typeof loadMessages>) {
  const region = page.getByRole('region', { name: msg('affordHeading'), exact: true });
  return {
    region,
    input: region.getByLabel(msg('affordLabel'), { exact: true }),
    show: region.getByRole('button', { name: msg('affordShow'), exact: true }),
    alert: region.getByRole('alert'),
    burden: region.locator('.afford-burden'),
    asks: region.getByRole('list').getByRole('listitem'),
  };
}

async function shoot(page: Page, name: string, locale: LocaleDir): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const region = page.getByRole('region', { name: loadMessages(locale)('affordHeading'), exact: true });
    await region.scrollIntoViewIfNeeded();
    expect(await contrastProblems(page)).toEqual([]);
    await region.screenshot({ path: join(SCREENSHOTS_DIR, `${name}-${locale}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('Chromium, zh-CN: what can I pay each month', () => {
  const msg = loadMessages('zh_CN');
  const money = (fen: number) => shownMoney(fen, 'zh_CN');
  let ext: ChromiumExtension;

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'zh-CN' });
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  it('refuses what is not an amount, says when the amount covers everything, and asks each lender for a plan, overdue first; remembered on reload', async () => {
    if (!installments) throw new Error('no installments scenario');
    const day = await seed(ext, msg);
    const manage = await new ManageScreen(await ext.openPage('manage.html', WIDE), msg).ready();
    const afford = section(manage.page, msg);
    await afford.region.waitFor();
    // Nothing remembered yet: no burden, no asks.
    expect(await afford.input.inputValue()).toBe('');
    expect(await afford.burden.count()).toBe(0);

    for (const [typed, key] of [
      ['', 'affordErrEmpty'],
      ['一千二', 'affordErrNumber'],
      ['0', 'affordErrZero'],
      ['-5', 'affordErrNegative'],
      ['12.345', 'affordErrDecimals'],
    ] as const) {
      await afford.input.fill(typed);
      await afford.show.click();
      await expect.poll(() => afford.alert.textContent()).toBe(msg(key));
      expect(await afford.input.getAttribute('aria-invalid')).toBe('true');
      expect(await afford.asks.count()).toBe(0);
    }

    // More than everything left to pay: nothing to split.
    await afford.input.fill('30000');
    await afford.show.click();
    await afford.burden.getByText(msg('affordMoreThanOwed', money(3_000_000), money(2_100_000)), { exact: true }).waitFor();
    expect(await afford.alert.count()).toBe(0);
    expect(await afford.asks.count()).toBe(0);

    await afford.input.fill('1,200');
    await afford.show.click();
    const month = day(0).slice(0, 7);
    const dueThisMonth = DEBTS.filter((d) => day(d.offset).slice(0, 7) <= month).reduce((sum, d) => sum + d.amountFen, 0);
    await afford.burden.getByText(msg('affordAgainst', money(dueThisMonth), money(120_000)), { exact: true }).waitFor();
    await afford.burden.getByText(msg('affordShort', money(dueThisMonth - 120_000)), { exact: true }).waitFor();

    // The same rule the screen uses, for the figures; the order is checked on its own: overdue first, then by date.
    const expected = askByLender(
      DEBTS.map((d) => ({ key: d.lender, agreements: [{ id: d.lender, currentDueDate: day(d.offset), owedFen: d.amountFen }] })),
      120_000,
      day(0),
    );
    if (!expected.ok) throw new Error('no plan');
    expect(await afford.asks.locator('.afford-lender').allTextContents()).toEqual(['借呗', '网商贷', '白条']);
    const first = afford.asks.first();
    expect(await first.locator('.afford-when').textContent()).toBe(msg('overdueBy', '10天'));
    for (const [index, ask] of expected.value.entries()) {
      if (!ask.ask) throw new Error(`no ask for ${ask.key}`);
      expect(await afford.asks.nth(index).locator('.afford-proposal').textContent()).toBe(msg('affordAsk', String(ask.ask.periods), money(ask.ask.monthlyFen)));
    }
    const total = expected.value.reduce((sum, a) => sum + (a.ask?.monthlyFen ?? 0), 0);
    expect(total).toBeLessThanOrEqual(120_000);

    // Use in the chat: the panel (open beside) switches to that agreement's installments script, with the figures.
    const firstAsk = expected.value[0]?.ask;
    if (!firstAsk) throw new Error('no first ask');
    const panel = await new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 400, height: 900 }), msg).ready();
    await first.getByRole('button', { name: msg('affordUseInChat'), exact: true }).click();
    await manage.status.filter({ hasText: msg('affordUsed', '借呗', String(firstAsk.periods), money(firstAsk.monthlyFen)) }).waitFor();
    await expect.poll(() => panel.picker.locator('option:checked').textContent()).toContain('借呗');
    await expect.poll(() => panel.page.getByRole('tab', { name: msg('tabScript') }).getAttribute('aria-selected')).toBe('true');
    await expect
      .poll(() => panel.page.locator('.script-step .line').nth(1).textContent())
      .toBe(`我现在每月能稳定还${money(firstAsk.monthlyFen)}。剩余欠款能否分${String(firstAsk.periods)}期，每期${money(firstAsk.monthlyFen)}？`);
    await panel.page.screenshot({ path: join(SCREENSHOTS_DIR, 'afford-sidepanel-zh_CN.png'), fullPage: true });
    await ext.closePage(panel.page);

    await shoot(manage.page, 'afford', 'zh_CN');

    // Remembered: the full view opened again shows the amount and the plan.
    await ext.closePage(manage.page);
    const again = await new ManageScreen(await ext.openPage('manage.html', WIDE), msg).ready();
    const reopened = section(again.page, msg);
    await expect.poll(() => reopened.input.inputValue()).toBe('1200.00');
    await expect.poll(() => reopened.asks.count()).toBe(3);
    await ext.closePage(again.page);
  });
});

describe('Chromium, en: what can I pay each month', () => {
  const msg = loadMessages('en');
  const money = (fen: number) => shownMoney(fen, 'en');
  let ext: ChromiumExtension;

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'en-US' });
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  it('explains a bad amount in English and shows the asks', async () => {
    await seed(ext, msg);
    const manage = await new ManageScreen(await ext.openPage('manage.html', WIDE), msg).ready();
    const afford = section(manage.page, msg);
    await afford.input.fill('abc');
    await afford.show.click();
    await expect.poll(() => afford.alert.textContent()).toBe(msg('affordErrNumber'));
    await afford.input.fill('1200');
    await afford.show.click();
    await expect.poll(() => afford.asks.count()).toBe(3);
    expect(await afford.asks.first().locator('.afford-when').textContent()).toBe(msg('overdueBy', '10 days'));
    expect(await afford.burden.textContent()).toContain(money(120_000));
    await shoot(manage.page, 'afford', 'en');
  });
});
