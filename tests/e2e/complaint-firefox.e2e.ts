import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserDays } from './support/dates';
import { launchFirefox, type FirefoxExtension } from './support/firefox';
import { aria, FirefoxPopup, FirefoxSidePanel } from './support/firefox-pages';
import { loadMessages } from './support/messages';
import { poll } from './support/wait';

// Firefox ESR here runs in en-US: the pages show their English messages.
const msg = loadMessages('en');

describe('Firefox ESR, en-US: the complaint draft and a chat that updates its agreement', () => {
  let ext: FirefoxExtension;

  beforeAll(async () => {
    ext = await launchFirefox();
  });

  afterAll(async () => {
    await (ext as FirefoxExtension | undefined)?.close();
  });

  it('copies the draft it shows, then applies the notes to the linked agreement, which the popup then shows', async () => {
    let popup = new FirefoxPopup(await ext.openPage('popup.html', FirefoxPopup.readySelector(msg)), msg);
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: 'Jiebei', kind: 'kind_extension', amount: '12000', dueDate: day(10) });
    await ext.closePage(popup.page);

    const panel = new FirefoxSidePanel(await ext.openPage('sidepanel.html', FirefoxSidePanel.readySelector(msg), { width: 400, height: 900 }), msg);
    const page = panel.page;
    const agreementId = await panel.pick('Jiebei');
    const promise = 'The agent promised no more calls to my family';
    await panel.addNote('A collector called my mother three times today');
    await panel.addNote(promise);
    await panel.tag(promise, 'tag_promise');

    // The draft, and Copy hands exactly its text to the clipboard.
    await page.evaluate(() => {
      const w = window as unknown as { copies: string[] };
      w.copies = [];
      const original = navigator.clipboard.writeText.bind(navigator.clipboard);
      navigator.clipboard.writeText = (data: string) => {
        w.copies.push(data);
        return original(data);
      };
    });
    await panel.click('sessionComplaint');
    const preview = await page.waitForSelector(aria(msg('complaintPreviewLabel')), { timeout: 5_000 });
    if (!preview) throw new Error('no draft');
    // The promise marked as not kept: the draft says so, and the mark is saved with the chat.
    const promises = await page.waitForSelector(aria(msg('complaintPromisesLegend'), 'group'), { timeout: 5_000 });
    const outcome = await promises?.$('select');
    if (!outcome) throw new Error('no choice for the promise');
    expect(await outcome.evaluate((el) => el.value)).toBe('');
    await outcome.select('broken');
    // The promise's line of the draft (its own message) now says "not kept".
    await page.waitForFunction(
      (line, text, outcome) =>
        (document.querySelector('pre.complaint-text')?.textContent.split('\n') ?? []).some((shown) => new RegExp(line).test(shown) && shown.includes(text) && shown.includes(outcome)),
      { timeout: 5_000 },
      msg.pattern('complaintPromiseLine').source,
      promise,
      msg('complaintPromiseBroken'),
    );
    const marked = await poll('the mark saved with the chat', () => ext.db(page).sessions(agreementId), (list) => Object.values(list[0]?.promiseOutcomes ?? {}).includes('broken'));
    expect(Object.keys(marked[0]?.promiseOutcomes ?? {})).toHaveLength(1);
    const text = await preview.evaluate((el) => el.textContent);
    expect(text.split('\n')[0]).toBe(msg('complaintTitle', 'Jiebei'));
    expect(text).toContain(promise);
    expect(text).toContain(msg('complaintEvidenceNone'));
    expect(text).toContain(msg('complaintFooter'));
    await panel.click('complaintCopy');
    await page.waitForFunction((wanted) => [...document.querySelectorAll('[role=status]')].some((el) => el.textContent === wanted), { timeout: 5_000 }, msg('complaintCopied'));
    expect(await page.evaluate(() => (window as unknown as { copies: string[] }).copies)).toEqual([text]);
    await panel.click('complaintClose');
    // Opened again, the draft still has the mark.
    await panel.click('sessionComplaint');
    const again = await page.waitForSelector(aria(msg('complaintPromisesLegend'), 'group'), { timeout: 5_000 });
    expect(await (await again?.$('select'))?.evaluate((el) => el.value)).toBe('broken');
    await panel.click('complaintClose');

    // The linked chat's offer, shown before → after, then applied in place.
    const offer = `We agree to 6 installments, 2,100 yuan a month, from ${day(20)}`;
    await panel.addNote(offer);
    await panel.tag(offer, 'tag_offer');
    await panel.click('sessionUpdateAgreement');
    const list = await page.waitForSelector(aria(msg('updateListLabel'), 'list'), { timeout: 5_000 });
    if (!list) throw new Error('no list');
    const changes = await list.$$eval('li', (items) => items.map((li) => (li as HTMLElement).innerText.replace(/\s+/g, ' ')));
    expect(changes).toHaveLength(4);
    expect(changes[1]).toContain('¥12,000.00');
    expect(changes[1]).toContain('¥12,600.00');
    await panel.click('updateApply');
    await page.waitForFunction((wanted) => [...document.querySelectorAll('[role=status]')].some((el) => el.textContent === wanted), { timeout: 5_000 }, msg('updateApplied', 'Jiebei'));
    const updated = await poll('the updated agreement', () => ext.db(page).agreementByLender('Jiebei'), (a) => a?.kind === 'installment');
    expect(updated).toMatchObject({ id: agreementId, amountFen: 1_260_000, dueDate: day(20) });
    expect(await ext.db(page).agreements()).toHaveLength(1);

    popup = new FirefoxPopup(await ext.openPage('popup.html', FirefoxPopup.readySelector(msg)), msg);
    await poll('the row’s new figure', () => popup.rowText('Jiebei'), (t) => t.includes('¥2,100.00'));
    expect(await popup.rowText('Jiebei')).not.toContain('¥12,000.00');
    await ext.closePage(popup.page);
  });
});
