import type { IsoDate } from './dates';
import { compareMilestones, deriveMilestones, type Milestone, type MilestoneError, type MilestoneSettings, type MilestoneTiming } from './milestones';
import { trackedDueOf, type PlannedAgreement } from './reminder-plan';
import { ok, type Result } from './result';

/**
 * One agreement's whole story, past and future, for the row's timeline: the steps before the due
 * date (passed or ahead), the due date, and what follows it. Once paid, the steps as they stood on
 * the payment day (a credit-report warning only if it was really reached), then what follows a
 * payment: the credit-report check and, after a late payment, the day the adverse record expires.
 */
function timingOn(m: Milestone, today: IsoDate): MilestoneTiming {
  if (today < m.date) return 'upcoming';
  return today <= (m.until ?? m.date) ? 'today' : 'past';
}

export function agreementTimeline(
  agreement: PlannedAgreement,
  today: IsoDate,
  settings: Partial<MilestoneSettings> = {},
): Result<Milestone[], MilestoneError> {
  const doneOn = agreement.doneOn ?? null;
  const open = trackedDueOf({ ...agreement, doneOn: null });
  if (doneOn === null) return deriveMilestones([open], today, settings);

  const before = deriveMilestones([open], doneOn, settings);
  if (!before.ok) return before;
  const after = deriveMilestones([{ ...open, doneOn }], today, settings);
  if (!after.ok) return after;
  const steps = before.value
    // The due day itself stays, paid early or not: it is what the whole timeline hangs on.
    .filter((m) => m.code === 'pay' || (m.code !== 'check-credit-report' && m.date <= doneOn))
    .map((m) => ({ ...m, timing: timingOn(m, today) }));
  return ok([...steps, ...after.value].sort(compareMilestones));
}
