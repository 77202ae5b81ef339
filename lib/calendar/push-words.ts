import { t, type UiLanguage } from '../i18n';
import { describeDavError } from './caldav/describe';
import { DavError } from './caldav/request';
import type { PushStatus } from './push-status';

/** What the Calendar section says about the last push's problem, in the user's language. */
export function describePushProblem(problem: PushStatus['problem']): string {
  if (problem === null) return '';
  if (problem.kind === 'permission') return t('calendarErrPermissionLost');
  if (problem.kind === 'busy') return t('calendarErrBusy');
  return describeDavError(new DavError(problem.kind, problem.status, ''));
}

/** "刚刚", "2分钟前", "3 hours ago": how long ago a push was, in the UI language. */
export function describeWhen(at: number, now: number, language: UiLanguage): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return t('calendarJustNow');
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'always' });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return format.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return format.format(-hours, 'hour');
  return format.format(-Math.floor(hours / 24), 'day');
}

/** The status line of the Calendar section, and the problem to show as an alert (null when none). */
export function describePushStatus(status: PushStatus | null, now: number, language: UiLanguage): { line: string; problem: string | null } {
  if (status === null) return { line: t('calendarStatusNever'), problem: null };
  if (status.problem === null) {
    const when = describeWhen(status.okAt ?? status.at, now, language);
    const events = status.events ?? 0;
    return { line: events === 1 ? t('calendarStatusOkOne', when) : t('calendarStatusOk', [String(events), when]), problem: null };
  }
  const line = status.okAt === null ? t('calendarStatusNever') : t('calendarStatusLastOk', describeWhen(status.okAt, now, language));
  return { line, problem: t('calendarStatusFailed', [describeWhen(status.at, now, language), describePushProblem(status.problem)]) };
}
