import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { listAttachments } from '../../lib/db/attachments';
import type { AgreementRecord } from '../../lib/db/schema';
import type { SessionNoteRecord, SessionRecord } from '../../lib/db/sessions';
import { localDateTime } from '../../lib/domain/dates';
import { t, uiLanguage } from '../../lib/i18n';
import { buildComplaintDraft, complaintPromises, markPromise, type PromiseOutcome } from '../../lib/negotiation/complaint-draft';
import type { EvidenceEntry } from '../../lib/negotiation/session-export';
import './ComplaintDraft.css';

type Shot = EvidenceEntry & { id: string; src: string };
type Status = { kind: 'idle' } | { kind: 'copied' } | { kind: 'failed'; text: string };

/**
 * The complaint draft of one chat session, shown as the text that Copy puts on the clipboard and
 * Print puts on paper (with the screenshots, as images, after it). The user marks what became of
 * each promise, saved with the chat (through the session's own save, so reopening the draft shows
 * them), and writes what they ask for, which is not stored. Loaded lazily from the session's actions.
 */
export default function ComplaintDraft({
  session,
  notes,
  agreement,
  onOutcomes,
  onClose,
}: {
  session: SessionRecord;
  notes: readonly SessionNoteRecord[];
  agreement: AgreementRecord | undefined;
  /** Saves the promises' outcomes with the session; rejects when nothing was saved. */
  onOutcomes: (outcomes: Record<string, PromiseOutcome>) => Promise<unknown>;
  onClose: () => void;
}) {
  const id = useId();
  const [shots, setShots] = useState<Shot[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, PromiseOutcome>>(() => session.promiseOutcomes ?? {});
  const [saveFailure, setSaveFailure] = useState<string | null>(null);
  const [request, setRequest] = useState(() => t('complaintRequestDefault'));
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [preparedAt] = useState(() => Date.now());
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
    let live = true;
    const urls: string[] = [];
    listAttachments('session', session.id).then(
      (list) => {
        const loaded = list.map((a) => {
          const src = URL.createObjectURL(a.blob);
          urls.push(src);
          return { id: a.id, at: a.capturedAt, kind: 'screenshot' as const, url: a.url ?? '', ...(a.title ? { title: a.title } : {}), src };
        });
        if (live) setShots(loaded);
        else for (const url of urls) URL.revokeObjectURL(url);
      },
      (error: unknown) => {
        if (live) setFailure(t('complaintLoadFailed', error instanceof Error ? error.message : String(error)));
      },
    );
    return () => {
      live = false;
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [session.id]);

  // Printing shows the draft alone: the page's other parts hide while this class is on the body.
  useEffect(() => {
    const after = () => document.body.classList.remove('printing-complaint');
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('afterprint', after);
      after();
    };
  }, []);

  const promises = useMemo(() => complaintPromises(notes), [notes]);
  const text = useMemo(
    () =>
      shots === null
        ? ''
        : buildComplaintDraft(
            {
              session,
              notes,
              evidence: shots,
              agreement: session.agreementId !== null && agreement?.id === session.agreementId ? agreement : undefined,
              outcomes,
              request,
              preparedAt,
            },
            t,
            uiLanguage(),
          ),
    [shots, session, notes, agreement, outcomes, request, preparedAt],
  );

  const mark = (noteId: string, outcome: PromiseOutcome | undefined) => {
    const next = markPromise(outcomes, noteId, outcome);
    setOutcomes(next);
    setSaveFailure(null);
    onOutcomes(next).catch((error: unknown) => {
      // The draft keeps the mark for this copy; the message says it was not kept with the chat.
      setSaveFailure(t('complaintOutcomeNotSaved', error instanceof Error ? error.message : String(error)));
    });
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus({ kind: 'copied' });
    } catch (error) {
      setStatus({ kind: 'failed', text: t('complaintCopyFailed', error instanceof Error ? error.message : String(error)) });
    }
  };
  const print = () => {
    document.body.classList.add('printing-complaint');
    window.print();
  };

  return (
    <section className="complaint-draft" aria-labelledby={`${id}-h`}>
      <div className="complaint-bar no-print">
        <h3 id={`${id}-h`} ref={heading} tabIndex={-1}>
          {t('complaintHeading')}
        </h3>
        <button type="button" className="button link small" onClick={onClose}>
          {t('complaintClose')}
        </button>
      </div>
      <p className="hint no-print">{t('complaintIntro')}</p>
      {failure && (
        <p className="banner error" role="alert">
          {failure}
        </p>
      )}

      {promises.length > 0 && (
        <fieldset className="complaint-promises no-print">
          <legend>{t('complaintPromisesLegend')}</legend>
          {promises.map((p) => (
            <div key={p.id} className="field">
              <label htmlFor={`${id}-${p.id}`}>{`${localDateTime(p.at, false)} ${p.text.trim().slice(0, 80)}`}</label>
              <select
                id={`${id}-${p.id}`}
                value={outcomes[p.id] ?? ''}
                onChange={(e) => mark(p.id, e.target.value === '' ? undefined : (e.target.value as PromiseOutcome))}
              >
                <option value="">{t('complaintPromiseUnknown')}</option>
                <option value="kept">{t('complaintPromiseKept')}</option>
                <option value="broken">{t('complaintPromiseBroken')}</option>
              </select>
            </div>
          ))}
          {saveFailure && (
            <p className="banner error" role="alert">
              {saveFailure}
            </p>
          )}
        </fieldset>
      )}

      <div className="field no-print">
        <label htmlFor={`${id}-ask`}>{t('complaintRequestLabel')}</label>
        <textarea id={`${id}-ask`} rows={3} maxLength={2_000} value={request} onChange={(e) => setRequest(e.target.value)} />
      </div>

      {shots === null && !failure ? (
        <p className="hint">…</p>
      ) : (
        <pre className="complaint-text" aria-label={t('complaintPreviewLabel')} tabIndex={0}>
          {text}
        </pre>
      )}
      {shots !== null && shots.length > 0 && (
        <ol className="complaint-images" aria-hidden="true">
          {shots.map((s, i) => (
            <li key={s.id}>
              <p>{t('complaintImageCaption', [String(i + 1), localDateTime(s.at, false)])}</p>
              <img src={s.src} alt="" />
            </li>
          ))}
        </ol>
      )}

      <p className="hint no-print">{t('complaintCalm')}</p>
      <div className="complaint-actions no-print">
        <button type="button" className="button primary" disabled={text === ''} onClick={() => void copy()}>
          {t('complaintCopy')}
        </button>
        <button type="button" className="button secondary" disabled={text === ''} onClick={print}>
          {t('complaintPrint')}
        </button>
        <span className={status.kind === 'failed' ? 'save-state error' : 'save-state'} role="status">
          {status.kind === 'copied' ? t('complaintCopied') : status.kind === 'failed' ? status.text : ''}
        </span>
      </div>
    </section>
  );
}
