import { useEffect, useRef, useState, type ChangeEvent, type SyntheticEvent } from 'react';
import { Feedback } from '../shared/Feedback';
import { NewPassphraseFields, PassphraseField } from './PassphraseFields';
import { useLockOn } from '../shared/LockGate';
import { describeDataError } from '../../lib/backup/describe-error';
import type { EncryptedBackup } from '../../lib/backup/encrypted';
import { backupFileName } from '../../lib/backup/format';
import type { ImportMode, ImportPreview, ValidBackup } from '../../lib/backup/import';
import { isBackupDue, loadLastBackupAt, saveLastBackupAt } from '../../lib/backup/last-backup';
import { IMPORT_TOPICS, mergeChangesNothing, replaceRemoves, summariseImport, type ImportTopic } from '../../lib/backup/preview-summary';
import { loadLeaveOutDetails, saveLeaveOutDetails } from '../../lib/calendar/privacy';
import { BACKUP_STORE_NAMES } from '../../lib/backup/stores';
import { checkNewPassphrase, MIN_PASSPHRASE_LENGTH, PASSPHRASE_PROBLEM_TEXT, type PassphraseProblem } from '../../lib/crypto/passphrase-rule';
import { toIsoDate } from '../../lib/domain/dates';
import { t, type MessageKey } from '../../lib/i18n';
import { dateTime } from '../../lib/i18n/time-labels';

type Persistence = 'granted' | 'not-granted' | 'unknown';

interface PendingImport {
  backup: ValidBackup;
  preview: ImportPreview;
}

/** Where an action's outcome is said: beside the control that started it. */
type Area = 'backup' | 'import' | 'persist' | 'exports';

const TOPIC_LABELS: Record<ImportTopic, MessageKey> = {
  agreements: 'importTopicAgreements',
  payments: 'importTopicPayments',
  chats: 'importTopicChats',
  images: 'importTopicImages',
};

/** "3 agreements, 1 image" / "3项协议、1张图片": what replacing all would delete. */
const REMOVED_COUNT: Record<ImportTopic, readonly [one: MessageKey, many: MessageKey]> = {
  agreements: ['removedAgreementsOne', 'removedAgreements'],
  payments: ['removedPaymentsOne', 'removedPayments'],
  chats: ['removedChatsOne', 'removedChats'],
  images: ['removedImagesOne', 'removedImages'],
};

function describeRemovals(preview: ImportPreview): string | null {
  const removed = replaceRemoves(preview);
  const parts = IMPORT_TOPICS.flatMap((topic) => {
    const count = removed[topic];
    if (count === undefined) return [];
    const [one, many] = REMOVED_COUNT[topic];
    return [count === 1 ? t(one) : t(many, String(count))];
  });
  return parts.length === 0 ? null : parts.join(t('listSeparator'));
}


function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit] ?? ''}`;
}

async function readPersistence(): Promise<{ state: Persistence; usage: string | null }> {
  // Not every browser exposes the Storage API to extension pages.
  const storage = typeof navigator === 'undefined' ? undefined : (navigator.storage as StorageManager | undefined);
  if (!storage?.persisted) return { state: 'unknown', usage: null };
  const [persisted, estimate] = await Promise.all([storage.persisted(), storage.estimate().catch(() => undefined)]);
  const usage = estimate?.usage !== undefined && estimate.quota ? t('persistUsage', [formatBytes(estimate.usage), formatBytes(estimate.quota)]) : null;
  return { state: persisted ? 'granted' : 'not-granted', usage };
}

async function loadForExport() {
  // Each module's one function taken by name, so that the bundle keeps no other export of it for this
  // import (a whole-module import would keep the badge count in the popup's shared chunk).
  const [listAgreements, listPaymentsByAgreement] = await Promise.all([
    import('../../lib/db/agreements').then((m) => m.listAgreements),
    import('../../lib/db/payments').then((m) => m.listPaymentsByAgreement),
  ]);
  const [agreements, payments] = await Promise.all([listAgreements(), listPaymentsByAgreement()]);
  return { agreements, payments };
}

/**
 * The options page's "Your data": backup export and import (check the whole file, preview, then
 * replace all or merge in one transaction), whether the browser keeps the data, and CSV and
 * calendar exports. The backup, CSV and calendar code loads only when its button is used.
 * A backup can be protected with a passphrase (lib/backup/encrypted.ts): the key derivation takes
 * about a second, so the page says it is working; a protected file is decrypted before the usual
 * checks and preview, and a wrong passphrase leaves the prompt open to try again.
 */
export function DataSection() {
  const [lastBackupAt, setLastBackupAt] = useState<number | null | undefined>(undefined);
  // Read once per page view: the reminder line need not flip while the page stays open.
  const [openedAt] = useState(() => Date.now());
  const [persistence, setPersistence] = useState<{ state: Persistence; usage: string | null } | null>(null);
  const [pending, setPending] = useState<PendingImport | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [area, setArea] = useState<Area>('backup');
  // "Replace all" waits for a second, explicit yes that names what it deletes.
  const [confirmingReplace, setConfirmingReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  // Export: protect the file with a passphrase typed twice. Cleared once the file is written. With
  // the lock on it is ticked to begin with: a plain file would undo what the lock protects.
  const lockOn = useLockOn();
  const [protectChoice, setProtect] = useState<boolean | null>(null);
  const protect = protectChoice ?? lockOn;
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [passphraseProblem, setPassphraseProblem] = useState<PassphraseProblem | null>(null);
  // Import: a protected file waiting for its passphrase.
  const [locked, setLocked] = useState<EncryptedBackup | null>(null);
  const [unlockPassphrase, setUnlockPassphrase] = useState('');
  // Calendars: leave lenders and amounts out (shared with the rows' exports); null until read.
  const [leaveOut, setLeaveOut] = useState<boolean | null>(null);

  useEffect(() => {
    let live = true;
    loadLastBackupAt().then(
      (at) => live && setLastBackupAt(at),
      () => live && setLastBackupAt(null),
    );
    loadLeaveOutDetails().then(
      (on) => live && setLeaveOut(on),
      () => live && setLeaveOut(false),
    );
    readPersistence().then(
      (result) => live && setPersistence(result),
      () => live && setPersistence({ state: 'unknown', usage: null }),
    );
    return () => {
      live = false;
    };
  }, []);

  /**
   * Runs one action at a time; an import's failure says the data was left as it was. `working` is
   * shown meanwhile, and the outcome beside the control of `where`.
   */
  const run = async (where: Area, action: () => Promise<string | null>, importing = false, working: string | null = null) => {
    setArea(where);
    setBusy(true);
    setStatus(working);
    setFailure(null);
    try {
      setStatus(await action());
    } catch (error) {
      setFailure(importing ? t('dataImportFailed', describeDataError(error)) : describeDataError(error));
    } finally {
      setBusy(false);
    }
  };

  const exportBackupFile = async () => {
    const problem = protect ? checkNewPassphrase(passphrase, confirmation) : null;
    setPassphraseProblem(problem);
    if (problem) return;
    await run(
      'backup',
      async () => {
        const [{ exportBackup, serialiseBackup }, { downloadText }] = await Promise.all([import('../../lib/backup/export'), import('../../lib/export/download')]);
        const now = Date.now();
        // Read first (one transaction, closed), then encrypt: no crypto inside a transaction.
        const document = await exportBackup(now);
        let name = backupFileName(now);
        let text: string;
        if (protect) {
          const { encryptBackup, encryptedBackupFileName } = await import('../../lib/backup/encrypted');
          text = await encryptBackup(document, passphrase);
          name = encryptedBackupFileName(now);
        } else {
          text = serialiseBackup(document);
        }
        downloadText(name, text, 'application/json');
        if (protect) {
          setPassphrase('');
          setConfirmation('');
        }
        await saveLastBackupAt(now);
        setLastBackupAt(now);
        return protect ? t('dataExportedProtected', name) : t('dataExported', name);
      },
      false,
      protect ? t('dataEncrypting') : null,
    );
  };

  const toggleProtect = (on: boolean) => {
    setProtect(on);
    setPassphraseProblem(null);
    if (!on) {
      setPassphrase('');
      setConfirmation('');
    }
  };

  const cancelUnlock = () => {
    setLocked(null);
    setUnlockPassphrase('');
  };

  const chooseFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setPending(null);
    setConfirmingReplace(false);
    cancelUnlock();
    // Cleared so that choosing the same file again (after fixing it) fires a change.
    if (fileInput.current) fileInput.current.value = '';
    void run('import', async () => {
      const text = await file.text();
      const { readEncryptedBackup } = await import('../../lib/backup/encrypted');
      const encrypted = readEncryptedBackup(text);
      if (encrypted) {
        setLocked(encrypted);
        return null;
      }
      const { parseBackup, previewImport } = await import('../../lib/backup/import');
      const backup = await parseBackup(text);
      setPending({ backup, preview: await previewImport(backup) });
      return null;
    }, true);
  };

  const openLocked = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!locked || unlockPassphrase === '') return;
    void run(
      'import',
      async () => {
        const [{ decryptBackup }, { parseBackup, previewImport }] = await Promise.all([import('../../lib/backup/encrypted'), import('../../lib/backup/import')]);
        // A wrong passphrase throws here, before anything is read or written; the prompt stays to try again.
        const text = await decryptBackup(locked, unlockPassphrase);
        cancelUnlock();
        const backup = await parseBackup(text);
        setPending({ backup, preview: await previewImport(backup) });
        return null;
      },
      true,
      t('dataDecrypting'),
    );
  };

  const applyImport = (mode: ImportMode) => {
    if (!pending) return;
    setConfirmingReplace(false);
    if (mode === 'merge' && mergeChangesNothing(pending.preview)) {
      // Nothing is written: every record in the file is already here as it is.
      setPending(null);
      setArea('import');
      setFailure(null);
      setStatus(t('dataMergeNothing'));
      return;
    }
    void run('import', async () => {
      // Reminders are planned with this browser's settings and clock, in the import's own transaction.
      const { applyBackup } = await import('../../lib/backup/import');
      await applyBackup(pending.backup, mode);
      setPending(null);
      const count = BACKUP_STORE_NAMES.reduce((sum, name) => sum + pending.backup.stores[name].length, 0);
      return t('dataImported', String(count));
    }, true);
  };

  const askPersistence = () =>
    run('persist', async () => {
      const granted = await navigator.storage.persist();
      setPersistence(await readPersistence());
      return granted ? t('persistGranted') : t('persistRefused');
    });

  const exportCsv = (which: 'agreements' | 'payments') =>
    run('exports', async () => {
      const [{ agreementsCsv, paymentsCsv }, { downloadText }, data] = await Promise.all([
        import('../../lib/export/csv'),
        import('../../lib/export/download'),
        loadForExport(),
      ]);
      const text = which === 'agreements' ? agreementsCsv(data.agreements, data.payments) : paymentsCsv(data.agreements, data.payments);
      const name = `repay-companion-${which}-${toIsoDate(Date.now())}.csv`;
      downloadText(name, text, 'text/csv;charset=utf-8');
      return name;
    });

  const exportIcs = () =>
    run('exports', async () => {
      const [{ downloadCalendarFile }, data] = await Promise.all([import('../../lib/export/calendar-file'), loadForExport()]);
      const sources = data.agreements.map((agreement) => ({ agreement, payments: data.payments.get(agreement.id) ?? [] }));
      return (await downloadCalendarFile(sources, Date.now())) ?? t('exportNoFutureDates');
    });

  const chooseLeaveOut = (on: boolean) => {
    setLeaveOut(on);
    void saveLeaveOutDetails(on).catch(() => setLeaveOut(!on));
  };

  return (
    <section className="data-section" id="data" aria-labelledby="data-title">
      <h2 id="data-title" className="section-title">
        {t('dataTitle')}
      </h2>
      <p className="hint">{t('dataIntro')}</p>

      <div className="card" aria-busy={busy}>
        <p>{lastBackupAt === undefined ? '…' : lastBackupAt === null ? t('dataNeverBackedUp') : t('dataLastBackup', dateTime(lastBackupAt))}</p>
        {lastBackupAt !== undefined && isBackupDue(lastBackupAt, openedAt) && <p className="banner">{t('dataBackupDue')}</p>}
        <div className="field checkbox">
          <input id="backup-protect" type="checkbox" checked={protect} disabled={busy} onChange={(e) => toggleProtect(e.target.checked)} />
          <label htmlFor="backup-protect">{t('dataProtect')}</label>
        </div>
        {protect && (
          <div className="protect-fields" role="group" aria-label={t('dataProtect')}>
            <p className="hint">{t('dataProtectHint')}</p>
            <p className="banner" id="backup-protect-warning">
              <strong>{t('dataProtectWarning')}</strong>
            </p>
            <NewPassphraseFields
              idPrefix="backup-passphrase"
              labels={{ passphrase: 'dataPassphrase', confirmation: 'dataPassphraseConfirm' }}
              passphrase={passphrase}
              confirmation={confirmation}
              problem={passphraseProblem}
              disabled={busy}
              describedBy="backup-protect-warning"
              onPassphrase={setPassphrase}
              onConfirmation={setConfirmation}
            />
            {passphraseProblem && (
              <p className="error" role="alert">
                {t(PASSPHRASE_PROBLEM_TEXT[passphraseProblem], String(MIN_PASSPHRASE_LENGTH))}
              </p>
            )}
          </div>
        )}
        <div className="form-actions">
          <button type="button" className="button primary" disabled={busy} onClick={() => void exportBackupFile()}>
            {t('dataExport')}
          </button>
        </div>
        {area === 'backup' && <Feedback failure={failure} status={status} />}
        <div className="field">
          <label htmlFor="backup-file">{t('dataImport')}</label>
          <input id="backup-file" ref={fileInput} type="file" accept=".json,application/json" disabled={busy} onChange={chooseFile} />
        </div>
        {locked && (
          <form className="import-unlock" aria-labelledby="import-unlock-title" onSubmit={openLocked}>
            <p id="import-unlock-title">{t('dataEncryptedTitle')}</p>
            <PassphraseField id="import-passphrase" label="dataPassphrase" value={unlockPassphrase} disabled={busy} onChange={setUnlockPassphrase} />
            <div className="form-actions">
              <button type="button" className="button secondary" disabled={busy} onClick={cancelUnlock}>
                {t('dataCancel')}
              </button>
              <button type="submit" className="button primary" disabled={busy || unlockPassphrase === ''}>
                {t('dataOpenEncrypted')}
              </button>
            </div>
          </form>
        )}
        {pending && <ImportPreviewBox pending={pending} busy={busy} confirmingReplace={confirmingReplace} onConfirmReplace={setConfirmingReplace} onCancel={() => setPending(null)} onApply={applyImport} />}
        {area === 'import' && <Feedback failure={failure} status={status} />}
      </div>

      <div className="card">
        <h3>{t('persistTitle')}</h3>
        <p>
          {persistence === null
            ? '…'
            : persistence.state === 'granted'
              ? t('persistGranted')
              : persistence.state === 'not-granted'
                ? t('persistNotGranted')
                : t('persistUnknown')}
          {persistence?.usage ? ` ${persistence.usage}` : ''}
        </p>
        {persistence?.state === 'not-granted' && (
          <button type="button" className="button secondary" disabled={busy} onClick={() => void askPersistence()}>
            {t('persistButton')}
          </button>
        )}
        {area === 'persist' && <Feedback failure={failure} status={status} />}
      </div>

      <div className="card">
        <h3>{t('dataExportsTitle')}</h3>
        <p className="hint">{t('exportIcsHint')}</p>
        <div className="field checkbox">
          <input
            id="calendar-leave-out"
            type="checkbox"
            checked={leaveOut ?? false}
            disabled={busy || leaveOut === null}
            aria-describedby="calendar-leave-out-hint"
            onChange={(e) => chooseLeaveOut(e.target.checked)}
          />
          <label htmlFor="calendar-leave-out">{t('calendarLeaveOutDetails')}</label>
        </div>
        <p className="hint" id="calendar-leave-out-hint">
          {t('calendarLeaveOutDetailsHint')}
        </p>
        <div className="form-actions">
          <button type="button" className="button secondary" disabled={busy} onClick={() => void exportCsv('agreements')}>
            {t('exportCsvAgreements')}
          </button>
          <button type="button" className="button secondary" disabled={busy} onClick={() => void exportCsv('payments')}>
            {t('exportCsvPayments')}
          </button>
          <button type="button" className="button secondary" disabled={busy} onClick={() => void exportIcs()}>
            {t('exportIcsAll')}
          </button>
        </div>
        {area === 'exports' && <Feedback failure={failure} status={status} />}
      </div>
    </section>
  );
}

/** The file's effect, in the user's terms, and the two ways to apply it; "replace all" asks first, naming what it deletes. */
function ImportPreviewBox({
  pending,
  busy,
  confirmingReplace,
  onConfirmReplace,
  onCancel,
  onApply,
}: {
  pending: PendingImport;
  busy: boolean;
  confirmingReplace: boolean;
  onConfirmReplace: (on: boolean) => void;
  onCancel: () => void;
  onApply: (mode: ImportMode) => void;
}) {
  const summary = summariseImport(pending.preview);
  const removals = describeRemovals(pending.preview);
  const unchanged = mergeChangesNothing(pending.preview);
  return (
    <div className="import-preview" role="group" aria-labelledby="import-preview-title">
      <p id="import-preview-title">{t('dataPreviewTitle', dateTime(pending.backup.exportedAt))}</p>
      <ul>
        {IMPORT_TOPICS.map((topic) => {
          const c = summary[topic];
          return <li key={topic}>{t('dataPreviewLine', [t(TOPIC_LABELS[topic]), String(c.added), String(c.changed), String(c.unchanged), String(c.onlyInDatabase)])}</li>;
        })}
      </ul>
      <p className="hint">{t('dataPreviewFollows')}</p>
      {unchanged && <p className="hint">{t('dataMergeWouldChangeNothing')}</p>}
      <p className="hint">{t('dataImportHint')}</p>
      {confirmingReplace ? (
        <div className="banner error replace-confirm" role="alertdialog" aria-labelledby="replace-confirm-text">
          <p id="replace-confirm-text">{removals === null ? t('dataReplaceConfirmNoLoss') : t('dataReplaceConfirm', removals)}</p>
          <div className="form-actions">
            <button type="button" className="button secondary" disabled={busy} onClick={() => onConfirmReplace(false)}>
              {t('dataCancel')}
            </button>
            <button type="button" className="button danger" disabled={busy} onClick={() => onApply('replace')}>
              {removals === null ? t('dataReplaceConfirmButtonNoLoss') : t('dataReplaceConfirmButton')}
            </button>
          </div>
        </div>
      ) : (
        <div className="form-actions">
          <button type="button" className="button secondary" disabled={busy} onClick={onCancel}>
            {t('dataCancel')}
          </button>
          <button type="button" className="button primary" disabled={busy} onClick={() => onApply('merge')}>
            {t('dataMerge')}
          </button>
          <button type="button" className="button danger" disabled={busy} onClick={() => onConfirmReplace(true)}>
            {t('dataReplaceAll')}
          </button>
        </div>
      )}
    </div>
  );
}
