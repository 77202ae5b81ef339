import { describe, expect, it } from 'vitest';
import { classifyDue, countNeedingAction, totalOwedFen } from './urgency';

describe('urgency', () => {
  it('classifies a due date relative to today', () => {
    expect(classifyDue('2026-11-18', '2026-11-21')).toEqual({ urgency: 'overdue', days: 3 });
    expect(classifyDue('2026-11-21', '2026-11-21')).toEqual({ urgency: 'today', days: 0 });
    expect(classifyDue('2026-11-28', '2026-11-21')).toEqual({ urgency: 'week', days: 7 });
    expect(classifyDue('2026-11-29', '2026-11-21')).toEqual({ urgency: 'later', days: 8 });
  });

  it('counts overdue and due-today items for the badge', () => {
    const items = [{ dueDate: '2026-11-01' }, { dueDate: '2026-11-21' }, { dueDate: '2026-11-22' }];
    expect(countNeedingAction(items, '2026-11-21')).toBe(2);
    expect(countNeedingAction([], '2026-11-21')).toBe(0);
  });

  it('adds amounts in fen', () => {
    expect(totalOwedFen([{ amountFen: 10 }, { amountFen: 20 }])).toBe(30);
  });
});
