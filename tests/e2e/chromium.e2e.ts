import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  alarms,
  badgeText,
  launchChromium,
  notificationIds,
  resetExtension,
  type ChromiumExtension,
} from './support/chromium';
import { ChromiumPopup, ChromiumSidePanel } from './support/chromium-pages';
import { browserDays, browserInstant, dayCount } from './support/dates';
import { loadMessages } from './support/messages';
import { SCREENSHOTS_DIR } from './support/paths';
import { startProbeServer } from './support/probe-server';
import { poll } from './support/wait';

const msg = loadMessages('zh_CN');

describe('Chromium, zh-CN: the built extension', () => {
  let ext: ChromiumExtension;
  let popup: ChromiumPopup;

  const openPopup = async (): Promise<ChromiumPopup> => new ChromiumPopup(await ext.openPage('popup.html'), msg).ready();
  const openPanel = async (): Promise<ChromiumSidePanel> =>
    new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 400, height: 700 }), msg).ready();
  /** The popup re-reads the database only when it opens: show it as a user reopening it would. */
  const reopenPopup = async (): Promise<ChromiumPopup> => {
    await ext.closePage(popup.page);
    popup = await openPopup();
    return popup;
  };

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'zh-CN' });
    popup = await openPopup();
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  describe('first run', () => {
    it('shows the empty state', async () => {
      expect(await popup.emptyState.isVisible()).toBe(true);
      expect(await popup.page.getByText(msg('emptyBody')).isVisible()).toBe(true);
      expect(await popup.list.count()).toBe(0);
    });
  });

  describe('with data', () => {
    beforeEach(async () => {
      await resetExtension(ext, popup.page);
      await reopenPopup();
    });

    it('refuses an incomplete form, says why next to each field, and writes nothing', async () => {
      const day = await browserDays(popup.page);
      await popup.openForm();
      await popup.saveButton.click();

      expect(await popup.formAlert.textContent()).toBe(msg('formHasErrors'));
      expect(await popup.fieldState(popup.lender)).toEqual({ invalid: true, description: msg('errLenderEmpty'), nextToField: true });
      expect(await popup.fieldState(popup.amount)).toEqual({ invalid: true, description: msg('errAmountEmpty'), nextToField: true });
      expect(await popup.fieldState(popup.dueDate)).toEqual({ invalid: true, description: msg('errDateEmpty'), nextToField: true });
      // No kind is picked for the user: choosing one is part of the form.
      expect(await popup.fieldState(popup.kind)).toEqual({ invalid: true, description: msg('errKindUnknown'), nextToField: true });

      const cases = [
        ['-5', 'errAmountNegative'],
        ['12.345', 'errAmountTooManyDecimals'],
        ['abc', 'errAmountNotANumber'],
      ] as const;
      await popup.fill({ lender: '借呗', dueDate: day(5) });
      for (const [amount, key] of cases) {
        await popup.fill({ amount });
        await popup.saveButton.click();
        expect(await popup.fieldState(popup.amount), `amount ${amount}`).toEqual({
          invalid: true,
          description: msg(key),
          nextToField: true,
        });
        expect((await popup.fieldState(popup.lender)).invalid).toBe(false);
        expect((await popup.fieldState(popup.dueDate)).invalid).toBe(false);
      }

      const dump = await ext.db.dump();
      expect(dump, 'the popup itself creates the database when it lists agreements').not.toBeNull();
      expect(dump?.agreements).toEqual([]);
      expect(dump?.reminders).toEqual([]);
      expect(await popup.row('借呗').count()).toBe(0);
    });

    it('adds an agreement due tomorrow: listed, stored in fen, next-due alarm armed at its reminder', async () => {
      const day = await browserDays(popup.page);
      const tomorrow = day(1);
      const row = await popup.addAgreement({ lender: '网商贷', kind: 'kind_extension', amount: '1234.56', dueDate: tomorrow });

      expect(await row.getByText('¥1,234.56', { exact: true }).isVisible()).toBe(true);
      expect(await row.getByText(msg('dueIn', dayCount(1, 'zh-CN')), { exact: true }).isVisible()).toBe(true);
      expect(await row.getByText(msg('kind_extension'), { exact: true }).isVisible()).toBe(true);
      expect(await row.getAttribute('class')).toContain('urgency-week');

      const stored = await ext.db.agreementByLender('网商贷');
      expect(stored).toMatchObject({ lender: '网商贷', kind: 'extension', amountFen: 123456, dueDate: tomorrow });
      expect(typeof stored?.dueDate).toBe('string');

      // For a due date tomorrow the steps before it are past: the day itself is left, and the
      // overdue warning planned ahead in case it is not paid.
      const reminders = await ext.db.reminders(stored?.id);
      expect(reminders.map((r) => r.code).sort()).toEqual(['credit-report-risk', 'pay']);
      const reminder = reminders.find((r) => r.code === 'pay');
      expect(reminder).toMatchObject({ dueDate: tomorrow, fireDate: tomorrow, pending: 1, notifiedAt: null });
      expect(reminder?.fireAt).toBe(await browserInstant(popup.page, tomorrow, 9));

      const nextDue = await poll(
        "the worker's next-due alarm at the reminder's fireAt",
        async () => (await ext.worker()).evaluate(() => chrome.alarms.get('next-due')),
        (alarm) => alarm?.scheduledTime === reminder?.fireAt,
      );
      expect(nextDue?.scheduledTime).toBe(reminder?.fireAt);
      const all = await alarms(ext);
      expect(all.length).toBeLessThanOrEqual(2);
      expect(all.map((a) => a.name).sort()).toEqual(['next-due', 'sweep']);
      expect(await badgeText(ext)).toBe('');
    });

    it('fires a real alarm: a reminder moved 2 s ahead is notified once and marked shown', async () => {
      const day = await browserDays(popup.page);
      await popup.addAgreement({ lender: '网商贷', kind: 'kind_extension', amount: '1234.56', dueDate: day(1) });
      const agreement = await ext.db.agreementByLender('网商贷');
      if (!agreement) throw new Error('the agreement was not stored');
      const reminders = await ext.db.reminders(agreement.id);
      const reminder = reminders.find((r) => r.code === 'pay');
      const later = reminders.find((r) => r.code === 'credit-report-risk');
      if (!reminder || !later) throw new Error('the agreement lacks its reminders');

      // In the worker: move the reminder 2 s ahead, straight in IndexedDB, then tell the background.
      const fireAt = await (await ext.worker()).evaluate(() => Date.now() + 2_000);
      await ext.workerDb.putReminder({ ...reminder, fireAt });
      const reply = await popup.page.evaluate(() => chrome.runtime.sendMessage({ name: 'data-changed', payload: {} }));
      expect(reply).toEqual({ nextFireAt: fireAt });
      const before = (await ext.db.reminders(agreement.id)).find((r) => r.id === reminder.id);
      expect(before?.pending, 'not claimed before its time').toBe(1);
      expect((await alarms(ext)).find((a) => a.name === 'next-due')?.scheduledTime).toBe(fireAt);

      const ids = await poll(
        `notification reminder:${agreement.id}`,
        () => notificationIds(ext),
        (list) => list.includes(`reminder:${agreement.id}`),
        { timeoutMs: 10_000, intervalMs: 200 },
      );
      expect(ids).toEqual([`reminder:${agreement.id}`]);
      const shown = (await ext.db.reminders(agreement.id)).find((r) => r.id === reminder.id);
      expect(shown?.notifiedAt).toBeGreaterThanOrEqual(fireAt);
      // Until marked done, an unpaid payment comes back once a day from the day after it is due,
      // at the reminder hour: that repeat now holds the next-due alarm, before the overdue warning.
      const repeatAt = await browserInstant(popup.page, day(2), 9);
      expect(shown).toMatchObject({ pending: 1, fireAt: repeatAt });
      expect(repeatAt).toBeLessThan(later.fireAt);
      const next = await poll(
        'the next-due alarm moved to the next reminder',
        async () => (await alarms(ext)).find((a) => a.name === 'next-due'),
        (alarm) => alarm?.scheduledTime === repeatAt,
      );
      expect(next?.scheduledTime).toBe(repeatAt);
    });

    it('an overdue agreement is notified at once, counted on the badge and shown in red', async () => {
      const day = await browserDays(popup.page);
      const yesterday = day(-1);
      await popup.addAgreement({ lender: '京东白条', kind: 'kind_installment', amount: '88', dueDate: day(10), periods: '2' });
      const row = await popup.addAgreement({ lender: '借呗', kind: 'kind_deferral', amount: '500', dueDate: yesterday });
      const agreement = await ext.db.agreementByLender('借呗');
      if (!agreement) throw new Error('the agreement was not stored');

      const ids = await poll(
        'a notification for the overdue agreement',
        () => notificationIds(ext),
        (list) => list.length > 0,
      );
      expect(ids).toEqual([`reminder:${agreement.id}`]);
      expect(await poll('badge 1', () => badgeText(ext), (text) => text === '1')).toBe('1');
      const reminders = await ext.db.reminders(agreement.id);
      // The due day was shown (and repeats daily until marked done); the credit-report warning
      // waits for the 4th day overdue.
      expect(reminders.map((r) => [r.code, r.pending, r.notifiedAt !== null]).sort()).toEqual([
        ['credit-report-risk', 1, false],
        ['pay', 1, true],
      ]);

      expect(await row.getAttribute('class')).toContain('urgency-overdue');
      const countdown = row.getByText(msg('overdueBy', dayCount(1, 'zh-CN')), { exact: true });
      expect(await countdown.isVisible()).toBe(true);
      const [countdownColor, dangerColor] = await countdown.evaluate((el) => [
        getComputedStyle(el).color,
        (() => {
          const probe = document.createElement('span');
          probe.style.color = 'var(--danger)';
          document.body.append(probe);
          const color = getComputedStyle(probe).color;
          probe.remove();
          return color;
        })(),
      ]);
      expect(countdownColor).toBe(dangerColor);
      expect(await popup.row('京东白条').getAttribute('class')).not.toContain('urgency-overdue');
    });

    it('side panel session: notes added with Enter, and text typed just before closing survives', async () => {
      const day = await browserDays(popup.page);
      await popup.addAgreement({ lender: '微粒贷', kind: 'kind_waiver', amount: '3000', dueDate: day(20) });
      const agreement = await ext.db.agreementByLender('微粒贷');
      if (!agreement) throw new Error('the agreement was not stored');

      let panel = await openPanel();
      expect(await panel.pick('微粒贷')).toBe(agreement.id);
      expect(await panel.field('sessionLender').inputValue()).toBe('微粒贷');
      const first = '客服工号 A123，同意减免罚息。';
      await panel.notes.pressSequentially(first, { delay: 10 });
      await poll('the saved status', () => panel.saveStatus.textContent(), (text) => msg.pattern('notesSaved').test(text ?? ''));
      const [session] = await ext.db.sessions(agreement.id);
      if (!session) throw new Error('no session stored');
      expect(session.draft).toBe(first);
      // Shift+Enter is a new line in the same note; Enter adds the note.
      await panel.notes.press('Shift+Enter');
      await panel.notes.pressSequentially('第二行');
      await panel.notes.press('Enter');
      await panel.note('第二行').waitFor();
      expect(await panel.notes.inputValue()).toBe('');
      const notes = await poll('the added note', () => ext.db.sessionNotes(session.id), (list) => list.length === 1);
      expect(notes[0]?.text).toBe(`${first}\n第二行`);
      // Nothing went to the general session the panel opened on before the agreement was picked.
      for (const general of await ext.db.sessions(null)) {
        expect(general.draft ?? '').toBe('');
        expect(await ext.db.sessionNotes(general.id)).toEqual([]);
      }

      // Type more and close the page at once, well before the autosave delay.
      await ext.collectResourceEntries();
      const more = '下次 3 月 1 日回电。';
      await panel.notes.pressSequentially(more);
      const typedAt = Date.now();
      await panel.page.close();
      expect(Date.now() - typedAt).toBeLessThan(1_000);

      await poll('the flushed draft', () => ext.db.sessions(agreement.id), (list) => list[0]?.draft === more);
      panel = await openPanel();
      await panel.pick('微粒贷');
      expect(await panel.notes.inputValue()).toBe(more);
      expect(await panel.noteItems.count()).toBe(1);
      expect(await ext.db.sessions(agreement.id)).toHaveLength(1);
      await ext.closePage(panel.page);
    });

    it('deletes an agreement after confirmation, with its reminders', async () => {
      const day = await browserDays(popup.page);
      await popup.addAgreement({ lender: '美团借钱', kind: 'kind_settlement', amount: '650.5', dueDate: day(4) });
      await popup.addAgreement({ lender: '度小满', kind: 'kind_extension', amount: '100', dueDate: day(30) });
      const agreement = await ext.db.agreementByLender('美团借钱');
      if (!agreement) throw new Error('the agreement was not stored');
      expect((await ext.db.reminders(agreement.id)).map((r) => r.code)).toContain('pay');

      // The first click only asks; keeping it changes nothing.
      const row = popup.row('美团借钱');
      await row.getByRole('button', { name: msg('delete'), exact: true }).click();
      await row.getByRole('button', { name: msg('deleteNo'), exact: true }).click();
      expect(await ext.db.agreementByLender('美团借钱')).toBeDefined();

      await popup.deleteAgreement('美团借钱');
      expect(await popup.row('美团借钱').count()).toBe(0);
      expect(await popup.row('度小满').count()).toBe(1);
      expect(await ext.db.agreementByLender('美团借钱')).toBeUndefined();
      expect(await ext.db.reminders(agreement.id)).toEqual([]);
      expect((await ext.db.agreements()).map((a) => a.lender)).toEqual(['度小满']);
    });

    it('screenshots: popup with three agreements, side panel with a note', async () => {
      const day = await browserDays(popup.page);
      mkdirSync(SCREENSHOTS_DIR, { recursive: true });
      await popup.addAgreement({ lender: '借呗', kind: 'kind_deferral', amount: '2600', dueDate: day(-2) });
      await popup.addAgreement({ lender: '网商贷', kind: 'kind_extension', amount: '1234.56', dueDate: day(0) });
      await popup.addAgreement({ lender: '招商银行信用卡', kind: 'kind_installment', amount: '15800', dueDate: day(12), periods: '12' });
      await reopenPopup();
      await popup.list.waitFor();
      // A toolbar popup is as tall as its content: start from the body's min-height, grow to fit.
      await popup.page.setViewportSize({ width: 380, height: 420 });
      await popup.page.screenshot({ path: join(SCREENSHOTS_DIR, 'popup.png'), fullPage: true });
      // What the picture shows: one agreement per urgency, each with its amount and countdown.
      const shown = [
        { lender: '借呗', urgency: 'urgency-overdue', texts: ['¥2,600.00', msg('kind_deferral'), msg('overdueBy', dayCount(2, 'zh-CN'))] },
        { lender: '网商贷', urgency: 'urgency-today', texts: ['¥1,234.56', msg('kind_extension'), msg('dueToday')] },
        { lender: '招商银行信用卡', urgency: 'urgency-later', texts: ['¥1,316.66', msg('kind_installment'), msg('periodOf', '1', '12')] },
      ];
      for (const { lender, urgency, texts } of shown) {
        const row = popup.row(lender);
        expect(await row.isVisible(), lender).toBe(true);
        expect(await row.getAttribute('class'), lender).toContain(urgency);
        const text = await row.innerText();
        for (const part of texts) expect(text, lender).toContain(part);
      }

      const panel = await openPanel();
      await panel.pick('网商贷');
      await panel.field('sessionAgent').fill('王女士 8821');
      const notes = [
        { text: '同意展期 30 天，需先还 200 元。', tag: 'tag_offer' },
        { text: '已要求短信书面确认，3 个工作日内回复。', tag: 'tag_promise' },
      ] as const;
      for (const { text, tag } of notes) {
        await panel.addNote(text);
        await panel.tag(text, tag);
      }
      // Adding a note leaves the box focused further down: show the session from its header.
      await panel.page.evaluate(() => window.scrollTo(0, 0));
      await panel.page.screenshot({ path: join(SCREENSHOTS_DIR, 'sidepanel.png') });
      // What the panel holds in the picture: the session of 网商贷 with its agent, and its notes, each tagged.
      expect(await panel.heading.isVisible()).toBe(true);
      expect(await panel.field('sessionLender').inputValue()).toBe('网商贷');
      expect(await panel.field('sessionAgent').inputValue()).toBe('王女士 8821');
      expect(await panel.noteItems.allInnerTexts()).toEqual([expect.stringContaining(notes[0].text), expect.stringContaining(notes[1].text)]);
      for (const { text, tag } of notes) {
        const button = panel.note(text).getByRole('group', { name: msg('noteTagsLabel') }).getByRole('button', { name: msg(tag), exact: true });
        expect(await button.getAttribute('aria-pressed'), `${text} tagged ${msg(tag)}`).toBe('true');
      }
      await ext.closePage(panel.page);
    });
  });

  describe('privacy', () => {
    it('made no network request outside the extension', async () => {
      await ext.collectResourceEntries();
      expect(ext.network.entries.length, 'the log saw the extension load its own files').toBeGreaterThan(0);
      expect(ext.network.foreign(ext.origin)).toEqual([]);
      // Sync and the calendar push run in Chrome's offscreen document, whose requests this log does
      // not see (Playwright follows pages and the worker only). They run only with a vault or a
      // calendar connected, and none is.
      const accounts = await (await ext.worker()).evaluate(() => chrome.storage.local.get(['syncAccount', 'calendarAccount']));
      expect(accounts).toEqual({});
    });

    it('(control) a request from an extension page or the worker would have been seen', async () => {
      const probe = await startProbeServer();
      const url = (from: string) => `${probe.url}?from=${from}`;
      try {
        const page = await ext.openPage('popup.html');
        expect(await page.evaluate((u) => fetch(u).then((r) => r.text()), url('page'))).toBe('probe');
        expect(await (await ext.worker()).evaluate((u) => fetch(u).then((r) => r.text()), url('worker'))).toBe('probe');
        await ext.closePage(page);
        await ext.collectResourceEntries();
        const seenBy = (from: string) =>
          new Set(ext.network.entries.filter((e) => e.url === url(from)).map((e) => e.source.split(' ')[0]));
        expect(probe.hits()).toBe(2);
        expect(seenBy('page')).toEqual(new Set(['request', 'performance']));
        expect(seenBy('worker')).toEqual(new Set(['request', 'performance']));
      } finally {
        await probe.close();
      }
    });
  });
});
