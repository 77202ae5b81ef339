import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatMessage, LOCALES, type LocaleName } from '../../tests/locale-messages';
import { AGREEMENT_KINDS } from '../domain/agreement';
import { DETAIL_FIELDS } from '../domain/agreement-details';
import { PLAN_METHODS } from '../domain/agreement-dues';
import { amountHint, detailLabel, dueHint, kindMeaning, methodLabel, optionLabel, planErrorText } from './form-labels';

const speak = (locale: LocaleName) => {
  fakeBrowser.i18n.getMessage = (key: string, subs?: string | (string | number)[]) =>
    formatMessage(locale, key, Array.isArray(subs) ? subs.map(String) : subs);
};

describe('agreement form wording', () => {
  afterEach(() => speak('zh_CN'));

  it('has every kind hint and meaning, detail label, option and method in both languages', () => {
    for (const locale of Object.keys(LOCALES) as LocaleName[]) {
      speak(locale);
      const texts: [string, string][] = [];
      for (const kind of AGREEMENT_KINDS) {
        texts.push([`dueHint ${kind}`, dueHint(kind)], [`amountHint ${kind}`, amountHint(kind)], [`kindMeaning ${kind}`, kindMeaning(kind)]);
        for (const spec of DETAIL_FIELDS[kind]) {
          texts.push([`detail ${spec.field}`, detailLabel(spec.field)]);
          for (const option of spec.options ?? []) texts.push([`${spec.field} ${option}`, optionLabel(spec.field, option)]);
        }
      }
      for (const method of PLAN_METHODS) texts.push([`method ${method}`, methodLabel(method)]);
      // t() falls back to the key itself ("doc_income_proof") when a message is missing.
      for (const [what, text] of texts) expect(text, `${what} (${locale})`).not.toMatch(/^\w+_\w+$/);
    }
  });

  it('says by how much the periods miss the total, either way', () => {
    expect(planErrorText({ field: 'amounts', code: 'do-not-add-up', differenceFen: -10_000 })).toContain('少¥100.00');
    expect(planErrorText({ field: 'amounts', code: 'do-not-add-up', differenceFen: 5 })).toContain('多¥0.05');
    speak('en');
    expect(planErrorText({ field: 'amounts', code: 'invalid-amount', position: 2, reason: 'negative' })).toMatch(/^Period 2's amount: /);
  });
});
