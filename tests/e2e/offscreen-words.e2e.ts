import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage, localeCandidates, type LocaleMessages } from '../../lib/browser/offscreen-shim';
import { launchChromium, type ChromiumExtension } from './support/chromium';
import { CHROME_BUILD } from './support/paths';

/**
 * Chrome's offscreen document, where sync and the calendar push run, has no i18n API: it reads the
 * locale file of the language the worker names, and substitutes as Chrome does
 * (lib/browser/offscreen-shim.ts). Checked against Chrome itself, in both languages: every message
 * of the build, with substitutions (one holding a `$1` of its own, which must stay as typed), as
 * chrome.i18n.getMessage gives it in the worker.
 */

const SUBSTITUTIONS = ['US$1 借呗', '¥1,234.56', '3', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

function localeFile(uiLanguage: string): LocaleMessages {
  for (const locale of localeCandidates(uiLanguage, 'zh_CN')) {
    try {
      return JSON.parse(readFileSync(join(CHROME_BUILD, '_locales', locale, 'messages.json'), 'utf8')) as LocaleMessages;
    } catch {
      // not in the build: the next one, as Chrome does
    }
  }
  throw new Error(`No locale file for ${uiLanguage}`);
}

for (const lang of ['zh-CN', 'en-US'] as const) {
  describe(`Chromium, ${lang}: the offscreen document's words`, () => {
    let ext: ChromiumExtension;
    beforeAll(async () => {
      ext = await launchChromium({ lang });
    });
    afterAll(async () => {
      await ext.close();
    });

    it('are the ones chrome.i18n.getMessage gives, for every message', async () => {
      const worker = await ext.worker();
      const uiLanguage = await worker.evaluate(() => chrome.i18n.getUILanguage());
      const file = localeFile(uiLanguage);
      const keys = Object.keys(file);
      expect(keys.length).toBeGreaterThan(1000);
      const chromes = await worker.evaluate(({ keys, substitutions }) => keys.map((key) => chrome.i18n.getMessage(key, substitutions)), {
        keys,
        substitutions: SUBSTITUTIONS,
      });
      const differing = keys
        .map((key, index) => ({ key, chrome: chromes[index], ours: formatMessage(file[key], SUBSTITUTIONS) }))
        .filter(({ chrome, ours }) => chrome !== ours);
      expect(differing).toEqual([]);
      // The file read is the language's own (the worker names it; Chrome falls back to zh_CN).
      expect(/[\u4e00-\u9fff]/.test(file.syncTitle?.message ?? '')).toBe(lang === 'zh-CN');
    });
  });
}
