import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumExtension } from './support/chromium';
import { ChromiumPopup, ChromiumSidePanel } from './support/chromium-pages';
import { AgreementUpdateSection, ComplaintDraftSection, pressCaptureShortcut, startChatPage } from './support/complaint-pages';
import { contrastProblems } from './support/contrast';
import { browserDays } from './support/dates';
import { turnOnLockInChromium } from './support/lock-on';
import { loadMessages, type LocaleDir } from './support/messages';
import { SCREENSHOTS_DIR } from './support/paths';
import { poll } from './support/wait';

const CHAT_TITLE = '借呗在线客服';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, name), fullPage: true });
}

for (const [lang, dir] of [
  ['zh-CN', 'zh_CN'],
  ['en-US', 'en'],
] as const satisfies readonly (readonly [string, LocaleDir])[]) {
  const msg = loadMessages(dir);
  const lender = lang === 'zh-CN' ? '借呗' : 'Jiebei';

  describe(`Chromium, ${lang}: a complaint draft from a chat, and a chat that updates its agreement`, () => {
    let ext: ChromiumExtension;
    let chat: Awaited<ReturnType<typeof startChatPage>>;
    let panel: ChromiumSidePanel;
    let day: (offset: number) => string;
    let agreementId = '';

    beforeAll(async () => {
      chat = await startChatPage(CHAT_TITLE);
      ext = await launchChromium({ lang });
      // The agreement the chat is about, added as a user does.
      const popup = await new ChromiumPopup(await ext.openPage('popup.html'), msg).ready();
      day = await browserDays(popup.page);
      await popup.addAgreement({ lender, kind: 'kind_extension', amount: '12000', dueDate: day(10) });
      await ext.closePage(popup.page);
      const stored = await poll('the agreement', () => ext.db.agreementByLender(lender), (a) => a !== undefined);
      agreementId = stored?.id ?? '';
      panel = await new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 400, height: 900 }), msg).ready();
      await panel.picker.selectOption(agreementId);
      await panel.notes.waitFor();
    });

    afterAll(async () => {
      await (ext as ChromiumExtension | undefined)?.close();
      await chat.close();
    });

    it('makes a draft from the notes, a promise and a screenshot; Copy gives the text shown, Print prints the draft alone', async () => {
      const harassment = '催收员今天给我母亲打了三次电话';
      const promise = '客服承诺不再联系我的家人';
      await panel.addNote(harassment);
      await panel.addNote(promise);
      await panel.tag(promise, 'tag_promise');
      const [session] = await poll('the session', () => ext.db.sessions(agreementId), (list) => list.length === 1);
      if (!session) throw new Error('no session');
      await poll('two notes stored', () => ext.db.sessionNotes(session.id), (list) => list.length === 2);

      // A screenshot of the chat page, by the capture shortcut, into the session the panel shows.
      await panel.page.getByRole('region', { name: msg('evidenceHeading'), exact: true }).waitFor();
      const page = await ext.context.newPage();
      await page.setViewportSize({ width: 800, height: 500 });
      await page.goto(chat.url);
      await pressCaptureShortcut(ext, page);
      await poll('the screenshot', () => ext.db.attachments(session.id), (list) => list.length === 1, { timeoutMs: 10_000 });
      await page.close();
      await panel.page.bringToFront();

      await panel.button('sessionComplaint').click();
      const draft = new ComplaintDraftSection(panel.page, msg);
      await draft.preview.waitFor();
      const text = await draft.text();
      expect(text.split('\n')[0]).toBe(msg('complaintTitle', lender));
      expect(text).toContain(msg('complaintLender', lender));
      expect(text).toContain(harassment);
      expect(text).toContain(promise);
      expect(text).toContain(msg('complaintPromiseUnknown'));
      expect(text).toContain(msg('complaintScreenshotSaved', `${CHAT_TITLE} ${chat.url}`));
      expect(text).toMatch(new RegExp(`\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}`));
      expect(text).toContain(msg('complaintChannelRegulator'));
      expect(text).toContain(msg('complaintFooter'));

      // The user marks the promise as broken and writes their own request: the draft follows.
      await draft.promise(promise).selectOption('broken');
      const ask = lang === 'zh-CN' ? '请平台只在工作日9点到18点联系我本人。' : 'Please contact only me, on working days from 9:00 to 18:00.';
      await draft.request.fill(ask);
      await expect.poll(() => draft.text()).toContain(msg('complaintPromiseBroken'));
      expect(await draft.text()).toContain(ask);
      expect(await draft.text()).not.toContain(msg('complaintRequestDefault'));

      await draft.recordCopiesAndPrints();
      await draft.button('complaintCopy').click();
      await draft.status.filter({ hasText: msg('complaintCopied') }).waitFor();
      expect(await draft.copies()).toEqual([await draft.text()]);

      for (const scheme of ['light', 'dark'] as const) {
        await panel.page.emulateMedia({ colorScheme: scheme });
        expect(await contrastProblems(panel.page), `complaint draft, ${scheme}`).toEqual([]);
        await draft.region.scrollIntoViewIfNeeded();
        await shot(panel.page, `complaint-draft-${lang}-${scheme}.png`);
      }
      await panel.page.emulateMedia({ colorScheme: 'light' });

      // Print: the draft alone, with the screenshot as an image after it.
      await draft.button('complaintPrint').click();
      expect(await draft.prints()).toBe(1);
      await panel.page.emulateMedia({ media: 'print' });
      expect(await draft.preview.isVisible()).toBe(true);
      expect(await panel.noteItems.first().isVisible()).toBe(false);
      expect(await panel.heading.isVisible()).toBe(false);
      const printed = draft.region.locator('.complaint-images img');
      expect(await printed.count()).toBe(1);
      await poll('the printed image to load', () => printed.evaluate((img) => (img as HTMLImageElement).naturalWidth), (w) => w > 0);
      await shot(panel.page, `complaint-print-${lang}.png`);
      await panel.page.emulateMedia({ media: 'screen' });

      // Making the draft changed no note; the promise's mark is saved with the chat.
      expect((await ext.db.sessionNotes(session.id)).map((n) => n.text)).toEqual([harassment, promise]);
      const promiseNote = (await ext.db.sessionNotes(session.id)).find((n) => n.text === promise);
      await poll('the mark saved with the chat', () => ext.db.sessions(agreementId), (list) => list[0]?.promiseOutcomes?.[promiseNote?.id ?? ''] === 'broken');
      await draft.button('complaintClose').click();
      await draft.region.waitFor({ state: 'detached' });

      // Reopened, here and in a new side panel: the mark is there, and the draft says so.
      await panel.button('sessionComplaint').click();
      await draft.preview.waitFor();
      expect(await draft.promise(promise).inputValue()).toBe('broken');
      await draft.button('complaintClose').click();
      const again = await new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 400, height: 900 }), msg).ready();
      await again.picker.selectOption(agreementId);
      await again.note(promise).first().waitFor();
      await again.button('sessionComplaint').click();
      const reopened = new ComplaintDraftSection(again.page, msg);
      await reopened.preview.waitFor();
      expect(await reopened.promise(promise).inputValue()).toBe('broken');
      await expect.poll(() => reopened.text()).toContain(msg('complaintPromiseBroken'));
      // Back to "not known": the mark goes from the chat.
      await reopened.promise(promise).selectOption('');
      await poll('the mark removed', () => ext.db.sessions(agreementId), (list) => list[0]?.promiseOutcomes?.[promiseNote?.id ?? ''] === undefined);
      await reopened.promise(promise).selectOption('broken');
      await poll('the mark saved again', () => ext.db.sessions(agreementId), (list) => list[0]?.promiseOutcomes?.[promiseNote?.id ?? ''] === 'broken');
      await ext.closePage(again.page);
      await panel.page.bringToFront();
    });

    it('shows what the notes change in the linked agreement, writes nothing on cancel or on invalid notes, and applies the rest', async () => {
      const before = await ext.db.agreementByLender(lender);
      if (!before) throw new Error('no agreement');
      // The main action is the update; a new agreement is the secondary one.
      expect(await panel.button('sessionUpdateAgreement').getAttribute('class')).toContain('primary');
      expect(await panel.button('sessionToNewAgreement').getAttribute('class')).toContain('secondary');

      const offer = lang === 'zh-CN' ? `同意分6期，每期2,100元，${day(20)}开始` : `We agree to 6 installments, 2,100 yuan a month, from ${day(20)}`;
      await panel.addNote(offer);
      await panel.tag(offer, 'tag_offer');
      const update = new AgreementUpdateSection(panel.page, msg, lender);
      await panel.button('sessionUpdateAgreement').click();
      await update.changes.first().waitFor();
      const texts = await update.changeTexts();
      expect(texts).toHaveLength(4);
      expect(texts[0]).toContain(msg('kind_extension'));
      expect(texts[0]).toContain(msg('kind_installment'));
      expect(texts[1]).toContain('¥12,000.00');
      expect(texts[1]).toContain('¥12,600.00');
      expect(texts[3]).toContain(msg('updatePlanNone'));
      for (const scheme of ['light', 'dark'] as const) {
        await panel.page.emulateMedia({ colorScheme: scheme });
        expect(await contrastProblems(panel.page), `update view, ${scheme}`).toEqual([]);
        await update.region.scrollIntoViewIfNeeded();
        await shot(panel.page, `agreement-update-${lang}-${scheme}.png`);
      }
      await panel.page.emulateMedia({ colorScheme: 'light' });

      // Cancel writes nothing.
      await update.button('cancel').click();
      await update.region.waitFor({ state: 'detached' });
      expect(await ext.db.agreementByLender(lender)).toEqual(before);

      // Apply: the agreement becomes the plan, in place.
      await panel.button('sessionUpdateAgreement').click();
      await update.button('updateApply').click();
      await panel.page.getByRole('status').filter({ hasText: msg('updateApplied', lender) }).waitFor();
      const after = await poll('the updated agreement', () => ext.db.agreementByLender(lender), (a) => a?.kind === 'installment');
      expect(after).toMatchObject({ id: before.id, kind: 'installment', amountFen: 1_260_000, dueDate: day(20) });
      expect(await ext.db.agreements()).toHaveLength(1);

      // Notes that would make an invalid agreement: why, and nothing written. The plan's offer is
      // untagged first, so the new one is the offer read.
      await panel.tag(offer, 'tag_offer');
      const impossible = lang === 'zh-CN' ? '同意在2101年1月5日前一次性结清' : 'Settle everything by 2101-01-05';
      await panel.addNote(impossible);
      await panel.tag(impossible, 'tag_offer');
      await panel.button('sessionUpdateAgreement').click();
      await update.alert.filter({ hasText: msg('updateInvalid') }).waitFor();
      expect(await update.button('updateApply').count()).toBe(0);
      await shot(panel.page, `agreement-update-invalid-${lang}.png`);
      await update.button('cancel').click();
      expect(await ext.db.agreementByLender(lender)).toEqual(await poll('unchanged', () => ext.db.agreementByLender(lender), (a) => a?.kind === 'installment'));
      expect((await ext.db.agreementByLender(lender))?.amountFen).toBe(1_260_000);

      // The popup's row shows the new figures: the plan's first period, and what is left in all.
      const popup = await new ChromiumPopup(await ext.openPage('popup.html'), msg).ready();
      const row = popup.row(lender);
      await row.waitFor();
      await expect.poll(() => row.textContent()).toContain('¥2,100.00');
      expect(await row.textContent()).not.toContain('¥12,000.00');
      await ext.closePage(popup.page);
    });

    it.runIf(lang === 'zh-CN')('works the same with the lock on, once unlocked: the draft reads the sealed notes, the update seals what it writes', async () => {
      await turnOnLockInChromium(ext, msg, '周五发工资 先还花呗 再还借呗');
      const sealed = await new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 400, height: 900 }), msg).ready();
      await sealed.picker.selectOption(agreementId);
      await sealed.note('客服承诺不再联系我的家人').first().waitFor();
      await sealed.button('sessionComplaint').click();
      const draft = new ComplaintDraftSection(sealed.page, msg);
      await draft.preview.waitFor();
      expect(await draft.text()).toContain('催收员今天给我母亲打了三次电话');
      expect(await draft.text()).toContain(msg('complaintScreenshotSaved', `${CHAT_TITLE} ${chat.url}`));
      await draft.button('complaintClose').click();

      const offer = `同意一次性结清9,000元，${day(25)}前`;
      await sealed.addNote(offer);
      await sealed.tag(offer, 'tag_offer');
      await sealed.button('sessionUpdateAgreement').click();
      const update = new AgreementUpdateSection(sealed.page, msg, lender);
      await update.button('updateApply').click();
      await sealed.page.getByRole('status').filter({ hasText: msg('updateApplied', lender) }).waitFor();
      // The stored row is sealed: its amount is not in plaintext, its due date (an index) is.
      const rows = await ext.db.agreements();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id: agreementId, dueDate: day(25) });
      expect(JSON.stringify(rows[0])).not.toContain('900000');
      const popup = await new ChromiumPopup(await ext.openPage('popup.html'), msg).ready();
      await expect.poll(() => popup.row(lender).textContent()).toContain('¥9,000.00');
      await ext.closePage(popup.page);
    });

    it('turns the chat into a new agreement that replaces the linked one: the old row says so, its reminders stop, the totals count one debt', async () => {
      const side = await new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 400, height: 900 }), msg).ready();
      await side.picker.selectOption(agreementId);
      await side.notes.waitFor();
      const before = await ext.db.agreements();
      expect(before).toHaveLength(1);
      expect((await ext.db.reminders(agreementId)).length).toBeGreaterThan(0);

      await side.button('sessionToNewAgreement').click();
      await side.page.getByText(msg('sessionReplacing', lender), { exact: true }).waitFor();
      const form = side.page.getByRole('form', { name: msg('addAgreement') });
      await form.getByRole('radio', { name: msg('kind_settlement'), exact: true }).check();
      await form.getByLabel(msg('fieldAmount'), { exact: true }).fill('8000');
      await form.getByLabel(msg('fieldDueDate'), { exact: true }).fill(day(30));
      await shot(side.page, `agreement-replace-form-${lang}.png`);
      await form.getByRole('button', { name: msg('save'), exact: true }).click();
      await side.page.getByRole('status').filter({ hasText: msg('sessionReplaced', lender) }).waitFor();

      // Two records, the old one closed in the same write: its plaintext badge flag set, its reminders gone.
      const rows = await poll('the new agreement', () => ext.db.agreements(), (list) => list.length === 2);
      const fresh = rows.find((r) => r.id !== agreementId);
      const closed = rows.find((r) => r.id === agreementId);
      if (!fresh || !closed) throw new Error('missing agreement');
      expect(closed.settled).toBe(1);
      // With the lock on (the zh-CN run) the mark is sealed with the rest of the record.
      if (!('sealed' in closed)) expect(closed).toMatchObject({ replacedBy: fresh.id });
      expect(await ext.db.reminders(agreementId)).toEqual([]);
      expect((await ext.db.reminders(fresh.id)).length).toBeGreaterThan(0);
      await poll('the chat linked to the new agreement', () => ext.db.sessions(fresh.id), (list) => list.length === 1);
      expect(await side.picker.inputValue()).toBe(fresh.id);
      await ext.closePage(side.page);

      // The popup: the old row in its own group, saying what replaced it; the total counts the new one only.
      const popup = await new ChromiumPopup(await ext.openPage('popup.html'), msg).ready();
      const replaced = popup.page.locator('.group-replaced');
      await replaced.waitFor();
      const line = replaced.getByRole('listitem', { name: lender, exact: true }).locator('.replaced-by');
      expect(await line.textContent()).toMatch(msg.pattern('replacedByNew'));
      expect(await line.textContent()).toContain(msg('kind_settlement'));
      expect(await popup.page.locator('.group-replaced .group-title').textContent()).toContain(msg('group_replaced'));
      expect(await popup.page.getByText(msg('totalOwed', '¥8,000.00'), { exact: true }).count()).toBe(1);
      expect(await popup.page.locator('.group-overdue').count()).toBe(0);
      for (const scheme of ['light', 'dark'] as const) {
        await popup.page.emulateMedia({ colorScheme: scheme });
        expect(await contrastProblems(popup.page), `replaced row, ${scheme}`).toEqual([]);
        await shot(popup.page, `agreement-replaced-${lang}-${scheme}.png`);
      }
      await ext.closePage(popup.page);
    });
  });
}
