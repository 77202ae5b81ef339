import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { parseWith } from './issues';

const schema = z.object({
  day: z.string().check(z.refine((v) => v.length === 10, { message: 'invalid-date' })),
  items: z.array(z.object({ fen: z.int().check(z.nonnegative()) })),
});

describe('parseWith', () => {
  it('passes a valid value through', () => {
    expect(parseWith(schema, { day: '2026-01-01', items: [] })).toEqual({ ok: true, value: { day: '2026-01-01', items: [] } });
  });

  it('lists every issue with a dotted path and a translatable code', () => {
    expect(parseWith(schema, { day: 'x', items: [{ fen: 1 }, { fen: -1 }] })).toEqual({
      ok: false,
      error: [
        { path: 'day', code: 'invalid-date' },
        { path: 'items.1.fen', code: 'too-small' },
      ],
    });
    expect(parseWith(schema, null)).toEqual({ ok: false, error: [{ path: '', code: 'invalid-type' }] });
  });
});
