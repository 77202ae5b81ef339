import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumExtension } from './support/chromium';
import { ChromiumPopup } from './support/chromium-pages';
import { LockSectionPage, UnlockScreenPage } from './support/lock-pages';
import { loadMessages } from './support/messages';

const msg = loadMessages('zh_CN');
const FIRST = '第一个窗口 周五发工资先还花呗';
const SECOND = '第二个窗口 月底之前还清借呗';

describe('Chromium, zh-CN: two options pages turning the lock on at the same moment', () => {
  let ext: ChromiumExtension;

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'zh-CN' });
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  /** The turn-on form filled in, not sent: the button to press. */
  async function filled(lock: LockSectionPage, passphrase: string): Promise<Locator> {
    const form = lock.turnOnForm;
    await form.getByRole('checkbox', { name: msg('lockUnderstand'), exact: true }).setChecked(true);
    await form.getByLabel(msg('lockPassphrase'), { exact: true }).fill(passphrase);
    await form.getByLabel(msg('lockPassphraseConfirm'), { exact: true }).fill(passphrase);
    return form.getByRole('button', { name: msg('lockTurnOn'), exact: true });
  }

  /** What the page said once done: turned on here, or turned on in the other window. */
  async function outcome(lock: LockSectionPage): Promise<'on' | 'elsewhere'> {
    const on = lock.section.getByText(msg('lockTurnedOn'), { exact: true });
    const elsewhere = lock.section.getByText(msg('lockErrOnElsewhere'), { exact: true });
    await on.or(elsewhere).waitFor({ timeout: 30_000 });
    return (await on.count()) > 0 ? 'on' : 'elsewhere';
  }

  it('one turns it on, the other says so and changes nothing; every record opens with the one passphrase', async () => {
    const popup = await new ChromiumPopup(await ext.openPage('popup.html'), msg).ready();
    await popup.addAgreement({ lender: '借呗', kind: 'kind_extension', amount: '1234.56', dueDate: '2030-06-15' });
    await popup.addAgreement({ lender: '美团借钱', kind: 'kind_waiver', amount: '500', dueDate: '2030-07-01' });

    const [one, two] = await Promise.all([
      ext.openPage('options.html', { width: 900, height: 1600 }).then((page) => new LockSectionPage(page, msg).ready()),
      ext.openPage('options.html', { width: 900, height: 1600 }).then((page) => new LockSectionPage(page, msg).ready()),
    ]);
    // What makes the two wait for each other: Web Locks, shared by the pages of the extension.
    expect(await one.page.evaluate(() => typeof navigator.locks.request)).toBe('function');
    const buttons = [await filled(one, FIRST), await filled(two, SECOND)];
    // Both pressed before either has derived its key (600,000 PBKDF2 iterations): both find the lock
    // off. Clicked from inside the pages: a tab in the background paints no frames, so Playwright's
    // click would wait for it to become "stable".
    await Promise.all(buttons.map((button) => button.evaluate((el) => (el as HTMLButtonElement).click())));
    const outcomes = await Promise.all([outcome(one), outcome(two)]);
    expect([...outcomes].sort()).toEqual(['elsewhere', 'on']);
    const [winner, loser] = outcomes[0] === 'on' ? [FIRST, SECOND] : [SECOND, FIRST];

    const stored = JSON.stringify(await ext.db.dump());
    expect(stored).toContain('sealed');
    for (const secret of ['借呗', '美团借钱', '123456']) expect(stored).not.toContain(secret);

    // Readable with the key held now, and after locking, with the winner's passphrase only.
    await popup.page.reload();
    await popup.row('借呗').waitFor({ timeout: 20_000 });
    await popup.row('美团借钱').waitFor();
    await popup.page.getByRole('button', { name: msg('lockNow'), exact: true }).click();
    const unlock = new UnlockScreenPage(popup.page, msg);
    await unlock.heading.waitFor();
    await unlock.unlockWith(loser);
    await unlock.alert.filter({ hasText: msg('lockErrWrongPassphrase') }).waitFor({ timeout: 20_000 });
    await unlock.unlockWith(winner);
    await popup.row('借呗').waitFor({ timeout: 20_000 });
    await popup.row('美团借钱').waitFor();
    for (const lock of [one, two]) await ext.closePage(lock.page);
    await ext.closePage(popup.page);
  });
});
