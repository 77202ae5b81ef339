import { installOffscreenBrowser } from '../../lib/browser/offscreen-shim';

/**
 * Imported first by ./index.ts, so that it runs before any module that imports `wxt/browser`: in
 * Chrome's offscreen document, which has only `chrome.runtime`, the document's `browser` object
 * (lib/browser/offscreen-shim.ts) in the language the worker named; resolves once the words are
 * loaded. Firefox's frame of the background page has every API of its own, and keeps them.
 */
const hasStorage = 'storage' in chrome;
export const ready: Promise<void> = hasStorage ? Promise.resolve() : installOffscreenBrowser(new URLSearchParams(location.search).get('ui') ?? '');
