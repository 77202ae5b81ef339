import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumExtension } from './support/chromium';
import { ChromiumPopup, ChromiumSidePanel } from './support/chromium-pages';
import { browserDays } from './support/dates';
import { loadMessages } from './support/messages';
import { poll } from './support/wait';

const msg = loadMessages('zh_CN');

describe('Chromium, zh-CN: a chat session in the side panel', () => {
  let ext: ChromiumExtension;

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'zh-CN' });
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  it('takes tagged notes, turns the session into an agreement with a follow-up reminder, and exports it', async () => {
    const panel = await new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 400, height: 900 }), msg).ready();
    const day = await browserDays(panel.page);
    const due = day(20);
    // No agreement yet: the general session.
    await panel.field('sessionLender').fill('借呗');
    await panel.field('sessionAgent').fill('王女士 8821');
    await panel.field('sessionTicket').fill('T-2026-118');
    const offer = `同意展期，先还1,200元，${due}前还清`;
    const promise = '客服承诺3个工作日内回复';
    await panel.addNote(offer);
    await panel.tag(offer, 'tag_offer');
    await panel.addNote(promise);
    await panel.tag(promise, 'tag_promise');
    await panel.addNote('能不能减免罚息？');
    await panel.tag('能不能减免罚息？', 'tag_question');

    // Amounts and dates typed in a note are recognised under it.
    expect(await panel.note(offer).locator('.chip').allTextContents()).toEqual(['¥1,200.00', expect.any(String)]);
    const [session] = await poll('the general session', () => ext.db.sessions(null), (list) => list[0]?.ticket === 'T-2026-118');
    if (!session) throw new Error('no session');
    expect(session).toMatchObject({ lender: '借呗', agentName: '王女士 8821' });
    const notes = await ext.db.sessionNotes(session.id);
    expect(notes.map((n) => [n.text, n.tags])).toEqual([
      [offer, ['offer']],
      [promise, ['promise']],
      ['能不能减免罚息？', ['question']],
    ]);

    // Turn into agreement: the form comes prefilled from the offer.
    await panel.button('sessionToAgreement').click();
    const form = panel.page.getByRole('form', { name: msg('addAgreement') });
    expect(await form.getByLabel(msg('fieldLender'), { exact: true }).inputValue()).toBe('借呗');
    expect(await form.getByLabel(msg('fieldAmount'), { exact: true }).inputValue()).toBe('1200.00');
    expect(await form.getByLabel(msg('fieldDueDate'), { exact: true }).inputValue()).toBe(due);
    expect(await form.getByRole('radio', { name: msg('kind_extension'), exact: true }).isChecked()).toBe(true);
    await form.getByRole('button', { name: msg('save'), exact: true }).click();

    const agreement = await poll('the new agreement', () => ext.db.agreementByLender('借呗'), (a) => a !== undefined);
    if (!agreement) throw new Error('no agreement');
    expect(agreement).toMatchObject({ kind: 'extension', amountFen: 120_000, dueDate: due });
    expect((await poll('the linked session', () => ext.db.sessions(agreement.id), (list) => list.length === 1))[0]?.id).toBe(session.id);
    const followUps = (await ext.db.reminders(agreement.id)).filter((r) => r.code === 'follow-up');
    expect(followUps).toHaveLength(1);
    const followUpDay = followUps[0]?.fireDate ?? '';
    expect(followUpDay > day(0)).toBe(true);
    expect(followUpDay <= day(7)).toBe(true);
    // The panel now shows the agreement and the same session, notes kept.
    expect(await panel.picker.inputValue()).toBe(agreement.id);
    await expect.poll(() => panel.noteItems.count()).toBe(3);

    // The popup lists it with its next step, the promised follow-up, and warns: no written confirmation yet.
    let popup = await new ChromiumPopup(await ext.openPage('popup.html'), msg).ready();
    const row = popup.row('借呗');
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain(msg('confirmMissing'));
    expect(await row.textContent()).toContain(msg('step_follow_up'));
    await ext.closePage(popup.page);

    await panel.button('confirmAsk').click();
    await panel.field('confirmChannelLabel').selectOption('email');
    await panel.button('confirmReceive').click();
    await poll('the confirmation stamp', () => ext.db.sessions(agreement.id), (list) => list[0]?.confirmationChannel === 'email');
    popup = await new ChromiumPopup(await ext.openPage('popup.html'), msg).ready();
    await popup.row('借呗').waitFor();
    expect(await popup.row('借呗').textContent()).not.toContain(msg('confirmMissing'));
    await ext.closePage(popup.page);

    // Export: a Markdown file with the header, every note with its tags, and the confirmation.
    const [download] = await Promise.all([panel.page.waitForEvent('download'), panel.button('sessionExport').click()]);
    expect(download.suggestedFilename()).toMatch(/^借呗-\d{4}-\d{2}-\d{2}-\d{4}\.md$/);
    const markdown = readFileSync(await download.path(), 'utf8');
    expect(markdown).toContain(`# ${msg('exportTitle', '借呗', day(0))}`);
    expect(markdown).toContain('王女士 8821');
    expect(markdown).toContain('T-2026-118');
    expect(markdown).toMatch(new RegExp(`- \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\[${msg('tag_offer')}\\] ${offer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(markdown).toContain(`[${msg('tag_promise')}] ${promise}`);
    expect(markdown).toContain(msg('confirm_email'));
    await ext.closePage(panel.page);
  });
});
