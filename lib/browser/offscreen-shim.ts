import { answerSchema, answered, toOffscreenSchema, type FromOffscreen, type OffscreenCall } from './offscreen-protocol';

/**
 * The `browser` object of Chrome's offscreen document (./offscreen.ts). The document has only
 * `chrome.runtime`; the code it runs (sync, the calendar push) was written for the background and
 * uses storage, the host-permission check and i18n. This object gives it those:
 * - storage and permissions: each call is made by the worker, through a message;
 * - storage.onChanged: the changes the worker forwards;
 * - i18n: the locale file of the browser's language, read once, with Chrome's own substitution rules.
 *
 * It becomes `globalThis.browser` before any module that imports `wxt/browser` runs: the polyfill
 * then takes it as the browser's own. Only the members that code uses are here; another one is
 * undefined, and the job that needed it fails with that error in its status.
 */

/** One entry of a `_locales/<locale>/messages.json` file. */
export interface LocaleEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
export type LocaleMessages = Record<string, LocaleEntry>;

/**
 * `chrome.i18n.getMessage`'s result for an entry: named placeholders (`$amount$`, any case) become
 * their content, then `$1`…`$9` become the substitutions (missing ones: nothing), and `$$` is `$`.
 * A key the file lacks gives '' as in Chrome.
 */
export function formatMessage(entry: LocaleEntry | undefined, substitutions?: string | readonly string[]): string {
  if (entry === undefined) return '';
  const values = substitutions === undefined ? [] : typeof substitutions === 'string' ? [substitutions] : substitutions;
  const placeholders = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, value]) => [name.toLowerCase(), value.content]));
  const named = entry.message.replace(/\$([a-zA-Z0-9_@]+)\$/g, (whole, name: string) => placeholders[name.toLowerCase()] ?? whole);
  return named.replace(/\$(\$|[1-9])/g, (_whole, mark: string) => (mark === '$' ? '$' : (values[Number(mark) - 1] ?? '')));
}

/** The locale folders Chrome tries for a UI language, best first: `zh-CN` → zh_CN, zh; then the default. */
export function localeCandidates(uiLanguage: string, defaultLocale: string): string[] {
  const [language = '', region] = uiLanguage.replace('_', '-').split('-');
  const exact = region === undefined ? language : `${language}_${region.toUpperCase()}`;
  return [...new Set([exact, language, defaultLocale].filter((name) => name !== ''))];
}

/** The extension's default_locale (wxt.config.ts). */
const DEFAULT_LOCALE = 'zh_CN';

async function loadMessages(uiLanguage: string): Promise<LocaleMessages> {
  for (const locale of localeCandidates(uiLanguage, DEFAULT_LOCALE)) {
    try {
      const response = await fetch(chrome.runtime.getURL(`_locales/${locale}/messages.json`));
      if (!response.ok) continue;
      const file = (await response.json()) as LocaleMessages;
      // Chrome's keys are case-insensitive.
      return Object.fromEntries(Object.entries(file).map(([key, entry]) => [key.toLowerCase(), entry]));
    } catch {
      // no such locale folder: the next one
    }
  }
  throw new Error(`No locale file for ${uiLanguage}`);
}

type ChangeListener = (changes: Record<string, unknown>, area: string) => void;
type MessageListener = (message: unknown, sender: chrome.runtime.MessageSender) => Promise<unknown> | undefined;
type NativeListener = Parameters<typeof chrome.runtime.onMessage.addListener>[0];

async function callWorker(name: OffscreenCall, args: unknown[]): Promise<unknown> {
  const message: FromOffscreen = { offscreenCall: name, args };
  const answer = answerSchema.parse(await chrome.runtime.sendMessage(message));
  if (!answer.ok) throw new Error(answer.error);
  return answer.result;
}

const remote =
  (name: OffscreenCall) =>
  (...args: unknown[]) =>
    callWorker(name, args);

/**
 * Makes `globalThis.browser` the document's, and resolves once its words are loaded. Call it
 * before importing anything that uses `wxt/browser`.
 */
export function installOffscreenBrowser(uiLanguage: string): Promise<void> {
  let messages: LocaleMessages = {};
  const changeListeners = new Set<ChangeListener>();
  const messageListeners = new Map<MessageListener, NativeListener>();

  chrome.runtime.onMessage.addListener((message: unknown) => {
    const parsed = toOffscreenSchema.safeParse(message);
    if (!parsed.success || parsed.data.offscreen !== 'storage-changed') return false;
    for (const listener of [...changeListeners]) listener(parsed.data.changes, parsed.data.area);
    return false;
  });

  const area = (name: 'local' | 'session') => ({
    get: remote(`storage.${name}.get`),
    set: remote(`storage.${name}.set`),
    remove: remote(`storage.${name}.remove`),
  });

  const browser = {
    runtime: {
      id: chrome.runtime.id,
      getURL: (path: string) => chrome.runtime.getURL(path),
      sendMessage: (message: unknown) => chrome.runtime.sendMessage(message),
      onMessage: {
        // Listeners answer with a promise, as the polyfill lets them in the other contexts.
        addListener(listener: MessageListener) {
          const native: NativeListener = (message, sender, sendResponse) => {
            const reply = listener(message, sender);
            if (reply === undefined) return false;
            void answered(() => reply).then((answer) => {
              sendResponse(answer.ok ? answer.result : undefined);
            });
            return true;
          };
          messageListeners.set(listener, native);
          chrome.runtime.onMessage.addListener(native);
        },
        removeListener(listener: MessageListener) {
          const native = messageListeners.get(listener);
          if (native) chrome.runtime.onMessage.removeListener(native);
          messageListeners.delete(listener);
        },
        hasListener: (listener: MessageListener) => messageListeners.has(listener),
      },
    },
    storage: {
      local: area('local'),
      session: area('session'),
      onChanged: {
        addListener: (listener: ChangeListener) => void changeListeners.add(listener),
        removeListener: (listener: ChangeListener) => void changeListeners.delete(listener),
        hasListener: (listener: ChangeListener) => changeListeners.has(listener),
      },
    },
    permissions: { contains: remote('permissions.contains') },
    i18n: {
      getMessage: (key: string, substitutions?: string | string[]) => formatMessage(messages[key.toLowerCase()], substitutions),
      getUILanguage: () => uiLanguage,
    },
  };
  (globalThis as { browser?: unknown }).browser = browser;
  return loadMessages(uiLanguage).then((loaded) => {
    messages = loaded;
  });
}
