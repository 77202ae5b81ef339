import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { addYears, format } from 'date-fns';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, resetExtension, type ChromiumExtension } from './support/chromium';
import { ChromiumSidePanel } from './support/chromium-pages';
import { contrastProblems } from './support/contrast';
import { browserDays } from './support/dates';
import { loadMessages, type LocaleDir, type MessageKey } from './support/messages';
import { ManageScreen } from './support/manage-pages';
import { SCREENSHOTS_DIR } from './support/paths';
import { PopupScreen, shownDate, shownDayMonth, shownMoney } from './support/popup-pages';
import { poll } from './support/wait';

const WIDE = { width: 1280, height: 900 };

/** The day `years` after a 'yyyy-MM-dd' day (29 February becomes the 28th, as the engine does). */
function yearsAfter(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return format(addYears(new Date(y, m - 1, d, 12), years), 'yyyy-MM-dd');
}

/** The accessible name of the focused element (its label, else its text). */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el ? (el.getAttribute('aria-label') ?? (el as HTMLElement).innerText).trim() : '';
  });
}

/** Presses Tab (or Shift+Tab) until the focused element's name passes `match`. */
async function tabTo(page: Page, match: (name: string) => boolean, what: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (match(await focusedName(page))) return;
    await page.keyboard.press(key);
  }
  throw new Error(`Tab never reached ${what} (at "${await focusedName(page)}")`);
}

/** Opens the full view from a click in another page; it arrives as a new tab. */
async function opensFullView(ext: ChromiumExtension, click: () => Promise<void>, msg: ReturnType<typeof loadMessages>): Promise<ManageScreen> {
  const [page] = await Promise.all([ext.context.waitForEvent('page'), click()]);
  await page.setViewportSize(WIDE);
  return new ManageScreen(page, msg).ready();
}

describe('Chromium, zh-CN: the full view and the lender view', () => {
  const msg = loadMessages('zh_CN');
  const date = (day: string) => shownDate(day, 'zh_CN');
  const money = (fen: number) => shownMoney(fen, 'zh_CN');
  let ext: ChromiumExtension;
  let popup: PopupScreen;

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'zh-CN' });
    popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  beforeEach(async () => {
    for (const page of ext.context.pages()) if (page !== popup.page) await page.close();
    await resetExtension(ext, popup.page);
    await ext.closePage(popup.page);
    popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
  });

  it("opens from the popup's button with the agreements grouped by urgency, and from a row's lender name at that lender", async () => {
    const day = await browserDays(popup.page);
    await popup.demoFillButton.click();
    await popup.status.filter({ hasText: msg('demoAdded') }).waitFor();
    const popupGroups = await popup.groupHeadings();

    const manage = await opensFullView(ext, () => popup.page.getByRole('button', { name: msg('openFullView'), exact: true }).click(), msg);
    expect(manage.page.url()).toBe(`${ext.origin}/manage.html`);
    expect(await manage.groupHeadings()).toEqual(popupGroups);
    expect(await manage.groupHeadings()).toEqual(['group_overdue', 'group_today', 'group_week', 'group_later'].map((k) => msg(k as MessageKey)));
    expect(await manage.group('group_overdue').getByRole('listitem', { name: '借呗', exact: true }).count()).toBe(1);
    expect(await manage.group('group_today').getByRole('listitem', { name: '网商贷', exact: true }).count()).toBe(1);
    // Every lender can be picked; none is open until asked for.
    expect(await manage.lenderPicker.getByRole('button').count()).toBe(5);
    expect(await manage.page.getByText(msg('lenderNone'), { exact: true }).isVisible()).toBe(true);
    expect(await manage.settingsLink.getAttribute('href')).toBe(`${ext.origin}/options.html`);

    // The lender's name in a popup row: the full view opens at that lender, its heading focused.
    const atLender = await opensFullView(ext, () => popup.row('网商贷').getByRole('button', { name: msg('lenderViewOf', '网商贷'), exact: true }).click(), msg);
    expect(atLender.page.url()).toBe(`${ext.origin}/manage.html#lender=${encodeURIComponent('网商贷')}`);
    await atLender.lenderHeading('网商贷').waitFor();
    await poll('focus on the lender heading', () => focusedName(atLender.page), (name) => name === '网商贷');
    expect(await atLender.lenderButton('网商贷').getAttribute('aria-pressed')).toBe('true');
    expect(await atLender.lenderAgreement('网商贷', 'kind_installment', day(0)).innerText()).toContain(msg('status_agreed'));
  });

  it("shows a lender's agreements with status, written confirmation, every date and when the credit record expires", async () => {
    const day = await browserDays(popup.page);
    let manage = await new ManageScreen(await ext.openPage('manage.html', WIDE), msg).ready();
    // Nothing stored: the empty state, once the list has been read (ready() does not wait for it).
    await manage.emptyState.waitFor();
    // One lender spelled three ways (as people type it), and another lender.
    await manage.addAgreement({ lender: 'WeBank', kind: 'kind_settlement', amount: '1000', dueDate: day(-20) });
    // Paid in full 10 days late: a record may have been reported, deleted 5 years after that day.
    await manage.pay('WeBank', { paidOn: day(-10) });
    await manage.addAgreement({ lender: 'ｗｅｂａｎｋ', kind: 'kind_deferral', amount: '500', dueDate: day(10) });
    await manage.addAgreement({ lender: 'WEBANK', kind: 'kind_extension', amount: '300', dueDate: day(-2) });
    await manage.addAgreement({ lender: '花呗', kind: 'kind_waiver', amount: '200', dueDate: day(30) });
    await ext.closePage(manage.page);

    // In the side panel: the deferral's written confirmation arrives; the extension's is only asked for.
    const panel = await new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 400, height: 900 }), msg).ready();
    const deferralId = await panel.pick('ｗｅｂａｎｋ');
    await panel.addNote('客服同意延期到下个月');
    await panel.button('confirmReceive').click();
    await poll('the confirmation stamp', () => ext.db.sessions(deferralId), (list) => list[0]?.confirmationReceivedAt !== null);
    const extensionId = await panel.pick('WEBANK');
    await panel.addNote('客服说可以延期到下周');
    await panel.button('confirmAsk').click();
    await poll('the session of the extension', () => ext.db.sessions(extensionId), (list) => list[0]?.confirmationAskedAt !== null);
    await ext.closePage(panel.page);

    // A link names the lender in any spelling; the view is named as most recently edited.
    manage = new ManageScreen(await ext.openPage('manage.html#lender=webank', WIDE), msg);
    await manage.ready();
    const view = manage.lenderView('WEBANK');
    await manage.lenderHeading('WEBANK').waitFor();
    await poll('focus on the lender heading', () => focusedName(manage.page), (name) => name === 'WEBANK');
    expect(await manage.lenderPicker.getByRole('button').count()).toBe(2);
    expect(await manage.lenderButton('WEBANK').getAttribute('aria-pressed')).toBe('true');
    expect(await manage.lenderButton('花呗').getAttribute('aria-pressed')).toBe('false');

    const totals = await view.getByLabel(msg('lenderTotals', 'WEBANK'), { exact: true }).innerText();
    expect(totals).toContain(`${msg('lenderOwed')}\n${money(80_000)}`);
    expect(totals).toContain(`${msg('lenderPaid')}\n${money(100_000)}`);
    expect(totals).toContain(`${msg('lenderAgreed')}\n${money(180_000)}`);

    const settled = await manage.lenderAgreement('WEBANK', 'kind_settlement', day(-20)).innerText();
    expect(settled).toContain(msg('status_settled'));
    expect(settled).toContain(msg('statusPaid', date(day(-10))));
    expect(settled).toContain(msg('lenderConfirmNotRecorded'));
    const confirmed = await manage.lenderAgreement('WEBANK', 'kind_deferral', day(10)).innerText();
    expect(confirmed).toContain(msg('status_confirmed'));
    expect(confirmed).toContain(msg('lenderConfirmReceived', date(day(0))));
    expect(confirmed).not.toContain('⚠');
    const broken = await manage.lenderAgreement('WEBANK', 'kind_extension', day(-2)).innerText();
    expect(broken).toContain(msg('status_broken'));
    expect(broken).toContain(`⚠ ${msg('lenderConfirmAwaiting')}`);

    const expires = yearsAfter(day(-10), 5);
    expect(await view.getByText(msg('lenderRecordExpires', date(expires)), { exact: true }).isVisible()).toBe(true);
    expect(await view.getByText(`⚠ ${msg('lenderRecordOverdue')}`, { exact: true }).isVisible()).toBe(true);

    // One timeline for the lender: past and future steps of all three, each naming its agreement.
    const steps = await manage.lenderTimeline('WEBANK').getByRole('listitem').allInnerTexts();
    const lines = (text: string) => text.split('\n');
    const owner = (kind: MessageKey, due: string) => msg('lenderStepOf', msg(kind), date(due));
    const dayMonth = (shown: string) => (shown.slice(0, 4) === day(0).slice(0, 4) ? shownDayMonth(shown, 'zh_CN') : date(shown));
    const expiryStep = steps.find((s) => lines(s).includes(msg('step_adverse_record_expires')));
    expect(expiryStep).toContain(date(expires));
    expect(expiryStep).toContain(msg('timelineAhead'));
    expect(expiryStep).toContain(owner('kind_settlement', day(-20)));
    const pays = steps.filter((s) => lines(s).includes(msg('step_pay')));
    expect(pays).toHaveLength(3);
    expect(pays[0]).toContain(owner('kind_settlement', day(-20)));
    expect(pays[0]).toContain(msg('timelinePaid'));
    expect(pays[1]).toContain(owner('kind_extension', day(-2)));
    expect(pays[1]).toContain(msg('timelineMissed'));
    expect(pays[2]).toContain(owner('kind_deferral', day(10)));
    expect(pays[2]).toContain(dayMonth(day(10)));
    expect(pays[2]).toContain(msg('timelineAhead'));

    // Another lender, by its button; the address follows, so Back returns to the first.
    await manage.lenderButton('花呗').click();
    await manage.lenderHeading('花呗').waitFor();
    expect(manage.page.url()).toBe(`${ext.origin}/manage.html#lender=${encodeURIComponent('花呗')}`);
    expect(await manage.lenderAgreement('花呗', 'kind_waiver', day(30)).innerText()).toContain(msg('status_agreed'));
    expect(await manage.lenderView('花呗').getByText(msg('lenderRecordNone'), { exact: true }).isVisible()).toBe(true);
    await manage.page.goBack();
    await manage.lenderHeading('WEBANK').waitFor();

    // An agreement's link highlights its row and opens its lender; an unknown lender says so.
    const waiver = await ext.db.agreementByLender('花呗');
    const byAgreement = new ManageScreen(await ext.openPage(`manage.html#agreement=${waiver?.id ?? 'missing'}`, WIDE), msg);
    await byAgreement.ready();
    await byAgreement.lenderHeading('花呗').waitFor();
    expect(await byAgreement.row('花呗').getAttribute('class')).toContain('highlighted');
    const unknown = new ManageScreen(await ext.openPage(`manage.html#lender=${encodeURIComponent('不存在的平台')}`, WIDE), msg);
    await unknown.ready();
    expect(await unknown.page.getByRole('alert').textContent()).toBe(msg('lenderNotFound', '不存在的平台'));
  });

  it('works with the keyboard only: demo data, pick a lender, open one from a row, add an agreement, go to settings', async () => {
    const manage = await new ManageScreen(await ext.openPage('manage.html', WIDE), msg).ready();
    const page = manage.page;
    const day = await browserDays(manage.page);
    await tabTo(page, (n) => n === msg('demoFill'), 'the demo button');
    await page.keyboard.press('Enter');
    await manage.status.filter({ hasText: msg('demoAdded') }).waitFor();

    // A lender from the picker: pressed, shown, focus stays on the picker.
    await tabTo(page, (n) => n.startsWith('美团借钱，'), 'the 美团借钱 lender button');
    await page.keyboard.press('Enter');
    await manage.lenderHeading('美团借钱').waitFor();
    expect(await manage.lenderButton('美团借钱').getAttribute('aria-pressed')).toBe('true');
    expect((await focusedName(page)).startsWith('美团借钱，')).toBe(true);

    // A lender from a row's name: focus lands on the lender's heading.
    await tabTo(page, (n) => n === msg('lenderViewOf', '借呗'), "借呗's name in its row", 'Shift+Tab');
    await page.keyboard.press('Enter');
    await manage.lenderHeading('借呗').waitFor();
    await poll('focus on the lender heading', () => focusedName(page), (name) => name === '借呗');

    // Add: the form opens with the first field focused; Enter saves; the new row takes focus.
    await tabTo(page, (n) => n === msg('addAgreement'), 'the add button', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await manage.form.waitFor();
    expect(await manage.lender.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('度小满');
    await page.keyboard.press('Tab');
    // The kind has no default: Space picks the first one, where Tab entered the choice.
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.type('88');
    await page.keyboard.press('Tab');
    const due = day(12);
    const [y, m, d] = due.split('-') as [string, string, string];
    await page.keyboard.type(y);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type(m);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type(d);
    await page.keyboard.press('Enter');
    await manage.status.filter({ hasText: msg('saved') }).waitFor();
    await poll('focus on the new row', () => focusedName(page), (name) => name === '度小满');
    expect(await ext.db.agreementByLender('度小满')).toMatchObject({ kind: 'extension', amountFen: 8_800, dueDate: due });
    await manage.lenderButton('度小满').waitFor();

    // The settings and data page, by its link.
    await tabTo(page, (n) => n === msg('manageSettingsLink'), 'the settings link', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: msg('optionsTitle') }).waitFor();
    expect(page.url()).toBe(`${ext.origin}/options.html`);
    // And back to the full view from the options page.
    await page.getByRole('link', { name: msg('openFullViewLong'), exact: true }).click();
    await manage.ready();
  });

  it('is readable in dark mode and light mode on every page: text contrast at least WCAG AA', async () => {
    await popup.demoFillButton.click();
    await popup.status.filter({ hasText: msg('demoAdded') }).waitFor();
    await popup.pay('借呗', { amount: '500' });
    const pages: [string, { width: number; height: number }][] = [
      ['popup.html', { width: 380, height: 640 }],
      ['sidepanel.html', { width: 400, height: 900 }],
      ['options.html', WIDE],
      [`manage.html#lender=${encodeURIComponent('借呗')}`, WIDE],
    ];
    for (const scheme of ['dark', 'light'] as const) {
      for (const [path, viewport] of pages) {
        const page = await ext.openPage(path, viewport);
        await page.emulateMedia({ colorScheme: scheme });
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
        const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
        // The page follows the scheme (a dark page background in dark mode)…
        expect(background, `${path} in ${scheme} mode`).toBe(scheme === 'dark' ? 'rgb(18, 24, 22)' : 'rgb(246, 248, 247)');
        // …and every text on it is readable.
        expect(await contrastProblems(page), `${path} in ${scheme} mode`).toEqual([]);
        if (scheme === 'dark' && path.startsWith('manage.html')) {
          mkdirSync(SCREENSHOTS_DIR, { recursive: true });
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: join(SCREENSHOTS_DIR, 'manage-dark.png') });
        }
        await ext.closePage(page);
      }
    }
  });
});

const LANGUAGES: { lang: string; locale: LocaleDir; suffix: string; lender: string; paying: string }[] = [
  { lang: 'zh-CN', locale: 'zh_CN', suffix: '', lender: '美团借钱', paying: '借呗' },
  { lang: 'en-US', locale: 'en', suffix: '-en', lender: 'Meituan loan', paying: 'Jiebei (Alipay)' },
];

describe.each(LANGUAGES)('Chromium, $lang: screenshots of the full view and a lender', ({ lang, locale, suffix, lender, paying }) => {
  const msg = loadMessages(locale);
  let ext: ChromiumExtension;

  beforeAll(async () => {
    ext = await launchChromium({ lang });
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  it('shows the demo agreements in the full view, in the language of the browser', async () => {
    const popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
    await popup.demoFillButton.click();
    const day = await browserDays(popup.page);
    await popup.status.filter({ hasText: msg('demoAdded') }).waitFor();
    await popup.pay(paying, { amount: '500' });
    const manage = await opensFullView(ext, () => popup.page.getByRole('button', { name: msg('openFullView'), exact: true }).click(), msg);
    expect(await manage.page.title()).toBe(msg('manageTitle'));
    // An earlier debt with the same lender, paid 10 days late: the lender's record has an end date.
    await manage.openForm();
    await manage.fill({ lender, kind: 'kind_extension', amount: '300', dueDate: day(-20) });
    await manage.saveButton.click();
    await manage.confirmDueDate(day(-20));
    await manage.status.filter({ hasText: msg('saved') }).waitFor();
    const late = manage.group('group_overdue').getByRole('listitem', { name: lender, exact: true });
    await late.getByRole('button', { name: msg('markPaidOf', lender), exact: true }).click();
    const payment = late.getByRole('form', { name: msg('markPaidOf', lender) });
    await payment.getByLabel(msg('fieldPaidOn'), { exact: true }).fill(day(-10));
    await payment.getByRole('button', { name: msg('recordPayment'), exact: true }).click();
    await manage.status.filter({ hasText: msg('paymentSaved') }).waitFor();
    await manage.lenderButton(lender).click();
    await manage.lenderHeading(lender).waitFor();
    expect(await manage.lenderAgreement(lender, 'kind_settlement', day(5)).innerText()).toContain(msg('status_agreed'));
    expect(await manage.lenderAgreement(lender, 'kind_extension', day(-20)).innerText()).toContain(msg('status_settled'));
    const expires = shownDate(yearsAfter(day(-10), 5), locale);
    expect(await manage.lenderView(lender).getByText(msg('lenderRecordExpires', expires), { exact: true }).isVisible()).toBe(true);
    await manage.row(paying).getByRole('button', { name: msg('timelineShow'), exact: true }).click();
    await manage.row(paying).getByRole('list', { name: msg('timelineOf', paying) }).waitFor();
    // No text of the page overflows its box (long English words, narrow columns), wide or narrow.
    const overflowing = () =>
      manage.page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('main *')]
          .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible' && el.clientWidth > 0)
          .map((el) => `${el.tagName}.${el.className}: ${el.innerText.slice(0, 30)}`),
      );
    expect(await overflowing()).toEqual([]);
    await manage.page.setViewportSize({ width: 560, height: 900 });
    expect(await overflowing()).toEqual([]);
    expect(await manage.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await manage.page.setViewportSize(WIDE);

    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await manage.page.screenshot({ path: join(SCREENSHOTS_DIR, `manage${suffix}.png`) });
    await manage.lenderView(lender).screenshot({ path: join(SCREENSHOTS_DIR, `manage-lender${suffix}.png`) });
  });
});
