import { AttachmentTooLargeError, MAX_ATTACHMENT_BYTES, NotAnImageError } from '../db/attachments';
import { DatabaseTooNewError } from '../db/database';
import { isQuotaExceeded } from '../db/storage-errors';
import { DAY_RANGE } from '../domain/dates';
import { formatFen } from '../domain/money';
import { t, uiLanguage, type MessageKey } from '../i18n';
import type { BackupStoreName } from './stores';
import { BackupError, type BackupProblem } from './format';

/**
 * What a failed read or write tells the user, in one place for every page, in the UI language: a
 * full disk (QuotaExceededError: the transaction aborted, so nothing was saved), data from a newer
 * build, dates no reminders can be planned for (planned before anything is written, so nothing
 * was saved), a refused backup file, or anything else with its technical detail.
 */

export const STORE_LABELS: Record<BackupStoreName, MessageKey> = {
  agreements: 'storeAgreements',
  reminders: 'storeReminders',
  notes: 'storeNotes',
  payments: 'storePayments',
  sessions: 'storeSessions',
  sessionNotes: 'storeSessionNotes',
  attachments: 'storeAttachments',
  scriptState: 'storeScriptState',
  holidayYears: 'storeHolidayYears',
};

export { isQuotaExceeded };

const money = (fen: number) => formatFen(fen, uiLanguage());

const storeLabel = (store: string) => (Object.hasOwn(STORE_LABELS, store) ? t(STORE_LABELS[store as BackupStoreName]) : store);

export function describeBackupProblem(problem: BackupProblem): string {
  switch (problem.code) {
    case 'too-large':
      return t('backupErrTooLarge');
    case 'not-json':
      return t('backupErrNotJson');
    case 'not-backup':
      return t('backupErrNotBackup');
    case 'format-too-new':
      return t('backupErrFormatTooNew', String(problem.version));
    case 'schema-too-new':
      return t('backupErrSchemaTooNew', String(problem.version));
    case 'malformed':
      return t('backupErrMalformed', problem.field);
    case 'checksum':
      return t('backupErrChecksum');
    case 'unknown-store':
      return t('backupErrUnknownStore', problem.store.slice(0, 40));
    case 'invalid-record':
      return t('backupErrInvalidRecord', [storeLabel(problem.store), String(problem.index + 1), problem.field]);
    case 'unknown-field':
      return t('backupErrUnknownField', [storeLabel(problem.store), String(problem.index + 1), problem.field.slice(0, 80)]);
    case 'day-out-of-range':
      return t('backupErrDayOutOfRange', [storeLabel(problem.store), String(problem.index + 1), problem.field, problem.day, DAY_RANGE.first, DAY_RANGE.last]);
    case 'plan-does-not-add-up':
      return t('backupErrPlanSum', [storeLabel(problem.store), String(problem.index + 1), money(problem.sumFen), money(problem.amountFen)]);
    case 'unplannable':
      return t('backupErrUnplannable', [storeLabel(problem.store), String(problem.index + 1), problem.field]);
    case 'unplannable-existing':
      return t('backupErrUnplannableExisting', problem.lender.slice(0, 60));
    case 'duplicate-id':
      return t('backupErrDuplicateId', [storeLabel(problem.store), problem.id.slice(0, 40)]);
    case 'wrong-passphrase':
      return t('backupErrWrongPassphrase');
    case 'undecryptable':
      return t('backupErrUndecryptable');
  }
}

export function describeDataError(error: unknown): string {
  if (isQuotaExceeded(error)) return t('errStorageFull');
  if (error instanceof DatabaseTooNewError) return t('errDbTooNew');
  if (error instanceof AttachmentTooLargeError) return t('errAttachmentTooLarge', String(MAX_ATTACHMENT_BYTES / 1024 / 1024));
  if (error instanceof NotAnImageError) return t('errNotAnImage');
  // By name, so that describing an error does not load the milestone engine (lib/db/save-agreement.ts).
  if (error instanceof Error && error.name === 'ReminderPlanFailed') return t('errReminderPlan');
  if (error instanceof BackupError) return describeBackupProblem(error.problem);
  return t('errGeneric', error instanceof Error ? error.message : String(error));
}
