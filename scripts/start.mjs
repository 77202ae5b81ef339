#!/usr/bin/env node
// `npm start`: build the Chrome version and open Chromium with it loaded, in a fresh profile.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensurePackages } from './browsers.mjs';

const extensionDir = resolve('.output/chrome-mv3');

const candidates = () =>
  [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(
    (path) => path && existsSync(path),
  );
// No Chromium or Chrome yet: Debian's chromium, installed when run as root or with CI=true
// (otherwise the command to run is printed, and the extension is still built).
if (candidates().length === 0) ensurePackages(['chromium']);

const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const [browser] = candidates();
const loadByHand = `Load it by hand: open chrome://extensions, turn on Developer mode, click "Load unpacked" and choose ${extensionDir}`;

if (!browser) {
  console.error(`\nThe extension is built in ${extensionDir}, but no Chromium was found.`);
  console.error('Install it (Debian: apt-get install chromium) or set CHROME_PATH to a Chromium or Chrome binary.');
  console.error(loadByHand);
  process.exit(1);
}

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(`\nThe extension is built in ${extensionDir}, but this machine has no display to open a browser on`);
  console.error('(neither DISPLAY nor WAYLAND_DISPLAY is set). Run `npm start` from a desktop session, or use xvfb-run.');
  console.error(loadByHand);
  process.exit(1);
}

const profile = mkdtempSync(join(tmpdir(), 'repay-companion-profile-'));
const args = [
  `--user-data-dir=${profile}`,
  `--disable-extensions-except=${extensionDir}`,
  `--load-extension=${extensionDir}`,
  '--no-first-run',
  '--no-default-browser-check',
  // Chromium refuses to run as root without this.
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  'chrome://extensions',
];
console.log(`\nOpening ${browser} with the extension loaded (fresh profile in ${profile}).`);
console.log('Pin "还款协商助手 / Repay Companion" from the puzzle-piece menu, then click it to open the popup.');
spawn(browser, args, { stdio: 'ignore', detached: true }).unref();
