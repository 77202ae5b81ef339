import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKLIST, SCENARIOS } from '../../lib/negotiation/scenarios';
import { launchChromium, type ChromiumExtension } from './support/chromium';
import { ChromiumPopup, ChromiumSidePanel } from './support/chromium-pages';
import { browserDays } from './support/dates';
import { loadMessages } from './support/messages';
import { SCREENSHOTS_DIR } from './support/paths';

const msg = loadMessages('zh_CN');
const installments = SCENARIOS.find((s) => s.id === 'installments');
const calmItem = CHECKLIST.find((c) => c.id === 'calm')?.text.zh ?? '';

describe('Chromium, zh-CN: the negotiation script in the side panel', () => {
  let ext: ChromiumExtension;

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'zh-CN' });
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  it('fills the script from the agreement and the typed figures, copies a line, and keeps checklist ticks with the chat session', async () => {
    if (!installments) throw new Error('no installments scenario');
    const popup = await new ChromiumPopup(await ext.openPage('popup.html'), msg).ready();
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '网商贷', kind: 'kind_deferral', amount: '36000', dueDate: day(12) });

    let panel = await new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 400, height: 900 }), msg).ready();
    await panel.pick('网商贷');
    await panel.openScript(installments.title.zh);

    const lines = panel.page.locator('.script-step .line');
    // From the agreement: the lender and the amount owed. Not known yet: the monthly amount.
    await expect.poll(() => lines.first().textContent()).toContain('网商贷');
    expect(await lines.first().textContent()).toContain('¥36,000.00');
    const proposal = lines.nth(1);
    expect(await proposal.textContent()).toContain(msg('missingSlot', msg('slot_monthly')));

    // Copying a line with a gap refuses and says what is missing.
    await panel.page.getByRole('button', { name: `${msg('copyLine')}: ${await proposal.textContent()}` }).click();
    expect(await panel.page.getByRole('status').first().textContent()).toContain(msg('slot_monthly'));

    await panel.figure('slot_monthly').fill('¥1,500');
    await panel.figure('slot_periods').fill('24');
    await panel.figure('slot_event').fill('公司裁员');
    const text = await proposal.textContent();
    expect(text).toBe('我现在每月能稳定还¥1,500。剩余欠款能否分24期，每期¥1,500？');
    // Chromium will not grant clipboard reading to an extension origin in tests: record what the
    // page hands to the real clipboard API instead (the call still goes through).
    await panel.page.evaluate(() => {
      const original = navigator.clipboard.writeText.bind(navigator.clipboard);
      const copies: string[] = [];
      (window as unknown as { copies: string[] }).copies = copies;
      navigator.clipboard.writeText = (data: string) => {
        copies.push(data);
        return original(data);
      };
    });
    await panel.page.getByRole('button', { name: `${msg('copyLine')}: ${text}` }).click();
    await expect.poll(() => panel.page.getByRole('status').first().textContent()).toBe(msg('copied'));
    expect(await panel.page.evaluate(() => (window as unknown as { copies: string[] }).copies)).toEqual([text]);

    const calm = panel.page.getByRole('checkbox', { name: calmItem });
    await calm.check();

    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await panel.page.screenshot({ path: join(SCREENSHOTS_DIR, 'sidepanel-script.png'), fullPage: true });

    // Figures are remembered for this agreement, ticks with its chat session, when the panel is opened again.
    await ext.closePage(panel.page);
    panel = await new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 400, height: 900 }), msg).ready();
    await panel.pick('网商贷');
    await panel.openScript(installments.title.zh);
    await expect.poll(() => panel.page.locator('.script-step .line').nth(1).textContent()).toBe(text);
    await expect.poll(() => panel.page.getByRole('checkbox', { name: calmItem }).isChecked()).toBe(true);

    // A new talk starts with a clean checklist; the figures stay.
    await panel.page.getByRole('tab', { name: msg('tabNotes') }).click();
    await panel.page.getByRole('button', { name: msg('sessionNew'), exact: true }).click();
    await panel.page.getByRole('tab', { name: msg('tabScript') }).click();
    await expect.poll(() => panel.page.getByRole('checkbox', { name: calmItem }).isChecked()).toBe(false);
    expect(await panel.page.locator('.script-step .line').nth(1).textContent()).toBe(text);
    await ext.closePage(panel.page);
    await ext.closePage(popup.page);
  });
});
