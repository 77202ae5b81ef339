import type { IsoDate } from './dates';
import { compareMilestones, deriveMilestones, type Milestone, type MilestoneError, type MilestoneOptions, type MilestoneTiming } from './milestones';
import type { TrackedDue } from './milestones';
import { trackedDuesOf, type PlannedAgreement } from './reminder-plan';
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
  settings: MilestoneOptions = {},
): Result<Milestone[], MilestoneError> {
  const dues = trackedDuesOf(agreement);
  if (dues.length === 1 && dues[0]) return dueTimeline(dues[0], today, settings);
  // A plan: every step of the period that needs the user now, and of the others the payment days
  // (a schedule at a glance), any credit-report warning that was reached, and the last period's
  // steps after it, which follow clearing the whole debt.
  const current = dues.findIndex((d) => d.doneOn === null);
  const all: Milestone[] = [];
  for (const [i, due] of dues.entries()) {
    const steps = dueTimeline(due, today, settings);
    if (!steps.ok) return steps;
    const last = i === dues.length - 1;
    all.push(
      ...(i === current
        ? steps.value
        : steps.value.filter(
            (m) =>
              m.code === 'pay' ||
              (m.code === 'credit-report-risk' && m.timing !== 'upcoming') ||
              (last && (m.code === 'check-credit-report' || m.code === 'adverse-record-expires')),
          )),
    );
  }
  return ok(all.sort(compareMilestones));
}

function dueTimeline(open: TrackedDue, today: IsoDate, settings: MilestoneOptions): Result<Milestone[], MilestoneError> {
  const doneOn = open.doneOn;
  if (doneOn === null) return deriveMilestones([open], today, settings);

  const before = deriveMilestones([{ ...open, doneOn: null }], doneOn, settings);
  if (!before.ok) return before;
  const after = deriveMilestones([open], today, settings);
  if (!after.ok) return after;
  const steps = before.value
    // The due day itself stays, paid early or not: it is what the whole timeline hangs on.
    .filter((m) => m.code === 'pay' || (m.code !== 'check-credit-report' && m.date <= doneOn))
    .map((m) => ({ ...m, timing: timingOn(m, today) }));
  return ok([...steps, ...after.value].sort(compareMilestones));
}
