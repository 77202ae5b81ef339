import { describe, expect, it } from 'vitest';
import { formatLeadDays, leadDaysSchema, MAX_LEAD_DAYS, parseLeadDays } from './lead-days';

describe('parseLeadDays', () => {
  it('reads commas, Chinese commas, enumeration commas and spaces, largest first, without repeats', () => {
    expect(parseLeadDays('7, 3, 1')).toEqual({ ok: true, value: [7, 3, 1] });
    expect(parseLeadDays('1，3、7')).toEqual({ ok: true, value: [7, 3, 1] });
    expect(parseLeadDays('  0 1\t14  ')).toEqual({ ok: true, value: [14, 1, 0] });
    expect(parseLeadDays('3, 3,1,')).toEqual({ ok: true, value: [3, 1] });
    // Full-width digits and punctuation from a Chinese input method, and "天" after a number.
    expect(parseLeadDays('７，３；1天')).toEqual({ ok: true, value: [7, 3, 1] });
    expect(parseLeadDays('7天 3 天')).toEqual({ ok: true, value: [7, 3] });
  });

  it('reads empty text as no extra days', () => {
    expect(parseLeadDays('')).toEqual({ ok: true, value: [] });
    expect(parseLeadDays(' ，、 ')).toEqual({ ok: true, value: [] });
  });

  it('names the first part that is not a whole number of days', () => {
    expect(parseLeadDays('7, x, 1')).toEqual({ ok: false, error: { code: 'not-a-number', part: 'x' } });
    expect(parseLeadDays('7, 1.5')).toEqual({ ok: false, error: { code: 'not-a-number', part: '1.5' } });
    expect(parseLeadDays('3-1')).toEqual({ ok: false, error: { code: 'not-a-number', part: '3-1' } });
  });

  it('names the part out of range', () => {
    expect(parseLeadDays('7, 91')).toEqual({ ok: false, error: { code: 'out-of-range', part: '91' } });
    expect(parseLeadDays('-1')).toEqual({ ok: false, error: { code: 'out-of-range', part: '-1' } });
    expect(parseLeadDays('90, 0').ok).toBe(true);
  });

  it('refuses more than eight different days, counting repeats once', () => {
    expect(parseLeadDays('1 2 3 4 5 6 7 8 9')).toEqual({ ok: false, error: { code: 'too-many', count: 9 } });
    expect(parseLeadDays('1 2 3 4 5 6 7 8 8 8')).toEqual({ ok: true, value: [8, 7, 6, 5, 4, 3, 2, 1] });
    expect(MAX_LEAD_DAYS).toBe(8);
  });

  it('formats a list the way it reads it back', () => {
    expect(formatLeadDays([1, 7, 3])).toBe('7, 3, 1');
    expect(formatLeadDays([])).toBe('');
    const round = parseLeadDays(formatLeadDays([0, 30, 2]));
    expect(round).toEqual({ ok: true, value: [30, 2, 0] });
  });

  it('stores only whole days in range, distinct, at most eight', () => {
    expect(leadDaysSchema.safeParse([7, 3, 1]).success).toBe(true);
    expect(leadDaysSchema.safeParse([3, 3]).success).toBe(false);
    expect(leadDaysSchema.safeParse([1.5]).success).toBe(false);
    expect(leadDaysSchema.safeParse([91]).success).toBe(false);
    expect(leadDaysSchema.safeParse([1, 2, 3, 4, 5, 6, 7, 8, 9]).success).toBe(false);
  });
});
