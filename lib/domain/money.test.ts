import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatFen, MAX_FEN } from './money';
import { fenToYuanInput, parseYuan } from './money-input';

describe('parseYuan', () => {
  it.each([
    ['0', 0],
    ['12', 1200],
    ['12.3', 1230],
    ['12.34', 1234],
    ['0.01', 1],
    ['1,234.56', 123456],
    ['¥88', 8800],
    [' 88 元 ', 8800],
    ['１２３．４５', 12345],
    ['7.', 700],
  ])('reads %j as %i fen', (input, fen) => {
    expect(parseYuan(input)).toEqual({ ok: true, value: fen });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'not-a-number'],
    ['1e5', 'not-a-number'],
    ['1.2.3', 'not-a-number'],
    ['.5', 'not-a-number'],
    ['-5', 'negative'],
    ['-0.5', 'negative'],
    ['－5', 'negative'],
    ['12.345', 'too-many-decimals'],
    ['99999999999999', 'too-large'],
  ])('refuses %j with %s', (input, error) => {
    expect(parseYuan(input)).toEqual({ ok: false, error });
  });

  it('round-trips every amount through the edit field without drift', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), (fen) => {
        expect(parseYuan(fenToYuanInput(fen))).toEqual({ ok: true, value: fen });
      }),
    );
  });
});

describe('formatFen', () => {
  it('shows yuan with two decimals in both languages', () => {
    expect(formatFen(123456, 'zh-CN')).toBe('¥1,234.56');
    expect(formatFen(123456, 'en')).toBe('¥1,234.56');
    expect(formatFen(5, 'zh-CN')).toBe('¥0.05');
  });
});
