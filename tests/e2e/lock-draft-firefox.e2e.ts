import { launchFirefox, type FirefoxExtension } from './support/firefox';
import { FirefoxSidePanel } from './support/firefox-pages';
import { describeLockDraft } from './support/lock-draft-checks';
import { turnOnLockInFirefox } from './support/lock-on';
import { loadMessages } from './support/messages';

// Firefox ESR here runs in en-US.
const msg = loadMessages('en');
const PASSPHRASE = 'payday friday first huabei';

describeLockDraft<FirefoxExtension, FirefoxSidePanel>('Firefox ESR, en-US: with the lock on, the note being typed survives closing the side panel', {
  msg,
  texts: { first: 'Agent Li agreed to 6 installments.', more: ' Call back Monday at 10.', firstSecret: 'Agent Li', moreSecret: 'Monday' },
  launch: () => launchFirefox(),
  turnOn: (ext) => turnOnLockInFirefox(ext, msg, PASSPHRASE),
  openPanel: async (ext) => new FirefoxSidePanel(await ext.openPage('sidepanel.html', FirefoxSidePanel.readySelector(msg), { width: 400, height: 700 }), msg),
  closePanel: (ext, panel) => ext.closePage(panel.page),
  type: async (panel, text) => {
    await (await panel.notes()).type(text);
  },
  saveStatus: (panel) => panel.status(),
  typeAndCloseAtOnce: async (panel, more, whole) => {
    await (await panel.notes()).type(more);
    // Key events reach the page asynchronously in Firefox: close once the page has them all.
    await panel.page.waitForFunction((text) => document.querySelector('textarea')?.value === text, {}, whole);
    await panel.page.close();
  },
  noteValue: async (panel) => (await panel.notes()).evaluate((el) => (el as HTMLTextAreaElement).value),
  sessionStorageText: (panel) =>
    panel.page.evaluate(async () => {
      const api = (globalThis as unknown as { browser: { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } } }).browser;
      return JSON.stringify(await api.storage.session.get(null));
    }),
  dump: (ext, panel) => ext.db(panel.page).dump(),
});
