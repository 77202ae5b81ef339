import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { ROOT } from './paths';

/** browser_specific_settings.gecko.id in wxt.config.ts (also in firefox.ts). */
const ADDON_ID = 'repay-companion@example.org';

/**
 * A temporary add-on (what installExtension makes) is removed when Firefox closes, so a restart
 * test needs the add-on installed in the profile itself: the build, packed as
 * `<profile>/extensions/<id>.xpi`, is picked up at every start. Firefox ESR accepts it unsigned
 * with xpinstall.signatures.required off; autoDisableScopes 0 enables it without asking.
 */
export const PROFILE_ADDON_PREFS: Record<string, unknown> = {
  'xpinstall.signatures.required': false,
  'extensions.autoDisableScopes': 0,
  'extensions.enabledScopes': 15,
};

export function installIntoProfile(profileDir: string, buildDir: string): void {
  const extensions = join(profileDir, 'extensions');
  mkdirSync(extensions, { recursive: true });
  // web-ext replaces the '@' of a file name; Firefox wants the add-on id exactly.
  const packed = 'repay-companion.xpi';
  execFileSync(
    join(ROOT, 'node_modules', '.bin', 'web-ext'),
    ['build', '--source-dir', buildDir, '--artifacts-dir', extensions, '--filename', packed, '--overwrite-dest'],
    { stdio: 'ignore' },
  );
  renameSync(join(extensions, packed), join(extensions, `${ADDON_ID}.xpi`));
}

/**
 * Turns the extension's quiet hours off through one of its pages (extension storage is reachable
 * only from inside), so that tests do not depend on the hour they run at.
 */
export async function disableQuietHours(browser: Browser, origin: string): Promise<void> {
  const page = await browser.newPage();
  // page.goto to moz-extension:// never settles: start it and ask the page until it answers.
  page.goto(`${origin}/popup.html`).catch(() => undefined);
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const done = await page.evaluate(async () => {
        if (location.protocol !== 'moz-extension:') return false;
        const api = (globalThis as unknown as { browser: { storage: { local: { set(v: object): Promise<void> } } } }).browser;
        // As in the Chromium launcher: no quiet hours, no extra reminders before a due date.
        await api.storage.local.set({ reminderSettings: { quietHoursEnabled: false, extraLeadDays: [] } });
        return true;
      });
      if (done) break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error('No extension page answered to turn quiet hours off');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await page.close();
}
