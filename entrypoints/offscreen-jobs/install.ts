import { installOffscreenBrowser } from '../../lib/browser/offscreen-shim';

/**
 * Imported first by ./index.ts, so that it runs before any module that imports `wxt/browser`: the
 * document's `browser` object (lib/browser/offscreen-shim.ts), in the language the worker named.
 * Resolves once the words are loaded.
 */
export const ready: Promise<void> = installOffscreenBrowser(new URLSearchParams(location.search).get('ui') ?? '');
