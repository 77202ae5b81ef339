import type { MessageKey } from '../i18n';
import type { LockProblem } from './actions';

/** What the page says for each refusal of a lock action (lib/lock/actions). */
export const LOCK_PROBLEM_TEXT: Record<LockProblem, MessageKey> = {
  'wrong-passphrase': 'lockErrWrongPassphrase',
  malformed: 'lockErrMalformed',
  unsupported: 'lockErrUnsupported',
  'too-weak': 'lockErrTooWeak',
  off: 'lockErrOff',
  'already-on': 'lockErrOnElsewhere',
};

/** An auto-lock choice as words: "15 minutes", "1 hour", "4 hours" (the message key and its number). */
export function autoLockText(minutes: number): { key: MessageKey; count?: string } {
  if (minutes === 60) return { key: 'lockAfterOneHour' };
  if (minutes > 60 && minutes % 60 === 0) return { key: 'lockAfterHours', count: String(minutes / 60) };
  return { key: 'lockAfterMinutes', count: String(minutes) };
}
