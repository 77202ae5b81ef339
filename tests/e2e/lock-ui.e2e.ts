import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumExtension } from './support/chromium';
import { browserDays } from './support/dates';
import { LockSectionPage, UnlockScreenPage } from './support/lock-pages';
import { loadMessages, type LocaleDir } from './support/messages';
import { SCREENSHOTS_DIR } from './support/paths';
import { PopupScreen } from './support/popup-pages';

const PASSPHRASE = '周五发工资 先还花呗 再还借呗';

/** The whole text a page shows (what a person looking over the shoulder would read). */
const visibleText = (page: PopupScreen['page']) => page.locator('body').innerText();

async function openLockSection(ext: ChromiumExtension, msg: ReturnType<typeof loadMessages>): Promise<LockSectionPage> {
  return new LockSectionPage(await ext.openPage('options.html', { width: 900, height: 1600 }), msg).ready();
}

describe('Chromium, zh-CN: the lock, from turning it on to unlocking the popup', () => {
  const msg = loadMessages('zh_CN');
  let ext: ChromiumExtension;
  let popup: PopupScreen;

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'zh-CN' });
    popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  it('turns on only after the warning is acknowledged and the passphrase follows the rule', async () => {
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: '借呗', kind: 'kind_extension', amount: '1234.56', dueDate: day(20) });
    await popup.addAgreement({ lender: '美团借钱', kind: 'kind_waiver', amount: '500', dueDate: day(9) });
    // With the lock off there is nothing to lock.
    expect(await popup.page.getByRole('button', { name: msg('lockNow'), exact: true }).count()).toBe(0);

    const lock = await openLockSection(ext, msg);
    await expect.poll(() => lock.section.getByText(msg('lockNoRecovery'), { exact: true }).isVisible()).toBe(true);
    await lock.section.screenshot({ path: join(SCREENSHOTS_DIR, 'lock-options-off-zh.png') });

    await lock.turnOn({ understood: false, passphrase: PASSPHRASE });
    await lock.alert.filter({ hasText: msg('lockUnderstandRequired') }).waitFor();
    await lock.turnOn({ understood: true, passphrase: '太短了' });
    await lock.alert.filter({ hasText: msg('passphraseTooShort', '12') }).waitFor();
    await lock.turnOn({ understood: true, passphrase: PASSPHRASE, confirmation: `${PASSPHRASE}。` });
    await lock.alert.filter({ hasText: msg('passphraseMismatch') }).waitFor();
    // Nothing was turned on by the refusals.
    expect(await lock.turnOnForm.isVisible()).toBe(true);

    await lock.turnOn({ understood: true, passphrase: PASSPHRASE, autoLockLabel: msg('lockAfterMinutes', '30') });
    await lock.status.filter({ hasText: msg('lockTurnedOn') }).waitFor({ timeout: 20_000 });
    expect(await lock.section.getByText(msg('lockStatusOn'), { exact: true }).isVisible()).toBe(true);
    expect(await lock.autoLock.inputValue()).toBe('30');
    await lock.section.screenshot({ path: join(SCREENSHOTS_DIR, 'lock-options-on-zh.png') });

    // What is stored no longer names the lenders.
    const stored = JSON.stringify(await ext.db.dump());
    expect(stored).toContain('sealed');
    for (const secret of ['借呗', '美团借钱', '123456']) expect(stored).not.toContain(secret);
    await lock.page.close();
  });

  it('keeps the popup usable while unlocked, hides everything on "Lock now", refuses a wrong passphrase and opens with the right one', async () => {
    await popup.page.reload();
    await popup.ready();
    await popup.row('借呗').waitFor();
    await popup.row('美团借钱').waitFor();
    await popup.page.screenshot({ path: join(SCREENSHOTS_DIR, 'lock-popup-unlocked-zh.png') });

    // Other pages open at the same time lock too.
    const manage = await ext.openPage('manage.html', { width: 1100, height: 800 });
    await manage.getByRole('heading', { level: 1, name: msg('manageTitle'), exact: true }).waitFor();
    await manage.getByText('借呗', { exact: true }).first().waitFor();
    const panel = await ext.openPage('sidepanel.html', { width: 400, height: 800 });
    await panel.getByRole('heading', { level: 1, name: msg('panelTitle'), exact: true }).waitFor();
    await expect.poll(() => panel.getByRole('option').allTextContents()).toContainEqual(expect.stringContaining('借呗'));

    await popup.page.getByRole('button', { name: msg('lockNow'), exact: true }).click();
    const unlock = new UnlockScreenPage(popup.page, msg);
    await unlock.heading.waitFor();
    await unlock.form.waitFor();
    expect(await popup.page.getByText(msg('lockScreenIntro'), { exact: true }).isVisible()).toBe(true);
    expect(await unlock.passphrase.getAttribute('type')).toBe('password');
    await new UnlockScreenPage(manage, msg).heading.waitFor();
    await new UnlockScreenPage(panel, msg).heading.waitFor();
    expect(await panel.getByRole('option').count()).toBe(0);
    for (const page of [popup.page, manage, panel]) {
      const text = await visibleText(page);
      for (const secret of ['借呗', '美团借钱', '1,234.56']) expect(text).not.toContain(secret);
    }
    await popup.page.screenshot({ path: join(SCREENSHOTS_DIR, 'lock-popup-unlock-zh.png') });

    // A reload stays locked: the page is not mounted before the passphrase.
    await popup.page.reload();
    await unlock.heading.waitFor();
    expect(await visibleText(popup.page)).not.toContain('借呗');

    await unlock.unlockWith('周五发工资 先还花呗 再还借钱');
    await unlock.alert.filter({ hasText: msg('lockErrWrongPassphrase') }).waitFor({ timeout: 20_000 });
    expect(await unlock.heading.isVisible()).toBe(true);
    expect(await visibleText(popup.page)).not.toContain('美团借钱');
    await popup.page.screenshot({ path: join(SCREENSHOTS_DIR, 'lock-popup-wrong-zh.png') });

    await unlock.unlockWith(PASSPHRASE);
    await popup.row('借呗').waitFor({ timeout: 20_000 });
    await popup.row('美团借钱').waitFor();
    expect(await unlock.heading.count()).toBe(0);
    // The other pages open with it.
    await manage.getByText('借呗', { exact: true }).first().waitFor();
    await panel.getByRole('heading', { level: 1, name: msg('panelTitle'), exact: true }).waitFor();
    await manage.close();
    await panel.close();
  });

  it('counts use of the page as activity, and locks an open page by itself at the idle deadline', async () => {
    const unlock = new UnlockScreenPage(popup.page, msg);
    await popup.row('借呗').waitFor();
    const lastActivity = () =>
      popup.page.evaluate(async () => ((await chrome.storage.session.get('unlockedSession')).unlockedSession as { lastActivityAt: number }).lastActivityAt);
    // Last use two minutes ago: a key press on the page moves it to now.
    const twoMinutesAgo = await popup.page.evaluate(async () => {
      const { unlockedSession } = await chrome.storage.session.get('unlockedSession');
      const at = Date.now() - 2 * 60_000;
      await chrome.storage.session.set({ unlockedSession: { ...(unlockedSession as object), lastActivityAt: at } });
      return at;
    });
    await popup.heading.click();
    await popup.page.keyboard.press('Tab');
    await expect.poll(lastActivity, { timeout: 10_000 }).toBeGreaterThan(twoMinutesAgo + 60_000);

    // As if the last use was 30 minutes ago less three seconds (the auto-lock chosen above is 30 minutes).
    await popup.page.evaluate(async () => {
      const { unlockedSession } = await chrome.storage.session.get('unlockedSession');
      const session = unlockedSession as { lastActivityAt: number };
      await chrome.storage.session.set({ unlockedSession: { ...session, lastActivityAt: Date.now() - 30 * 60_000 + 3_000 } });
    });
    await unlock.heading.waitFor({ timeout: 10_000 });
    expect(await visibleText(popup.page)).not.toContain('借呗');
    await unlock.unlockWith(PASSPHRASE);
    await popup.row('借呗').waitFor({ timeout: 20_000 });
  });

  it('changes the auto-lock time and the passphrase, then turns the lock off with the new one', async () => {
    const lock = await openLockSection(ext, msg);
    await lock.autoLock.selectOption({ label: msg('lockAfterMinutes', '5') });
    await lock.status.filter({ hasText: msg('lockAutoLockSaved', msg('lockAfterMinutes', '5')) }).waitFor();

    const next = '换个新口令 每月十五号还';
    await lock.changePassphrase({ current: '不是这个口令 不是这个口令', next });
    await lock.alert.filter({ hasText: msg('lockErrWrongPassphrase') }).waitFor({ timeout: 20_000 });
    await lock.changePassphrase({ current: PASSPHRASE, next: '短' });
    await lock.alert.filter({ hasText: msg('passphraseTooShort', '12') }).waitFor();
    await lock.changePassphrase({ current: PASSPHRASE, next });
    await lock.status.filter({ hasText: msg('lockChanged') }).waitFor({ timeout: 20_000 });

    await lock.turnOff(PASSPHRASE);
    await lock.alert.filter({ hasText: msg('lockErrWrongPassphrase') }).waitFor({ timeout: 20_000 });
    await lock.turnOff(next);
    await lock.status.filter({ hasText: msg('lockTurnedOff') }).waitFor({ timeout: 20_000 });
    await lock.turnOnForm.waitFor();
    const stored = JSON.stringify(await ext.db.dump());
    expect(stored).toContain('借呗');

    await popup.page.reload();
    await popup.ready();
    await popup.row('借呗').waitFor();
    expect(await popup.page.getByRole('button', { name: msg('lockNow'), exact: true }).count()).toBe(0);
    await lock.page.close();
  });
});

describe('Chromium, English: the unlock screen', () => {
  const locale: LocaleDir = 'en';
  const msg = loadMessages(locale);
  let ext: ChromiumExtension;

  beforeAll(async () => {
    ext = await launchChromium({ lang: 'en-US' });
  });

  afterAll(async () => {
    await (ext as ChromiumExtension | undefined)?.close();
  });

  it('says what is going on, in English, and hides the lender', async () => {
    const popup = await new PopupScreen(await ext.openPage('popup.html'), msg).ready();
    const day = await browserDays(popup.page);
    await popup.addAgreement({ lender: 'Jiebei', kind: 'kind_extension', amount: '800', dueDate: day(5) });
    const lock = await openLockSection(ext, msg);
    await lock.turnOn({ understood: true, passphrase: 'payday friday first huabei' });
    await lock.status.filter({ hasText: msg('lockTurnedOn') }).waitFor({ timeout: 20_000 });
    await lock.section.screenshot({ path: join(SCREENSHOTS_DIR, 'lock-options-on-en.png') });

    // "Lock now" on the options page locks both pages.
    await lock.section.getByRole('button', { name: msg('lockNow'), exact: true }).click();
    const unlock = new UnlockScreenPage(popup.page, msg);
    await unlock.heading.waitFor();
    await new UnlockScreenPage(lock.page, msg).heading.waitFor();
    expect(await popup.page.getByText(msg('lockScreenIntro'), { exact: true }).isVisible()).toBe(true);
    expect(await visibleText(popup.page)).not.toContain('Jiebei');
    await popup.page.screenshot({ path: join(SCREENSHOTS_DIR, 'lock-popup-unlock-en.png') });

    await unlock.unlockWith('payday friday first jiebei');
    await unlock.alert.filter({ hasText: msg('lockErrWrongPassphrase') }).waitFor({ timeout: 20_000 });
    await unlock.unlockWith('payday friday first huabei');
    await popup.row('Jiebei').waitFor({ timeout: 20_000 });
    await popup.page.getByRole('button', { name: msg('lockNow'), exact: true }).waitFor();
    await popup.page.screenshot({ path: join(SCREENSHOTS_DIR, 'lock-popup-unlocked-en.png') });
  });
});
