import { describe, expect, it } from 'vitest';
import { LOCALES } from '../locale-messages';
import { asciiPunctuationInZh, lowerCaseStartOfEnLabel, spacesAroundNamesInZh, titleCaseInEnLabel } from '../wording-rules';

type Messages = Record<string, { message: string; description?: string }>;
const zh = LOCALES.zh_CN as Messages;
const en = LOCALES.en as Messages;

/** Every message that breaks `rule`, with what breaks it. */
function offenders(messages: Messages, rule: (message: string) => string[]): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const [key, { message }] of Object.entries(messages)) {
    const hits = rule(message);
    if (hits.length > 0) found[key] = hits;
  }
  return found;
}

describe('the rules catch what they are for', () => {
  it('finds ASCII punctuation beside Chinese text, and leaves addresses and shortcuts alone', () => {
    expect(asciiPunctuationInZh('已保存,请稍候.')).toEqual(['存,', '候.']);
    expect(asciiPunctuationInZh('提醒(每天)')).toEqual(['醒(', '天)']);
    expect(asciiPunctuationInZh('按 Alt+Shift+Y 打开，地址是 https://dav.jianguoyun.com/dav/。')).toEqual([]);
  });

  it('finds spaces between Chinese text and a name or a number', () => {
    expect(spacesAroundNamesInZh('$1 已逾期 5 天')).toEqual(['$1 已逾', '逾期 5 ', ' 5 天']);
    expect(spacesAroundNamesInZh('$1已逾期5天，按 Alt+Shift+Y')).toEqual([]);
  });

  it('finds title case in English labels, and leaves names and sentences alone', () => {
    expect(titleCaseInEnLabel('Record A Payment')).toEqual(['A', 'Payment']);
    expect(titleCaseInEnLabel('Open in Firefox with Alt+Shift+Y')).toEqual([]);
    expect(titleCaseInEnLabel('Paid. Then Check The Report.')).toEqual([]);
  });

  it('finds an English label that starts in lower case, and leaves values, names and other texts alone', () => {
    expect(lowerCaseStartOfEnLabel('amount owed', 'Script figure label')).toEqual(['amount']);
    expect(lowerCaseStartOfEnLabel('Amount owed', 'Script figure label')).toEqual([]);
    expect(lowerCaseStartOfEnLabel('iCloud', 'Button naming the calendar provider')).toEqual([]);
    expect(lowerCaseStartOfEnLabel('overdue by $1', 'State of an agreement in a summary notification')).toEqual([]);
  });
});

describe('every string follows docs/glossary.md', () => {
  it('zh: full-width punctuation next to Chinese text', () => {
    expect(offenders(zh, asciiPunctuationInZh)).toEqual({});
  });

  it('zh: no spaces around names and numbers', () => {
    expect(offenders(zh, spacesAroundNamesInZh)).toEqual({});
  });

  it('en: labels in sentence case', () => {
    expect(offenders(en, titleCaseInEnLabel)).toEqual({});
  });

  it('en: a label, button or heading starts with a capital', () => {
    const found = Object.entries(en).flatMap(([key, { message, description }]) => (lowerCaseStartOfEnLabel(message, description ?? '').length > 0 ? [key] : []));
    expect(found).toEqual([]);
  });

  it('amounts never read "CN¥", and the words the glossary retired are gone', () => {
    const all = [...Object.values(zh), ...Object.values(en)].map((m) => m.message).join('\n');
    expect(all).not.toContain('CN¥');
    for (const retired of ['约定', '贷款平台', '借款平台', '贷款方', '贷方']) expect(all, retired).not.toContain(retired);
  });
});
