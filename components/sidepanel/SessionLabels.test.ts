import { describe, expect, it } from 'vitest';
import { localInstant } from '../../lib/domain/dates';
import { sessionFileName } from './SessionLabels';

describe('sessionFileName', () => {
  it('names the export by lender and local start time, without characters file systems refuse', () => {
    const startedAt = localInstant('2026-11-25', 9, 5);
    expect(sessionFileName({ lender: '借呗', startedAt })).toBe('借呗-2026-11-25-0905.md');
    expect(sessionFileName({ lender: ' a/b:c? d ', startedAt })).toBe('a-b-c-d-2026-11-25-0905.md');
    expect(sessionFileName({ lender: '', startedAt })).toBe('2026-11-25-0905.md');
  });
});
