import { rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { buildWithSitesAllowed } from './chat-page';
import { launchChromium, type ChromiumExtension } from './chromium';
import { launchFirefox, type FirefoxExtension } from './firefox';
import { CHROME_BUILD } from './paths';

export interface TwoDevices<S> {
  server: S;
  /** Chromium in en-US, with a build that may reach 127.0.0.1 (as if the user had allowed the server). */
  chromium: ChromiumExtension;
  /** Firefox ESR, which grants the server's origin inside the click (see FirefoxSyncPage) and reaches it directly. */
  firefox: FirefoxExtension;
}

/**
 * Two devices of one vault on a server started here: registers the suite's beforeAll (server,
 * browsers) and afterAll (each closed, the build removed); the fields are set once beforeAll ran.
 */
export function chromiumAndFirefox<S extends { stop(): Promise<void> }>(startServer: () => Promise<S>): TwoDevices<S> {
  const devices = {} as TwoDevices<S>;
  let build: string | undefined;

  beforeAll(async () => {
    devices.server = await startServer();
    build = buildWithSitesAllowed(CHROME_BUILD, ['http://127.0.0.1/*']);
    devices.chromium = await launchChromium({ lang: 'en-US', buildDir: build });
    devices.firefox = await launchFirefox({ extraPrefs: { 'network.proxy.type': 0, 'extensions.webextOptionalPermissionPrompts': false } });
  });

  afterAll(async () => {
    const { chromium, firefox, server } = devices as Partial<TwoDevices<S>>;
    await chromium?.close();
    await firefox?.close();
    await server?.stop();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  return devices;
}

export interface TwoProfiles<S> {
  server: S;
  /** Two Chromium profiles in one language, with a build that may reach 127.0.0.1: the office computer and the home one. */
  office: ChromiumExtension;
  home: ChromiumExtension;
}

/** Two Chromium profiles as two devices of one vault, set up and closed as chromiumAndFirefox does. */
export function twoChromiumProfiles<S extends { stop(): Promise<void> }>(lang: 'zh-CN' | 'en-US', startServer: () => Promise<S>): TwoProfiles<S> {
  const devices = {} as TwoProfiles<S>;
  let build: string | undefined;

  beforeAll(async () => {
    devices.server = await startServer();
    build = buildWithSitesAllowed(CHROME_BUILD, ['http://127.0.0.1/*']);
    devices.office = await launchChromium({ lang, buildDir: build });
    devices.home = await launchChromium({ lang, buildDir: build });
  });

  afterAll(async () => {
    const { office, home, server } = devices as Partial<TwoProfiles<S>>;
    await office?.close();
    await home?.close();
    await server?.stop();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  return devices;
}
