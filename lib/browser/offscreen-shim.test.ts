import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answerOffscreen } from './offscreen';
import { LOCALES, type LocaleName } from '../../tests/locale-messages';
import { formatMessage, installOffscreenBrowser, localeCandidates, type LocaleMessages } from './offscreen-shim';

const localeFile = (locale: LocaleName) => LOCALES[locale] as LocaleMessages;

describe("the offscreen document's words", () => {
  it('substitute as chrome.i18n.getMessage does', () => {
    expect(formatMessage({ message: '$1: $2' }, ['借呗', 'Pay'])).toBe('借呗: Pay');
    expect(formatMessage({ message: 'Due in $1' }, '3 days')).toBe('Due in 3 days');
    // A missing substitution is left out; `$$` is a dollar sign.
    expect(formatMessage({ message: '$1 and $2' }, ['one'])).toBe('one and ');
    expect(formatMessage({ message: 'US$$ $1' }, ['5'])).toBe('US$ 5');
    // Named placeholders, of any case, become their content first.
    expect(formatMessage({ message: 'Pay $AMOUNT$ by $day$', placeholders: { amount: { content: '$1' }, DAY: { content: '$2' } } }, ['¥100', 'Friday'])).toBe('Pay ¥100 by Friday');
    // A key the file lacks is '' (t() then shows the key).
    expect(formatMessage(undefined, ['x'])).toBe('');
  });

  it('leave no mark unreplaced in either locale file', () => {
    for (const locale of ['en', 'zh_CN'] as const) {
      for (const [key, entry] of Object.entries(localeFile(locale))) {
        const text = formatMessage(entry, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']);
        expect(text, `${locale}: ${key}`).not.toMatch(/\$(?:[1-9]|[A-Za-z_]+\$)/);
      }
    }
  });

  it('come from the locale folder Chrome would pick', () => {
    expect(localeCandidates('zh-CN', 'zh_CN')).toEqual(['zh_CN', 'zh']);
    expect(localeCandidates('en-US', 'zh_CN')).toEqual(['en_US', 'en', 'zh_CN']);
    expect(localeCandidates('en', 'zh_CN')).toEqual(['en', 'zh_CN']);
    expect(localeCandidates('fr', 'zh_CN')).toEqual(['fr', 'zh_CN']);
  });
});

describe("the offscreen document's browser object", () => {
  const original = (globalThis as { browser?: unknown }).browser;
  afterEach(() => {
    (globalThis as { browser?: unknown }).browser = original;
  });

  /**
   * The document's chrome.runtime, wired to the worker's side (answerOffscreen over the fake
   * browser), and a fetch that serves the locale files: what Chrome gives the document.
   */
  function documentWith(committed: (change: unknown) => void = () => undefined) {
    const listeners: ((message: unknown) => unknown)[] = [];
    const chrome = {
      runtime: {
        id: 'test',
        getURL: (path: string) => `chrome-extension://test/${path}`,
        sendMessage: (message: unknown) => answerOffscreen(JSON.parse(JSON.stringify(message)), committed) ?? Promise.reject(new Error('No answer')),
        onMessage: { addListener: (listener: (message: unknown) => unknown) => listeners.push(listener), removeListener: () => undefined },
      },
    };
    vi.stubGlobal('chrome', chrome);
    const fetched: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      fetched.push(url);
      const locale = /_locales\/([^/]+)\//.exec(url)?.[1] ?? '';
      if (locale !== 'en' && locale !== 'zh_CN') return Promise.reject(new TypeError('Failed to fetch'));
      return Promise.resolve(new Response(JSON.stringify(localeFile(locale))));
    });
    /** The worker forwarding a storage change, as forwardStorageChanges sends it. */
    const forward = (message: unknown) => {
      for (const listener of listeners) listener(message);
    };
    return { fetched, forward };
  }

  const documentBrowser = () => (globalThis as { browser?: unknown }).browser as typeof fakeBrowser;

  it('reads and writes the worker’s storage, and asks it for the host permission', async () => {
    documentWith();
    await installOffscreenBrowser('zh-CN');
    const browser = documentBrowser();
    await fakeBrowser.storage.local.set({ syncAccount: { url: 'https://dav.example/' } });
    expect(await browser.storage.local.get('syncAccount')).toEqual({ syncAccount: { url: 'https://dav.example/' } });
    await browser.storage.session.set({ unlockedSession: { key: 'k' } });
    expect(await fakeBrowser.storage.session.get('unlockedSession')).toEqual({ unlockedSession: { key: 'k' } });
    await browser.storage.local.remove('syncAccount');
    expect(await fakeBrowser.storage.local.get('syncAccount')).toEqual({});
    Object.assign(fakeBrowser.permissions, { contains: () => Promise.resolve(true) });
    expect(await browser.permissions.contains({ origins: ['https://dav.example/*'] })).toBe(true);
  });

  it('passes an error of the worker’s call on as an error', async () => {
    documentWith();
    await installOffscreenBrowser('en');
    Object.assign(fakeBrowser.permissions, { contains: () => Promise.reject(new Error('Invalid pattern')) });
    await expect(documentBrowser().permissions.contains({ origins: ['nope'] })).rejects.toThrow('Invalid pattern');
  });

  it('hears the storage changes the worker forwards, and nothing else', async () => {
    const { forward } = documentWith();
    await installOffscreenBrowser('en');
    const heard: [unknown, string][] = [];
    documentBrowser().storage.onChanged.addListener((changes, area) => heard.push([changes, area]));
    forward({ name: 'data-changed', payload: {} });
    forward({ offscreen: 'storage-changed', area: 'session', changes: { unlockedSession: { oldValue: 1 } } });
    expect(heard).toEqual([[{ unlockedSession: { oldValue: 1 } }, 'session']]);
  });

  it('speaks the browser’s language, from its locale file', async () => {
    const { fetched } = documentWith();
    await installOffscreenBrowser('en-GB');
    expect(fetched).toEqual(['chrome-extension://test/_locales/en_GB/messages.json', 'chrome-extension://test/_locales/en/messages.json']);
    const browser = documentBrowser();
    expect(browser.i18n.getMessage('icsEventTitle', ['MYbank', 'Pay'])).toBe('MYbank: Pay');
    expect(browser.i18n.getUILanguage()).toBe('en-GB');

    documentWith();
    await installOffscreenBrowser('zh-CN');
    expect(documentBrowser().i18n.getMessage('totalOwed', ['¥1,000.00'])).toBe(formatMessage(localeFile('zh_CN').totalOwed, ['¥1,000.00']));
  });
});
