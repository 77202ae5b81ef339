import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AGREEMENT_KINDS } from '../../lib/domain/agreement';
import { SCENARIOS } from '../../lib/negotiation/scenarios';
import { launchChromium, resetExtension, type ChromiumExtension } from './support/chromium';
import { ChromiumSidePanel } from './support/chromium-pages';
import { contrastProblems } from './support/contrast';
import { browserDays } from './support/dates';
import { inLine, loadMessages, type LocaleDir, type MessageKey, type Messages } from './support/messages';
import { ROOT, SCREENSHOTS_DIR } from './support/paths';
import { makePng } from './support/png';
import { PopupScreen, shownDate } from './support/popup-pages';

/** A real HEIC photo (libheif's heif-enc, 64×64): what an iPhone sends by default. */
const HEIC = readFileSync(join(ROOT, 'tests', 'fixtures', 'receipt.heic'));
const kindKey = (kind: string) => `kind_${kind.replaceAll('-', '_')}` as MessageKey;
const installments = SCENARIOS.find((s) => s.id === 'installments');
const shot = (page: Page, name: string) => {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  return page.screenshot({ path: join(SCREENSHOTS_DIR, name), fullPage: true });
};

/** Every column of the plan preview inside its box: nothing to scroll sideways in the 380 px popup. */
async function previewFits(popup: PopupScreen, msg: Messages, label: string) {
  await popup.openForm();
  await popup.fill({ lender: '招商银行信用卡', kind: 'kind_installment', amount: '1234567.89' });
  const day = await browserDays(popup.page);
  await popup.fill({ dueDate: day(20) });
  const plan = popup.form.getByRole('group', { name: msg('planLegend') });
  await plan.getByLabel(msg('planMethod'), { exact: true }).selectOption({ label: msg('method_annuity') });
  await plan.getByLabel(msg('planPeriods'), { exact: true }).fill('36');
  await plan.getByLabel(msg('planRate'), { exact: true }).fill('18.25');
  const preview = plan.getByRole('region', { name: msg('previewTitle') });
  await preview.waitFor();
  const headers = await preview.getByRole('columnheader').allInnerTexts();
  expect(headers).toEqual([
    msg('previewPeriod'),
    msg('previewDate'),
    msg('previewInYuan', msg('previewAmount')),
    msg('previewInYuan', msg('previewPrincipal')),
    msg('previewInYuan', msg('previewInterest')),
  ]);
  const sizes = await popup.page.evaluate(() => {
    const box = document.querySelector<HTMLElement>('.schedule-scroll');
    return {
      box: box ? { scroll: box.scrollWidth, client: box.clientWidth } : null,
      page: { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth },
    };
  });
  expect(sizes.box, label).not.toBeNull();
  expect(sizes.box!.scroll, `${label}: the table's width`).toBeLessThanOrEqual(sizes.box!.client);
  expect(sizes.page.scroll, `${label}: the page's width`).toBeLessThanOrEqual(sizes.page.client);
  await preview.scrollIntoViewIfNeeded();
}

describe('Chromium, zh-CN: forms that catch slips', () => {
  const msg = loadMessages('zh_CN');
  let ext: ChromiumExtension;
  let popup: PopupScreen;

  const reopenPopup = async () => {
    await ext.closePage(popup.page);
    popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
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

  it('has the user pick the kind, each choice saying what it means', async () => {
    const day = await browserDays(popup.page);
    await popup.openForm();
    const radios = popup.kind.getByRole('radio');
    expect(await radios.count()).toBe(AGREEMENT_KINDS.length);
    for (const kind of AGREEMENT_KINDS) {
      const radio = popup.kindChoice(kindKey(kind), popup.form);
      expect(await radio.isChecked(), kind).toBe(false);
      const meaning = await radio.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? null);
      expect(meaning, kind).toBe(msg(`kindMeaning_${kind.replaceAll('-', '_')}` as MessageKey));
    }
    await popup.fill({ lender: '借呗', amount: '500', dueDate: day(5) });
    await popup.saveButton.click();
    expect(await popup.fieldState(popup.kind)).toEqual({ invalid: true, description: msg('errKindUnknown'), nextToField: true });
    expect(await ext.db.agreements()).toEqual([]);

    // From the keyboard: arrows move through the kinds.
    await popup.kindChoice('kind_extension').focus();
    await popup.page.keyboard.press('ArrowDown');
    expect(await popup.kindChoice('kind_deferral').isChecked()).toBe(true);
    await popup.saveButton.click();
    await popup.status.filter({ hasText: msg('saved') }).waitFor();
    expect(await ext.db.agreementByLender('借呗')).toMatchObject({ kind: 'deferral', amountFen: 50_000, dueDate: day(5) });
  });

  it('asks before saving a due date in the past or more than ten years ahead; “change the date” goes back to it', async () => {
    const day = await browserDays(popup.page);
    await popup.openForm();
    await popup.fill({ lender: '借呗', kind: 'kind_extension', amount: '500', dueDate: day(-3) });
    await popup.saveButton.click();
    const question = popup.dueQuestion();
    await question.waitFor();
    expect(await question.getByRole('alert').textContent()).toBe(msg('dueAskPast', shownDate(day(-3), 'zh_CN')));
    expect(await question.getByRole('button', { name: msg('dueAskPastYes'), exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    await shot(popup.page, 'form-due-past.png');
    expect(await ext.db.agreements()).toEqual([]);

    await question.getByRole('button', { name: msg('dueAskChange'), exact: true }).click();
    await question.waitFor({ state: 'detached' });
    expect(await popup.dueDate.evaluate((el) => el === document.activeElement)).toBe(true);

    const year = Number(day(0).slice(0, 4));
    const far = `${String(year + 12)}-03-01`;
    await popup.dueDate.fill(far);
    await popup.saveButton.click();
    await question.waitFor();
    expect(await question.getByRole('alert').textContent()).toBe(msg('dueAskFar', shownDate(far, 'zh_CN'), '12'));
    // Escape while asked closes the question, not the form.
    await popup.page.keyboard.press('Escape');
    await question.waitFor({ state: 'detached' });
    expect(await popup.form.isVisible()).toBe(true);
    expect(await ext.db.agreements()).toEqual([]);

    // Changing the date after the question asks again about the new one; "yes" saves it.
    await popup.dueDate.fill(day(-3));
    await popup.saveButton.click();
    await question.getByRole('button', { name: msg('dueAskPastYes'), exact: true }).click();
    await popup.status.filter({ hasText: msg('saved') }).waitFor();
    expect(await ext.db.agreementByLender('借呗')).toMatchObject({ kind: 'extension', dueDate: day(-3) });
    expect(await popup.group('group_overdue').getByRole('listitem', { name: '借呗', exact: true }).count()).toBe(1);

    // Editing it with its date unchanged asks nothing.
    await popup.row('借呗').getByRole('button', { name: msg('editAgreementOf', '借呗'), exact: true }).click();
    await popup.editForm.getByLabel(msg('fieldAmount'), { exact: true }).fill('600');
    await popup.editForm.getByRole('button', { name: msg('save'), exact: true }).click();
    await popup.status.filter({ hasText: msg('saved') }).waitFor();
    expect(await ext.db.agreementByLender('借呗')).toMatchObject({ amountFen: 60_000, dueDate: day(-3) });
  });

  it('closes the agreement form and the payment form with Escape, saving nothing', async () => {
    const day = await browserDays(popup.page);
    await popup.openForm();
    await popup.lender.fill('花呗');
    await popup.page.keyboard.press('Escape');
    await popup.form.waitFor({ state: 'detached' });
    expect(await popup.addButton.isVisible()).toBe(true);
    expect(await ext.db.agreements()).toEqual([]);

    await popup.addAgreement({ lender: '花呗', kind: 'kind_settlement', amount: '800', dueDate: day(4) });
    const form = await popup.startPayment('花呗', { amount: '100' });
    await form.getByLabel(msg('fieldPaidAmount'), { exact: true }).press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await ext.db.payments()).toEqual([]);
  });

  it('refuses a HEIC receipt, saying how to send a JPEG or PNG, and stores nothing unreadable', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '京东金条', kind: 'kind_settlement', amount: '800', dueDate: day(4) });
    const form = await popup.startPayment('京东金条', { amount: '100', receipt: { name: 'IMG_0412.HEIC', mimeType: 'image/heic', buffer: HEIC } });
    const input = form.getByLabel(msg('fieldReceipt'), { exact: true });
    const heic = { invalid: true, description: msg('errReceiptHeic', 'IMG_0412.HEIC'), nextToField: true };
    await expect.poll(() => popup.fieldState(input)).toEqual(heic);
    await form.getByRole('button', { name: msg('recordPayment'), exact: true }).click();
    await form.getByRole('alert').filter({ hasText: msg('formHasErrors') }).waitFor();
    await shot(popup.page, 'form-receipt-heic.png');

    // The desktop often hands a HEIC file over with no type at all: known by its bytes.
    await input.setInputFiles({ name: 'IMG_0413.heic', mimeType: '', buffer: HEIC });
    await expect.poll(() => popup.fieldState(input)).toEqual({ ...heic, description: msg('errReceiptHeic', 'IMG_0413.heic') });
    // A file that says it is a PNG but cannot be decoded.
    await input.setInputFiles({ name: '回单.png', mimeType: 'image/png', buffer: Buffer.from('not really a picture') });
    await expect.poll(() => popup.fieldState(input)).toEqual({ ...heic, description: msg('errReceiptUndecodable', '回单.png') });
    expect(await ext.db.payments()).toEqual([]);
    expect(await ext.db.attachments()).toEqual([]);

    // A real PNG is taken.
    await input.setInputFiles({ name: '回单.png', mimeType: 'image/png', buffer: makePng(20, 30) });
    await expect.poll(() => popup.fieldState(input)).toMatchObject({ invalid: false, description: msg('fieldReceiptHint', '20') });
    await form.getByRole('button', { name: msg('recordPayment'), exact: true }).click();
    await popup.status.filter({ hasText: msg('paymentSaved') }).waitFor();
    expect(await ext.db.attachments()).toHaveLength(1);
  });

  it('offers undo after a note is deleted in a chat, and puts back the same note', async () => {
    const panel = await new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 400, height: 900 }), msg).ready();
    await panel.addNote('客服工号 8812');
    await panel.addNote('同意分 12 期，每期 ¥1,500');
    const session = (await ext.db.sessions(null))[0]!;
    const before = await ext.db.sessionNotes(session.id);
    expect(before).toHaveLength(2);

    await panel.note('客服工号 8812').getByRole('button', { name: msg('noteDelete'), exact: true }).click();
    await panel.note('客服工号 8812').waitFor({ state: 'detached' });
    await panel.page.getByRole('status').filter({ hasText: msg('noteDeleted') }).waitFor();
    const undo = panel.page.getByRole('button', { name: msg('noteDeleteUndoOf', '客服工号 8812'), exact: true });
    await expect.poll(() => undo.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await ext.db.sessionNotes(session.id)).map((n) => n.text)).toEqual(['同意分 12 期，每期 ¥1,500']);
    await shot(panel.page, 'notes-undo.png');

    await undo.click();
    await undo.waitFor({ state: 'detached' });
    expect(await panel.page.locator('.note-stream .note-text').allTextContents()).toEqual(['客服工号 8812', '同意分 12 期，每期 ¥1,500']);
    const after = await ext.db.sessionNotes(session.id);
    const content = (rows: typeof before) => rows.map(({ id, sessionId, at, text, tags }) => ({ id, sessionId, at, text, tags }));
    expect(content(after)).toEqual(content(before));
    await ext.closePage(panel.page);
  });

  it('fits the plan preview in the 380 px popup with every column visible', async () => {
    await previewFits(popup, msg, 'zh-CN');
    await shot(popup.page, 'form-plan-preview-zh.png');
  });

  it('script tab: figures from the agreement look filled, boxes look editable, feedback sits under its line and goes with the scenario', async () => {
    if (!installments) throw new Error('no installments scenario');
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '网商贷', kind: 'kind_deferral', amount: '36000', dueDate: day(12) });
    const panel = await new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 400, height: 900 }), msg).ready();
    await panel.pick('网商贷');
    await panel.openScript(installments.title.zh);
    await scriptStates(panel, msg, 'zh');
    await ext.closePage(panel.page);
  });
});

/** The script tab's figure boxes and line feedback, and its look in light and dark mode. */
async function scriptStates(panel: ChromiumSidePanel, msg: Messages, language: 'zh' | 'en') {
  const lender = panel.figure('slot_lender');
  await expect.poll(() => lender.inputValue()).not.toBe('');
  const lenderValue = await lender.inputValue();
  // A value, not a placeholder: the box holds it, says where it came from and is drawn as filled.
  expect(await lender.getAttribute('placeholder')).toBeNull();
  const source = await lender.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? null);
  expect(source).toBe(msg('figureFromAgreement'));
  const monthly = panel.figure('slot_monthly');
  expect(await monthly.inputValue()).toBe('');
  expect(await monthly.isEditable()).toBe(true);
  const look = (el: Element) => {
    const style = getComputedStyle(el);
    return { background: style.backgroundColor, weight: style.fontWeight, page: getComputedStyle(document.body).backgroundColor };
  };
  const empty = await monthly.evaluate(look);
  const filled = await lender.evaluate(look);
  // The empty box is not drawn in the page's background colour (which read as disabled).
  expect(empty.background).not.toBe(empty.page);
  expect(filled.background).not.toBe(empty.background);
  expect(Number(filled.weight)).toBeGreaterThan(Number(empty.weight));

  // Copying a line with a gap: the message is under that line.
  const steps = panel.page.locator('.script-step');
  const proposal = steps.nth(1);
  const line = (await proposal.locator('> .line').textContent()) ?? '';
  await proposal.getByRole('button', { name: `${msg('copyLine')}: ${line}`, exact: true }).click();
  const status = proposal.getByRole('status');
  expect(await status.textContent()).toContain(inLine(msg('slot_monthly')));
  expect(await panel.page.getByRole('region', { name: msg('tabScript') }).getByRole('status').count()).toBe(1);
  await shot(panel.page, `script-feedback-${language}.png`);
  for (const scheme of ['dark', 'light'] as const) {
    await panel.page.emulateMedia({ colorScheme: scheme });
    expect(await contrastProblems(panel.page), `script tab, ${scheme}`).toEqual([]);
    await shot(panel.page, `script-figures-${language}-${scheme}.png`);
  }

  // Typed over, the agreement's figure can be put back.
  await lender.fill('XYZ');
  const back = panel.page.getByRole('button', { name: msg('figureUseAgreement', lenderValue), exact: true });
  await back.click();
  expect(await lender.inputValue()).toBe(lenderValue);
  await back.waitFor({ state: 'detached' });

  // Another scenario: the old line's message goes with it.
  const other = SCENARIOS.find((s) => s.id !== 'installments');
  if (!other) throw new Error('only one scenario');
  await panel.page.getByLabel(msg('scenarioLabel'), { exact: true }).selectOption({ label: language === 'zh' ? other.title.zh : other.title.en });
  await expect.poll(() => panel.page.getByRole('region', { name: msg('tabScript') }).getByRole('status').count()).toBe(0);
}

describe('Chromium, en: the plan preview and the script tab in English', () => {
  const msg = loadMessages('en' satisfies LocaleDir);
  let ext: ChromiumExtension;

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'en-US' });
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  it('fits the plan preview in the 380 px popup with every column visible', async () => {
    const popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
    await previewFits(popup, msg, 'en');
    await shot(popup.page, 'form-plan-preview-en.png');
    await popup.page.emulateMedia({ colorScheme: 'dark' });
    expect(await contrastProblems(popup.page), 'the form in dark mode').toEqual([]);
    await shot(popup.page, 'form-plan-preview-en-dark.png');
    await ext.closePage(popup.page);
  });

  it('script tab: filled figures and feedback under the line', async () => {
    if (!installments) throw new Error('no installments scenario');
    const popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: 'MYbank', kind: 'kind_deferral', amount: '36000', dueDate: day(12) });
    const panel = await new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 400, height: 900 }), msg).ready();
    await panel.pick('MYbank');
    await panel.openScript(installments.title.en);
    await scriptStates(panel, msg, 'en');
    await ext.closePage(panel.page);
    await ext.closePage(popup.page);
  });
});
