import { describe, expect, it } from 'vitest';
import { classifyDue } from './urgency';

describe('urgency', () => {
  it('classifies a due date relative to today', () => {
    expect(classifyDue('2026-11-18', '2026-11-21')).toEqual({ urgency: 'overdue', days: 3 });
    expect(classifyDue('2026-11-21', '2026-11-21')).toEqual({ urgency: 'today', days: 0 });
    expect(classifyDue('2026-11-28', '2026-11-21')).toEqual({ urgency: 'week', days: 7 });
    expect(classifyDue('2026-11-29', '2026-11-21')).toEqual({ urgency: 'later', days: 8 });
  });
});
