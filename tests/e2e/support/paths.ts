import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (this file is tests/e2e/support/paths.ts). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The build folder (`WXT_OUT_DIR`, as for `wxt build`), so separate builds can be tested side by side. */
const OUT_DIR = resolve(ROOT, process.env.WXT_OUT_DIR ?? '.output');
export const CHROME_BUILD = join(OUT_DIR, 'chrome-mv3');
export const FIREFOX_BUILD = join(OUT_DIR, 'firefox-mv3');
/** `npm run screenshots` points this at docs/screenshots; plain test runs keep the tree clean. */
export const SCREENSHOTS_DIR = resolve(ROOT, process.env.SCREENSHOT_DIR ?? '.output/screenshots');

export const CHROMIUM_BINARY = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_BINARY = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** The suites test what was built; they never build. Fail early and say what to run. */
export function requireBuild(dir: string, buildCommand: string): string {
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`No extension build in ${dir}. Build it first with \`${buildCommand}\`, then run the E2E tests again.`);
  }
  return dir;
}

export function requireBinary(path: string, hint: string): string {
  if (!existsSync(path)) throw new Error(`Browser not found at ${path}. ${hint}`);
  return path;
}
