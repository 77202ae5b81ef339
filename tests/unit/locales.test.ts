import { describe, expect, it } from 'vitest';
import { LOCALES } from '../locale-messages';

const placeholders = (message: string) => [...message.matchAll(/\$\d/g)].map((m) => m[0]).sort();

describe('locale files', () => {
  const en = LOCALES.en as Record<string, { message: string; description?: string }>;
  const zh = LOCALES.zh_CN as Record<string, { message: string; description?: string }>;

  it('have the same keys', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders for each key, and every message has a note for translators', () => {
    for (const key of Object.keys(en)) {
      expect({ key, zh: placeholders(zh[key]?.message ?? '') }).toEqual({ key, zh: placeholders(en[key]?.message ?? '') });
      expect(en[key]?.description, key).toBeTruthy();
      expect(zh[key]?.message.trim(), key).toBeTruthy();
    }
  });
});
