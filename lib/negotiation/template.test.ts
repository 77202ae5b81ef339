import { describe, expect, it } from 'vitest';
import { fillSegments, parseTemplate, slotsOf } from './template';

const parse = (template: string) => {
  const result = parseTemplate(template);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

describe('script templates', () => {
  it('fills slots from the user’s figures and shows what is missing', () => {
    const segments = parse('我在{lender}的欠款是{owed}，每月能还{monthly}，希望分{periods}期。');
    expect(slotsOf(segments)).toEqual(['lender', 'owed', 'monthly', 'periods']);
    const filled = fillSegments(segments, { lender: '网商贷', owed: '¥36,000.00', monthly: ' ' }, (slot) => `[${slot}]`);
    expect(filled).toEqual({
      text: '我在网商贷的欠款是¥36,000.00，每月能还[monthly]，希望分[periods]期。',
      missing: ['monthly', 'periods'],
    });
  });

  it('lists a repeated slot once', () => {
    const filled = fillSegments(parse('{lender} … {lender}'), {}, () => '?');
    expect(filled).toEqual({ text: '? … ?', missing: ['lender'] });
  });

  it('refuses unknown slots and stray braces instead of showing them as text', () => {
    expect(parseTemplate('pay {amount}')).toEqual({ ok: false, error: { code: 'unknown-slot', name: 'amount' } });
    expect(parseTemplate('pay {owed')).toEqual({ ok: false, error: { code: 'unbalanced-brace', index: 4 } });
    expect(parseTemplate('pay owed}')).toEqual({ ok: false, error: { code: 'unbalanced-brace', index: 8 } });
    expect(parseTemplate('{{owed}}')).toEqual({ ok: false, error: { code: 'unbalanced-brace', index: 0 } });
    expect(parseTemplate('plain line')).toEqual({ ok: true, value: [{ kind: 'text', text: 'plain line' }] });
  });
});
