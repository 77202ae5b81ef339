import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserDays, browserInstant, browserNow, dayCount } from './support/dates';
import { launchFirefox, type FirefoxExtension } from './support/firefox';
import { FirefoxPopup, FirefoxSidePanel } from './support/firefox-pages';
import { loadMessages } from './support/messages';
import { poll } from './support/wait';

// Firefox ESR here runs in en-US, so the extension shows its English messages.
const msg = loadMessages('en');

describe('Firefox ESR, en-US: the built extension', () => {
  let ext: FirefoxExtension;
  let popup: FirefoxPopup;

  const openPopup = async (): Promise<FirefoxPopup> =>
    new FirefoxPopup(await ext.openPage('popup.html', FirefoxPopup.readySelector(msg)), msg);
  const openPanel = async (): Promise<FirefoxSidePanel> =>
    new FirefoxSidePanel(await ext.openPage('sidepanel.html', FirefoxSidePanel.readySelector(msg), { width: 400, height: 700 }), msg);
  const db = () => ext.db(popup.page);

  beforeAll(async () => {
    ext = await launchFirefox();
    popup = await openPopup();
  });

  afterAll(async () => {
    await (ext as FirefoxExtension | undefined)?.close();
  });

  it('runs in English', async () => {
    const language = await popup.page.evaluate(() => navigator.language);
    expect(language).toBe('en-US');
    expect(await popup.page.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  it('adds an agreement through the popup: listed in ¥ and stored in IndexedDB', async () => {
    const day = await browserDays(popup.page);
    const due = day(6);
    await popup.addAgreement({ lender: 'Ant Credit Pay', kind: 'kind_installment', amount: '1234.56', dueDate: due, periods: '2' });
    const text = await popup.rowText('Ant Credit Pay');
    // Two interest-free periods: the row shows the first one, and what is left in all.
    expect(text).toContain('¥617.28');
    expect(text).toContain(msg('periodOf', '1', '2'));
    expect(text).toContain(msg('planLeft', '¥1,234.56'));
    expect(text).toContain(msg('dueIn', dayCount(6, 'en')));
    expect(text).toContain(msg('kind_installment'));

    const stored = await db().agreementByLender('Ant Credit Pay');
    expect(stored).toMatchObject({ kind: 'installment', amountFen: 123456, dueDate: due });
    expect(stored?.plan?.dues.map((d) => d.amountFen)).toEqual([61728, 61728]);
    const reminders = await db().reminders(stored?.id);
    // Which steps lie ahead depends on the weekday and holidays; the due day is always one of them.
    expect(reminders.map((r) => r.code)).toContain('pay');
    expect(reminders.every((r) => r.pending === 1 && r.notifiedAt === null)).toBe(true);
  });

  it('an overdue agreement is claimed by the background at once', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: 'JD Baitiao', kind: 'kind_extension', amount: '88', dueDate: day(-3) });
    const agreement = await db().agreementByLender('JD Baitiao');
    if (!agreement) throw new Error('the agreement was not stored');
    const reminders = await poll(
      'the background to claim the overdue reminder',
      () => db().reminders(agreement.id),
      (list) => list.some((r) => r.code === 'pay' && r.notifiedAt !== null),
    );
    const claimed = reminders.find((r) => r.code === 'pay');
    // Shown, and back tomorrow at the reminder hour: an overdue payment repeats daily until done.
    expect(claimed).toMatchObject({ pending: 1, fireAt: await browserInstant(popup.page, day(1), 9) });
    // The credit-report warning (the 4th day overdue, tomorrow) is still waiting.
    expect(reminders.find((r) => r.code === 'credit-report-risk')).toMatchObject({ pending: 1, notifiedAt: null });
    expect(claimed?.notifiedAt).toEqual(expect.any(Number));
    expect(Math.abs((claimed?.notifiedAt ?? 0) - (await browserNow(popup.page)))).toBeLessThan(60_000);
    expect(await popup.rowText('JD Baitiao')).toContain(msg('overdueBy', dayCount(3, 'en')));
    const row = await popup.row('JD Baitiao');
    expect(await row.evaluate((el) => el.className)).toContain('urgency-overdue');
    // Only what was due was claimed: reminders of other agreements are still waiting.
    const now = await browserNow(popup.page);
    const others = (await db().reminders()).filter((r) => r.agreementId !== agreement.id && r.fireAt > now);
    expect(others.every((r) => r.pending === 1 && r.notifiedAt === null)).toBe(true);
  });

  it('side panel session: a note added with Enter, and the note being typed survives closing the page', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: 'WeBank Weilidai', kind: 'kind_waiver', amount: '3000', dueDate: day(20) });
    const agreement = await db().agreementByLender('WeBank Weilidai');
    if (!agreement) throw new Error('the agreement was not stored');
    let panel = await openPanel();
    expect(await panel.pick('WeBank Weilidai')).toBe(agreement.id);
    const [session] = await poll('the session of the agreement', () => db().sessions(agreement.id), (list) => list.length === 1);
    if (!session) throw new Error('no session');
    expect(session.lender).toBe('WeBank Weilidai');

    const first = 'Agent Li: 6 installments.';
    await (await panel.notes()).type(first);
    await poll('the saved status', () => panel.status(), (text) => msg.pattern('notesSaved').test(text));
    expect((await db().sessions(agreement.id))[0]?.draft).toBe(first);
    await (await panel.notes()).press('Enter');
    await poll('the added note', () => db().sessionNotes(session.id), (notes) => notes.length === 1 && notes[0]?.text === first);
    expect(await panel.noteTexts()).toEqual([first]);
    await panel.page.waitForFunction(() => document.querySelector('textarea')?.value === '');

    await ext.collectResourceEntries();
    const more = 'Call Monday.';
    await (await panel.notes()).type(more);
    // Key events reach the page asynchronously in Firefox: close once the page has them all.
    await panel.page.waitForFunction((text) => document.querySelector('textarea')?.value === text, {}, more);
    await panel.page.close();
    // Read before reopening the panel: the page's own flush must have written it.
    await poll('the flushed draft in IndexedDB', () => db().sessions(agreement.id), (list) => list[0]?.draft === more);

    panel = await openPanel();
    await panel.pick('WeBank Weilidai');
    expect(await (await panel.notes()).evaluate((el) => (el as HTMLTextAreaElement).value)).toBe(more);
    expect(await panel.noteTexts()).toEqual([first]);
    expect(await db().sessions(agreement.id)).toHaveLength(1);
    await ext.closePage(panel.page);
  });

  it('made no network request outside the extension', async () => {
    await ext.collectResourceEntries();
    // Every request Firefox makes goes through the recording proxy; page request events and
    // resource timing are collected too (Firefox reports no moz-extension:// loads through either).
    expect(ext.network.foreign(ext.origin)).toEqual([]);
  });

  it('(control) a request from an extension page or the background would have been seen', async () => {
    const page = await ext.openPage('popup.html', FirefoxPopup.readySelector(msg));
    const url = (from: string) => `${ext.probeUrl}?from=${from}`;
    expect(await page.evaluate((u) => fetch(u).then((r) => r.text()), url('page'))).toBe('probe');
    expect(
      await page.evaluate(async (u) => {
        const api = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window | null> } } }).browser;
        const background = await api.runtime.getBackgroundPage();
        return background ? background.fetch(u).then((r) => r.text()) : 'no background page';
      }, url('background')),
    ).toBe('probe');
    await ext.closePage(page);
    const seenBy = (from: string) => new Set(ext.network.entries.filter((e) => e.url === url(from)).map((e) => e.source.split(' ')[0]));
    expect(seenBy('page')).toEqual(new Set(['proxy', 'request']));
    expect(seenBy('background')).toEqual(new Set(['proxy']));
  });
});

