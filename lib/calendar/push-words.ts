import { t } from '../i18n';
import { describeDavError } from './caldav/describe';
import { DavError } from './caldav/request';
import type { PushStatus } from './push-status';

/** What the Calendar section says about the last push's problem, in the user's language. */
export function describePushProblem(problem: PushStatus['problem']): string {
  if (problem === null) return '';
  if (problem.kind === 'permission') return t('calendarErrPermission');
  if (problem.kind === 'busy') return t('calendarErrBusy');
  return describeDavError(new DavError(problem.kind, problem.status, ''));
}
