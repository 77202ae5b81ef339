import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../lib/negotiation/scenarios';
import { launchChromium, type ChromiumExtension } from './support/chromium';
import { ChromiumPopup, ChromiumSidePanel } from './support/chromium-pages';
import { browserDays } from './support/dates';
import { loadMessages, type MessageKey } from './support/messages';
import { SCREENSHOTS_DIR } from './support/paths';

const msg = loadMessages('zh_CN');
const title = (id: string) => SCENARIOS.find((s) => s.id === id)?.title.zh ?? id;
/** The words of a message before its first placeholder. */
const before$1 = (key: MessageKey) => msg(key, '\u0000').split('\u0000')[0] ?? '';

/**
 * The popup of an overdue borrower, in real Chromium: each overdue row says what to do today by how
 * late it is and what the user recorded of the lender's escalation; a step whose day has passed
 * shows as missed, never as next; "open the script" opens the side panel on the matching script.
 * Days are the browser's own (support/dates.ts): the suite holds on any day, in any zone.
 */
describe('Chromium, zh-CN: overdue coaching in the popup', () => {
  let ext: ChromiumExtension;

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'zh-CN' });
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  it('says what to do today for 2 and 10 days late, collection pressure and a lawyer’s letter, and opens the matching script', async () => {
    let popup = await new ChromiumPopup(await ext.openPage('popup.html', { width: 380, height: 1400 }), msg).ready();
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '借呗', kind: 'kind_settlement', amount: '3000', dueDate: day(-2) });
    await popup.addAgreement({ lender: '网商贷', kind: 'kind_settlement', amount: '6000', dueDate: day(-10) });
    await popup.addAgreement({ lender: '白条', kind: 'kind_settlement', amount: '5000', dueDate: day(-10) });
    await popup.addAgreement({ lender: '微粒贷', kind: 'kind_settlement', amount: '8000', dueDate: day(-10) });
    await popup.addAgreement({ lender: '美团', kind: 'kind_settlement', amount: '2000', dueDate: day(10) });

    // The user records the lender's escalation in the row's timeline; the advice follows at once.
    const mark = async (lender: string, which: MessageKey) => {
      const row = popup.row(lender);
      await row.getByRole('button', { name: msg('timelineShow'), exact: true }).click();
      const box = row.getByRole('checkbox', { name: msg(which) });
      // Checked once saved (the box shows what the agreement holds), so a click, then the saved state.
      await box.click();
      await expect.poll(() => box.isChecked()).toBe(true);
      await row.getByRole('button', { name: msg('timelineShow'), exact: true }).click();
    };
    await mark('白条', 'coachMark_collection');
    await mark('微粒贷', 'coachMark_lawyerLetter');

    // Its first step came while the user was away: the planned reminder's day is yesterday, still
    // pending. Written straight to the database, as the clock would have brought it.
    const meituan = await ext.db.agreementByLender('美团');
    if (!meituan) throw new Error('美团 not saved');
    const first = (await ext.db.reminders(meituan.id)).sort((a, b) => a.fireAt - b.fireAt)[0];
    if (!first) throw new Error('no reminder planned for 美团');
    const shift = (Date.parse(first.fireDate) - Date.parse(day(-1))) / 86_400_000;
    await ext.db.putReminder({ ...first, fireDate: day(-1), fireAt: first.fireAt - shift * 86_400_000, pending: 1, notifiedAt: null, ...('untilDate' in first ? { untilDate: day(-1) } : {}) });

    // Opened again, as the user would, and read from what was stored.
    await ext.closePage(popup.page);
    popup = await new ChromiumPopup(await ext.openPage('popup.html', { width: 380, height: 1400 }), msg).ready();
    const advice = (lender: string): Locator => popup.row(lender).locator('.overdue-advice-text');
    const scriptButton = (lender: string): Locator => popup.row(lender).getByRole('button', { name: msg('coachOpenScriptOf', lender), exact: true });

    // 2 days late: pay now, before it may reach the credit record (from the 4th day: 2 days from now).
    const payNow = await advice('借呗').textContent();
    expect(payNow?.slice(0, before$1('coachHeadline_pay_now').length)).toBe(before$1('coachHeadline_pay_now'));
    expect(payNow).not.toBe(msg('coachHeadline_contact_lender', '借呗'));
    expect(await scriptButton('借呗').count()).toBe(0);
    // 10 days late: contact the lender today, with the installments script.
    expect(await advice('网商贷').textContent()).toBe(msg('coachHeadline_contact_lender', '网商贷'));
    // Collection pressure and a lawyer's letter outrank the days.
    expect(await advice('白条').textContent()).toBe(msg('coachHeadline_collection'));
    expect(await advice('微粒贷').textContent()).toBe(msg('coachHeadline_legal'));
    expect(await scriptButton('微粒贷').count()).toBe(0);
    // None of the overdue rows shows a "next step": what is behind them is not next.
    for (const lender of ['借呗', '网商贷', '白条', '微粒贷']) {
      expect(await popup.row(lender).locator('.next-step').count()).toBe(0);
      expect(await popup.row(lender).textContent()).not.toContain(before$1('nextStep'));
    }

    // A step whose day has passed shows as missed, in the overdue colour, never as next.
    const step = popup.row('美团').locator('.next-step');
    const stepText = (await step.textContent()) ?? '';
    expect(stepText.slice(0, before$1('stepMissed').length)).toBe(before$1('stepMissed'));
    expect(stepText).not.toContain(before$1('nextStep'));
    expect(await step.getAttribute('class')).toContain('missed');
    const colours = await step.evaluate((el) => {
      const overdue = document.querySelector('.overdue-advice-text');
      return { step: getComputedStyle(el).color, overdue: overdue ? getComputedStyle(overdue).color : '' };
    });
    expect(colours.step).toBe(colours.overdue);

    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      await popup.page.emulateMedia({ colorScheme: scheme });
      await popup.page.screenshot({ path: join(SCREENSHOTS_DIR, `popup-overdue-zh_CN-${scheme}.png`), fullPage: true });
    }
    await popup.page.emulateMedia({ colorScheme: 'light' });

    // "Open the script" opens the side panel (beside, here as a tab) on that agreement and the matching script.
    const panel = await new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 400, height: 900 }), msg).ready();
    const scenario = panel.page.getByLabel(msg('scenarioLabel'), { exact: true });
    for (const [lender, script] of [
      ['网商贷', 'installments'],
      ['白条', 'abusive-collection'],
    ] as const) {
      await scriptButton(lender).click();
      await expect.poll(() => panel.picker.locator('option:checked').textContent()).toContain(lender);
      await expect.poll(() => panel.page.getByRole('tab', { name: msg('tabScript'), exact: true }).getAttribute('aria-selected')).toBe('true');
      await expect.poll(() => scenario.locator('option:checked').textContent()).toBe(title(script));
      // Spent once shown: the next ordinary opening starts on the notes.
      await expect.poll(() => panel.page.evaluate(() => chrome.storage.local.get('panelScript'))).toEqual({});
    }
    await ext.closePage(panel.page);
    await ext.closePage(popup.page);
  });
});
