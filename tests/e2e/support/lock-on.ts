import type { ElementHandle, Page } from 'puppeteer-core';
import type { ChromiumExtension } from './chromium';
import type { FirefoxExtension } from './firefox';
import { control, one } from './firefox-controls';
import { aria } from './firefox-pages';
import { LockSectionPage } from './lock-pages';
import type { Messages } from './messages';

/**
 * Turning the lock on as a user does, on the options page, for suites that need it on: the real key
 * derivation (600,000 PBKDF2 iterations) and the real conversion of the records. Both wait for
 * "the lock is on"; turnOnLockIn… close the options page.
 */

/** Room for the key derivation and the conversion on a slow machine. */
const TURN_ON_TIMEOUT_MS = 30_000;

export async function turnOnLockInChromium(ext: ChromiumExtension, msg: Messages, passphrase: string): Promise<void> {
  const lock = await new LockSectionPage(await ext.openPage('options.html', { width: 900, height: 1600 }), msg).ready();
  await lock.turnOn({ understood: true, passphrase });
  await lock.status.filter({ hasText: msg('lockTurnedOn') }).waitFor({ timeout: TURN_ON_TIMEOUT_MS });
  await ext.closePage(lock.page);
}

/** Fills the options page's turn-on form (warning ticked, passphrase twice) and returns its button, not pressed. */
export async function fillTurnOnInFirefox(options: Page, msg: Messages, passphrase: string): Promise<ElementHandle> {
  const form = await one(options, aria(msg('lockTurnOn'), 'form'));
  await (await control(form, msg('lockUnderstand'))).click();
  for (const label of [msg('lockPassphrase'), msg('lockPassphraseConfirm')]) await (await control(form, label)).type(passphrase);
  return one(form, aria(msg('lockTurnOn'), 'button'));
}

/** Waits until the page shows one of these texts (a status or an alert) and returns it. */
export async function shownText(page: Page, texts: string[], timeout = TURN_ON_TIMEOUT_MS): Promise<string> {
  const handle = await page.waitForFunction(
    (wanted: string[]) => [...document.querySelectorAll('[role=status], [role=alert]')].map((el) => el.textContent).find((text) => wanted.includes(text)),
    { timeout },
    texts,
  );
  return (await handle.jsonValue()) as string;
}

/** Opens the options page, turns the lock on there and waits until it says so; the page stays open. */
export async function lockOnInFirefoxOptions(ext: FirefoxExtension, msg: Messages, passphrase: string): Promise<Page> {
  const options = await ext.openPage('options.html', aria(msg('lockTitle'), 'region'), { width: 900, height: 1400 });
  await (await fillTurnOnInFirefox(options, msg, passphrase)).click();
  await shownText(options, [msg('lockTurnedOn')]);
  return options;
}

export async function turnOnLockInFirefox(ext: FirefoxExtension, msg: Messages, passphrase: string): Promise<void> {
  await ext.closePage(await lockOnInFirefoxOptions(ext, msg, passphrase));
}
