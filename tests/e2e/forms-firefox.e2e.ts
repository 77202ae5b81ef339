import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../lib/negotiation/scenarios';
import { browserDays } from './support/dates';
import { launchFirefox, type FirefoxExtension } from './support/firefox';
import { aria, FirefoxPopup, FirefoxSidePanel, typeDate } from './support/firefox-pages';
import { inLine, loadMessages } from './support/messages';
import { ROOT } from './support/paths';
import { shownDate } from './support/popup-pages';
import { poll } from './support/wait';

// Firefox ESR here runs in en-US: the pages show their English messages.
const msg = loadMessages('en');
const installments = SCENARIOS.find((s) => s.id === 'installments');

async function one(scope: Page | ElementHandle, selector: string): Promise<ElementHandle> {
  const handle = await scope.waitForSelector(selector, { timeout: 5_000 });
  if (!handle) throw new Error(`Nothing matches ${selector}`);
  return handle;
}

/** Waits until some element of the page has exactly this text (a message, an error, a question). */
async function shows(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    (sel, wanted) => [...document.querySelectorAll(sel)].some((el) => el.textContent === wanted),
    { timeout: 5_000 },
    selector,
    text,
  );
}

const focusedIs = (handle: ElementHandle) => handle.evaluate((el) => el === document.activeElement);

describe('Firefox ESR, en-US: forms that catch slips', () => {
  let ext: FirefoxExtension;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'forms-'));
    ext = await launchFirefox();
  });

  afterAll(async () => {
    await (ext as FirefoxExtension | undefined)?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has the kind picked, asks about a past due date, goes back to the date, and closes with Escape', async () => {
    const popup = new FirefoxPopup(await ext.openPage('popup.html', FirefoxPopup.readySelector(msg)), msg);
    const page = popup.page;
    const db = () => ext.db(page);
    const day = await browserDays(page);

    await (await one(page, aria(msg('addAgreement'), 'button'))).click();
    await (await popup.field('fieldLender')).type('Jiebei');
    await page.keyboard.press('Tab');
    await (await popup.field('fieldAmount')).type('500');
    const due = await popup.field('fieldDueDate');
    await typeDate(page, due, day(-2));
    await (await one(page, aria(msg('save'), 'button'))).click();
    await shows(page, '.field .error', msg('errKindUnknown'));
    expect(await db().agreements()).toEqual([]);

    await popup.pickKind('kind_extension');
    await (await one(page, aria(msg('save'), 'button'))).click();
    await shows(page, '.due-ask [role=alert]', msg('dueAskPast', shownDate(day(-2), 'en')));
    expect(await db().agreements()).toEqual([]);
    await (await one(page, aria(msg('dueAskChange'), 'button'))).click();
    await page.waitForFunction(() => document.querySelector('.due-ask') === null, { timeout: 5_000 });
    expect(await focusedIs(due)).toBe(true);

    await (await one(page, aria(msg('save'), 'button'))).click();
    await (await one(page, aria(msg('dueAskPastYes'), 'button'))).click();
    await shows(page, '[role=status]', msg('saved'));
    expect(await db().agreementByLender('Jiebei')).toMatchObject({ kind: 'extension', amountFen: 50_000, dueDate: day(-2) });

    // Escape closes a form that is open, and nothing is saved.
    await (await one(page, aria(msg('addAgreement'), 'button'))).click();
    await (await popup.field('fieldLender')).type('Huabei');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelector('form') === null, { timeout: 5_000 });
    expect((await db().agreements()).map((a) => a.lender)).toEqual(['Jiebei']);
    await ext.closePage(page);
  });

  it('refuses a HEIC receipt with how to send a JPEG or PNG, and stores nothing', async () => {
    const popup = new FirefoxPopup(await ext.openPage('popup.html', FirefoxPopup.readySelector(msg)), msg);
    const page = popup.page;
    const db = () => ext.db(page);
    const day = await browserDays(page);
    await popup.addAgreement({ lender: 'Jintiao', kind: 'kind_settlement', amount: '800', dueDate: day(4) });

    await (await one(await popup.row('Jintiao'), aria(msg('markPaidOf', 'Jintiao'), 'button'))).click();
    const form = await one(page, aria(msg('markPaidOf', 'Jintiao'), 'form'));
    const file = join(dir, 'IMG_0412.HEIC');
    copyFileSync(join(ROOT, 'tests', 'fixtures', 'receipt.heic'), file);
    const picker = await form.$('input[type=file]');
    if (!picker) throw new Error('no file input in the payment form');
    await picker.uploadFile(file);
    await shows(page, '.field .error', msg('errReceiptHeic', 'IMG_0412.HEIC'));
    await (await one(form, aria(msg('recordPayment'), 'button'))).click();
    await shows(page, '[role=alert]', msg('formHasErrors'));
    expect(await db().payments()).toEqual([]);
    expect(await db().attachments()).toEqual([]);

    // Escape closes the payment form.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelector('form') === null, { timeout: 5_000 });
    expect(await db().payments()).toEqual([]);
    await ext.closePage(page);
  });

  it('fits the plan preview in the 380 px popup with every column visible', async () => {
    const popup = new FirefoxPopup(await ext.openPage('popup.html', FirefoxPopup.readySelector(msg)), msg);
    const page = popup.page;
    const day = await browserDays(page);
    await (await one(page, aria(msg('addAgreement'), 'button'))).click();
    await (await popup.field('fieldLender')).type('CMB credit card');
    await page.keyboard.press('Tab');
    await popup.pickKind('kind_installment');
    await (await popup.field('fieldAmount')).type('1234567.89');
    await typeDate(page, await popup.field('fieldDueDate'), day(20));
    await (await popup.field('planMethod')).select('annuity');
    await (await popup.field('planPeriods')).type('36');
    await (await popup.field('planRate')).type('18.25');
    await page.waitForSelector('.schedule-scroll table', { timeout: 5_000 });
    const headers = await page.$$eval('.schedule-scroll th', (els) => els.map((el) => el.textContent));
    const inYuan = (key: 'previewAmount' | 'previewPrincipal' | 'previewInterest') => msg('previewInYuan', msg(key));
    expect(headers).toEqual([msg('previewPeriod'), msg('previewDate'), inYuan('previewAmount'), inYuan('previewPrincipal'), inYuan('previewInterest')]);
    const sizes = await page.evaluate(() => {
      const box = document.querySelector<HTMLElement>('.schedule-scroll');
      const right = box?.getBoundingClientRect().right ?? Infinity;
      return { scroll: box?.scrollWidth ?? Infinity, client: box?.clientWidth ?? 0, right, width: document.documentElement.clientWidth };
    });
    expect(sizes.scroll).toBeLessThanOrEqual(sizes.client);
    // The popup opened as a 380 px tab has Firefox's classic page scrollbar beside it: the table
    // must still end left of it (the page itself is 380 px wide, as the popup is).
    expect(sizes.right).toBeLessThanOrEqual(sizes.width);
    await ext.closePage(page);
  });

  it('offers undo after a note is deleted, and the script tab says what Copy did under its line', async () => {
    const panel = new FirefoxSidePanel(await ext.openPage('sidepanel.html', FirefoxSidePanel.readySelector(msg), { width: 400, height: 900 }), msg);
    const page = panel.page;
    const db = () => ext.db(page);
    await panel.addNote('Agent 8812 on the line');
    await panel.addNote('They offer 12 periods');
    const [session] = await poll('the general session', () => db().sessions(null), (list) => list.length > 0);
    if (!session) throw new Error('no session');
    const before = await poll('both notes', () => db().sessionNotes(session.id), (list) => list.length === 2);

    const [firstDelete] = await page.$$(aria(msg('noteDelete'), 'button'));
    if (!firstDelete) throw new Error('no delete button');
    await firstDelete.click();
    await shows(page, '[role=status]', msg('noteDeleted'));
    expect(await panel.noteTexts()).toEqual(['They offer 12 periods']);
    const undo = await one(page, aria(msg('noteDeleteUndoOf', 'Agent 8812 on the line'), 'button'));
    await poll('the keyboard on Undo', () => focusedIs(undo), (yes) => yes);
    await undo.click();
    await page.waitForFunction((text) => [...document.querySelectorAll('.note-stream .note-text')].some((el) => el.textContent === text), { timeout: 5_000 }, 'Agent 8812 on the line');
    expect(await panel.noteTexts()).toEqual(['Agent 8812 on the line', 'They offer 12 periods']);
    const after = await poll('the note back', () => db().sessionNotes(session.id), (list) => list.length === 2);
    const content = (rows: typeof before) => rows.map(({ id, at, text, tags }) => ({ id, at, text, tags }));
    expect(content(after)).toEqual(content(before));

    if (!installments) throw new Error('no installments scenario');
    await (await one(page, aria(msg('tabScript'), 'tab'))).click();
    const scenario = await panel.field('scenarioLabel');
    await scenario.select('installments');
    await page.waitForSelector('.script-step .line', { timeout: 5_000 });
    // The second line needs the monthly amount, not typed yet: Copy says so under that line.
    const copy = await page.$$('.script-step:nth-child(2) .line-actions button');
    await copy[0]!.click();
    const status = await page.waitForSelector('.script-step:nth-child(2) [role=status]', { timeout: 5_000 });
    expect(await status!.evaluate((el) => el.textContent)).toContain(inLine(msg('slot_monthly')));
    expect(await page.$$eval('.script [role=status]', (els) => els.length)).toBe(1);
    // Another scenario: the message goes with the old lines.
    const other = SCENARIOS.find((s) => s.id !== 'installments');
    await scenario.select(other!.id);
    await page.waitForFunction(() => document.querySelectorAll('.script [role=status]').length === 0, { timeout: 5_000 });
    await ext.closePage(page);
  });
});
