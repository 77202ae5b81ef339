import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserDays } from './support/dates';
import { launchFirefox, type FirefoxExtension } from './support/firefox';
import { FirefoxPopup, FirefoxSidePanel } from './support/firefox-pages';
import { inLine, loadMessages } from './support/messages';
import { poll } from './support/wait';

const msg = loadMessages('en');

describe('Firefox ESR, en-US: a chat session turned into an agreement', () => {
  let ext: FirefoxExtension;

  beforeAll(async () => {
    ext = await launchFirefox();
  });

  afterAll(async () => {
    await (ext as FirefoxExtension | undefined)?.close();
  });

  it('takes tagged notes, and the agreement made from them has its follow-up reminder in the popup', async () => {
    const panel = new FirefoxSidePanel(await ext.openPage('sidepanel.html', FirefoxSidePanel.readySelector(msg), { width: 400, height: 900 }), msg);
    const due = (await browserDays(panel.page))(25);
    const db = () => ext.db(panel.page);
    await (await panel.field('sessionLender')).type('Ant Credit Pay');
    const offer = `Agreed to defer: pay 800 yuan by ${due}`;
    const promise = 'they will reply within 3 working days';
    await panel.addNote(offer);
    await panel.tag(offer, 'tag_offer');
    await panel.addNote(promise);
    await panel.tag(promise, 'tag_promise');
    const [session] = await poll('the general session', () => db().sessions(null), (list) => list[0]?.lender === 'Ant Credit Pay');
    if (!session) throw new Error('no session');
    const notes = await poll('the tags', () => db().sessionNotes(session.id), (list) => list[1]?.tags.includes('promise') === true);
    expect(notes.map((n) => [n.text, n.tags])).toEqual([
      [offer, ['offer']],
      [promise, ['promise']],
    ]);

    await panel.click('sessionToAgreement');
    expect(await (await panel.field('fieldAmount')).evaluate((el) => (el as HTMLInputElement).value)).toBe('800.00');
    expect(await (await panel.field('kind_deferral')).evaluate((el) => (el as HTMLInputElement).checked)).toBe(true);
    await panel.click('save');

    const agreement = await poll('the new agreement', async () => (await db().agreements()).find((a) => a.lender === 'Ant Credit Pay'), (a) => a !== undefined);
    if (!agreement) throw new Error('no agreement');
    expect(agreement).toMatchObject({ kind: 'deferral', amountFen: 80_000, dueDate: due });
    await poll('the linked session', () => db().sessions(agreement.id), (list) => list[0]?.id === session.id);
    const followUps = (await db().reminders(agreement.id)).filter((r) => r.code === 'follow-up');
    expect(followUps).toHaveLength(1);

    const popup = new FirefoxPopup(await ext.openPage('popup.html', FirefoxPopup.readySelector(msg)), msg);
    const text = await poll('the warning on the row', () => popup.rowText('Ant Credit Pay'), (t) => t.includes(msg('confirmMissing')));
    expect(text).toContain(inLine(msg('step_follow_up')));
    await ext.closePage(popup.page);
    await ext.closePage(panel.page);
  });
});
