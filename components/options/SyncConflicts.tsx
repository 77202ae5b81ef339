import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Feedback } from '../shared/Feedback';
import { agreementSchema, type Agreement } from '../../lib/domain/agreement';
import { formatFen } from '../../lib/domain/money';
import { getAgreement } from '../../lib/db/agreements';
import { t, uiLanguage, type MessageKey } from '../../lib/i18n';
import { toIsoDate } from '../../lib/domain/dates';
import { dayNear, kindLabel, shortDate } from '../../lib/i18n/labels';
import { LockedError } from '../../lib/keys/state';
import type { SyncedPayment } from '../../lib/sync/merge/payments';
import { deleteFlaggedRecord, isDeletableStore, keepOnePayment, type Conflict, type ConflictVersion } from '../../lib/sync/engine/conflicts';
import { dismissSamePaymentQuestion, keepVersion, listConflicts, listSamePaymentQuestions } from '../../lib/sync/engine/index';
import { loadDeviceNames } from '../../lib/sync/device-names';
import { formatClock, onSyncStatusChange } from '../../lib/sync/status';

/**
 * Settings → Sync, "Please take a look" (issue #15): what sync could not decide alone. Records
 * changed on two devices without seeing each other (both versions side by side, which device,
 * when; either one kept on every device by the next sync), records changed on one device while
 * another deleted them (kept, and asked about), and payments alike recorded on two devices ("the
 * same payment?"). Every answer goes through lib/sync/engine/conflicts.ts and so the write path.
 * Loaded lazily by SyncSection; shows nothing while there is nothing to ask.
 */

interface SamePayment {
  pair: [SyncedPayment, SyncedPayment];
  lender: string;
}

interface Loaded {
  conflicts: Conflict[];
  questions: SamePayment[];
}

async function loadAll(now: number): Promise<Loaded> {
  const conflicts = await listConflicts();
  let questions: SamePayment[] = [];
  try {
    const pairs = await listSamePaymentQuestions(now);
    questions = await Promise.all(pairs.map(async (pair) => ({ pair, lender: (await getAgreement(pair[0].agreementId, now))?.lender ?? '' })));
  } catch (error) {
    // Locked: payments cannot be opened; the records changed on two devices can still be shown.
    if (!(error instanceof LockedError)) throw error;
  }
  return { conflicts, questions };
}

const STORE_TITLE: Record<string, MessageKey> = {
  sessionNotes: 'syncConflictNote',
  sessions: 'syncConflictChat',
  scriptState: 'syncConflictScript',
  attachments: 'syncConflictReceipt',
};

const asAgreement = (record: unknown): Agreement | null => {
  const parsed = agreementSchema.safeParse(record);
  return parsed.success ? parsed.data : null;
};

function titleOf(conflict: Conflict): string {
  if (conflict.store === 'agreements') {
    const lender = asAgreement(conflict.current.record)?.lender;
    if (lender) return t('syncConflictAgreement', lender);
  }
  return t(STORE_TITLE[conflict.store] ?? 'syncConflictNote');
}

function deviceText(version: ConflictVersion, deviceName: string, names: Readonly<Record<string, string>>): string {
  if (!version.here) {
    const name = version.peer === null ? undefined : names[version.peer];
    return name ? name : t('syncConflictAnotherDevice');
  }
  return deviceName ? t('syncConflictThisDevice', deviceName) : t('syncConflictThisDeviceUnnamed');
}

type AgreementField = 'lender' | 'kind' | 'amountFen' | 'dueDate';
const FIELDS: { field: AgreementField; label: MessageKey; show: (a: Agreement) => string }[] = [
  { field: 'lender', label: 'fieldLender', show: (a) => a.lender },
  { field: 'kind', label: 'fieldKind', show: (a) => kindLabel(a.kind) },
  { field: 'amountFen', label: 'syncConflictAmount', show: (a) => formatFen(a.amountFen, uiLanguage()) },
  { field: 'dueDate', label: 'fieldDueDate', show: (a) => shortDate(a.dueDate) },
];

/** What a version holds, in the user's terms: an agreement's lender, kind, amount and due date; a note's text. */
function VersionBody({ store, record, against }: { store: string; record: unknown; against: unknown }) {
  if (store === 'agreements') {
    const agreement = asAgreement(record);
    const other = asAgreement(against);
    if (agreement) {
      return (
        <dl className="sync-version-fields">
          {FIELDS.map(({ field, label, show }) => {
            const differs = other !== null && other[field] !== agreement[field];
            return (
              <div key={field} className={differs ? 'differs' : undefined} data-differs={differs || undefined}>
                <dt>{t(label)}</dt>
                <dd>{show(agreement)}</dd>
              </div>
            );
          })}
        </dl>
      );
    }
  }
  if (store === 'sessionNotes' && record && typeof record === 'object') {
    const text: unknown = Reflect.get(record, 'text');
    if (typeof text === 'string') return <p className="sync-version-text">{text}</p>;
  }
  return null;
}

/** Whether the fields shown tell two agreements apart; if not, the difference is said in words. */
function fieldsDiffer(store: string, a: unknown, b: unknown): boolean {
  if (store !== 'agreements') return true;
  const [x, y] = [asAgreement(a), asAgreement(b)];
  return !x || !y || FIELDS.some(({ field }) => x[field] !== y[field]);
}

export function SyncConflicts({ deviceName }: { deviceName: string }) {
  const id = useId();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [names, setNames] = useState<Readonly<Record<string, string>>>({});

  // Reads overlap (a sync's start and its end both change the status): only the latest one is shown.
  const latestRead = useRef(0);
  const reload = useCallback(() => {
    const at = Date.now();
    const ticket = (latestRead.current += 1);
    return loadAll(at).then(
      (read) => {
        if (ticket !== latestRead.current) return;
        setNow(at);
        setLoaded(read);
        setLoadFailed(false);
        // The other devices' names come from the server: the list is shown first, named when they arrive.
        const peers = read.conflicts.flatMap((conflict) => [conflict.current, ...conflict.others]).flatMap((version) => (version.here || version.peer === null ? [] : [version.peer]));
        if (peers.length > 0) {
          void loadDeviceNames(peers).then(setNames, (error: unknown) => console.warn('Device names not read', error));
        }
      },
      (error: unknown) => {
        if (ticket !== latestRead.current) return;
        console.warn('Sync conflicts not read', error);
        setLoadFailed(true);
      },
    );
  }, []);

  useEffect(() => {
    void reload();
    // A sync that ends may bring new conflicts, or settle some.
    return onSyncStatusChange(() => void reload());
  }, [reload]);

  const answer = (work: () => Promise<unknown>, done: MessageKey) => {
    setBusy(true);
    setFailure(null);
    setStatus(null);
    void work()
      .then(
        () => setStatus(t(done)),
        (error: unknown) => {
          console.warn('Sync answer not saved', error);
          setFailure(t('syncConflictFailed'));
        },
      )
      .then(reload)
      .finally(() => setBusy(false));
  };

  if (loadFailed && !loaded) {
    return (
      <p className="banner error" role="alert">
        {t('syncConflictLoadFailed')}
      </p>
    );
  }
  if (!loaded) return null;
  const nothing = loaded.conflicts.length === 0 && loaded.questions.length === 0;
  // Nothing to ask: only the outcome of the last answer, if any.
  if (nothing) return status || failure ? <Feedback failure={failure} status={status} /> : null;

  const keep = (conflict: Conflict, version: ConflictVersion) => answer(() => keepVersion(conflict.store, conflict.id, version.rev, Date.now()), 'syncConflictKept');

  return (
    <div className="card sync-conflicts" aria-labelledby={`${id}-title`} aria-busy={busy} data-sync-conflicts="">
      <h3 id={`${id}-title`}>{t('syncConflictTitle')}</h3>
      <p className="hint">{t('syncConflictIntro')}</p>
      <ul className="sync-conflict-list">
        {loaded.conflicts.map((conflict) => (
          <li key={`${conflict.store}/${conflict.id}`} className="sync-conflict" data-conflict={conflict.editedWhileDeleted ? 'deleted' : 'edited'}>
            <h4>{titleOf(conflict)}</h4>
            {conflict.editedWhileDeleted ? (
              <>
                <p>{t(conflict.current.here ? 'syncConflictDeletedThere' : 'syncConflictDeletedHere')}</p>
                <p className="hint">{t('syncConflictMadeOn', [deviceText(conflict.current, deviceName, names), formatClock(conflict.current.at, now)])}</p>
                <VersionBody store={conflict.store} record={conflict.current.record} against={null} />
                <div className="form-actions">
                  {isDeletableStore(conflict.store) && (
                    <button type="button" className="button secondary" disabled={busy} onClick={() => answer(() => deleteFlaggedRecord(conflict.store, conflict.id, Date.now()), 'syncConflictDeleted')}>
                      {t('syncConflictDelete')}
                    </button>
                  )}
                  <button type="button" className="button primary" disabled={busy} onClick={() => keep(conflict, conflict.current)}>
                    {t('syncConflictKeep')}
                  </button>
                </div>
              </>
            ) : (
              <>
                <p>{t(conflict.others.every((other) => other.device === conflict.current.device) ? 'syncConflictEditedAgain' : 'syncConflictEditedBoth')}</p>
                {conflict.others.map((other) => (
                  <div key={other.rev} className="sync-conflict-pair">
                    {!fieldsDiffer(conflict.store, conflict.current.record, other.record) && <p className="hint">{t('syncConflictOtherDetails')}</p>}
                    <div className="sync-versions">
                      <section className="sync-version current" aria-label={t('syncConflictShown')} data-version="current">
                        <p className="sync-version-label">{t('syncConflictShown')}</p>
                        <p className="hint">{t('syncConflictMadeOn', [deviceText(conflict.current, deviceName, names), formatClock(conflict.current.at, now)])}</p>
                        <VersionBody store={conflict.store} record={conflict.current.record} against={other.record} />
                        <div className="form-actions">
                          <button type="button" className="button secondary" disabled={busy} onClick={() => keep(conflict, conflict.current)}>
                            {t('syncConflictKeepCurrent')}
                          </button>
                        </div>
                      </section>
                      <section className="sync-version other" aria-label={t('syncConflictOther')} data-version="other">
                        <p className="sync-version-label">{t('syncConflictOther')}</p>
                        <p className="hint">{t('syncConflictMadeOn', [deviceText(other, deviceName, names), formatClock(other.at, now)])}</p>
                        <VersionBody store={conflict.store} record={other.record} against={conflict.current.record} />
                        {conflict.store !== 'attachments' && (
                          <div className="form-actions">
                            <button type="button" className="button primary" disabled={busy} onClick={() => keep(conflict, other)}>
                              {t('syncConflictKeepThis')}
                            </button>
                          </div>
                        )}
                      </section>
                    </div>
                  </div>
                ))}
              </>
            )}
          </li>
        ))}
        {loaded.questions.map(({ pair, lender }) => {
          const [a, b] = pair;
          return (
            <li key={`${a.id}+${b.id}`} className="sync-conflict" data-conflict="same-payment">
              <p>{t('syncConflictSamePayment', [formatFen(a.amountFen, uiLanguage()), dayNear(a.paidOn, toIsoDate(now)), lender])}</p>
              <p className="hint">{t('syncConflictSameHint')}</p>
              <div className="form-actions">
                <button type="button" className="button secondary" disabled={busy} onClick={() => answer(() => dismissSamePaymentQuestion(a, b, Date.now()), 'syncConflictTwoDone')}>
                  {t('syncConflictSameNo')}
                </button>
                <button type="button" className="button primary" disabled={busy} onClick={() => answer(() => keepOnePayment(a, b, Date.now()), 'syncConflictSameDone')}>
                  {t('syncConflictSameYes')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <Feedback failure={failure} status={status} />
    </div>
  );
}
