import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { browser } from 'wxt/browser';
import { deleteAttachment, listAttachments, type AttachmentRecord } from '../../lib/db/attachments';
import { captureIntoSession, describeEvidenceError, drainInbox, onInboxChanged } from '../../lib/evidence/capture';
import { captureShortcut } from '../../lib/evidence/grab';
import { rememberPanelSession } from '../../lib/evidence/session-target';
import { t } from '../../lib/i18n';
import { dateTime } from '../../lib/i18n/time-labels';
import './EvidenceList.css';

type Status = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; at: number } | { kind: 'failed'; text: string };

const stamp = (at: number) => dateTime(at, true);

/**
 * The screenshots of one chat session: each with its time and page, a thumbnail that opens the full
 * image, and delete (after a confirmation). Images are shown through object URLs, revoked when an
 * image leaves the list or the list unmounts. Screenshots and text taken from the page (context
 * menu, shortcut) are moved from the background's inbox into this session as soon as they arrive;
 * the button takes one from here where the browser allows it, and otherwise says how to.
 */
export default function EvidenceList({ sessionId, onNotesChanged }: { sessionId: string; onNotesChanged: () => void }) {
  const [items, setItems] = useState<AttachmentRecord[]>([]);
  const [urls, setUrls] = useState<ReadonlyMap<string, string>>(new Map());
  const [viewing, setViewing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [shortcut, setShortcut] = useState('');
  const live = useRef(new Map<string, string>());
  const mounted = useRef(true);
  const id = useId();

  const load = useCallback(async () => {
    const list = await listAttachments('session', sessionId);
    if (!mounted.current) return;
    const next = new Map<string, string>();
    for (const a of list) next.set(a.id, live.current.get(a.id) ?? URL.createObjectURL(a.blob));
    for (const [key, url] of live.current) if (!next.has(key)) URL.revokeObjectURL(url);
    live.current = next;
    setUrls(next);
    setItems(list);
  }, [sessionId]);

  useEffect(() => {
    mounted.current = true;
    // What the context menu and the shortcut took goes to the session the panel shows.
    const collect = async () => {
      try {
        const drained = await drainInbox({ now: Date.now(), sessionId });
        await load();
        if (drained.stored.some((s) => s.kind === 'text')) onNotesChanged();
        const [failure] = drained.failures;
        if (failure !== undefined && mounted.current) setStatus({ kind: 'failed', text: describeEvidenceError(failure, '') });
      } catch (error) {
        if (mounted.current) setStatus({ kind: 'failed', text: describeEvidenceError(error, '') });
      }
    };
    void rememberPanelSession(sessionId);
    void collect();
    void captureShortcut().then((key) => mounted.current && setShortcut(key));
    const off = onInboxChanged(() => void collect());
    const urlsAtMount = live;
    return () => {
      mounted.current = false;
      off();
      for (const url of urlsAtMount.current.values()) URL.revokeObjectURL(url);
      urlsAtMount.current = new Map();
    };
  }, [sessionId, load, onNotesChanged]);

  const capture = async () => {
    setStatus({ kind: 'busy' });
    const now = Date.now();
    try {
      // The tab beside the panel; when this page is itself that tab (opened as a tab), there is no chat to capture.
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      const self = await browser.tabs.getCurrent();
      if (!tab || (self !== undefined && self.id === tab.id)) {
        setStatus({ kind: 'failed', text: t('evidenceNoChatTab') });
        return;
      }
      await captureIntoSession(tab, sessionId, now);
      await load();
      setStatus({ kind: 'done', at: now });
    } catch (error) {
      setStatus({ kind: 'failed', text: describeEvidenceError(error, shortcut || (await captureShortcut())) });
    }
  };

  const remove = async (attachment: AttachmentRecord) => {
    try {
      await deleteAttachment(attachment.id);
      setConfirming(null);
      if (viewing === attachment.id) setViewing(null);
      await load();
    } catch (error) {
      setStatus({ kind: 'failed', text: describeEvidenceError(error, shortcut) });
    }
  };

  const shown = viewing === null ? undefined : items.find((a) => a.id === viewing);
  const shownUrl = shown ? urls.get(shown.id) : undefined;
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') setViewing(null);
  };

  return (
    <section className="evidence" aria-labelledby={`${id}-h`}>
      <div className="evidence-bar">
        <h3 id={`${id}-h`}>{t('evidenceHeading')}</h3>
        <button type="button" className="button secondary small no-print" onClick={() => void capture()} disabled={status.kind === 'busy'}>
          {t('evidenceCapture')}
        </button>
      </div>
      {/* Announced politely, without a second role=status in the panel (the note box's save state is that). */}
      <p className="save-state no-print" aria-live="polite">
        {status.kind === 'busy' ? t('evidenceCapturing') : status.kind === 'done' ? t('evidenceCaptured', stamp(status.at)) : ''}
      </p>
      {status.kind === 'failed' && (
        <p className="save-state error no-print" role="alert">
          {status.text}
        </p>
      )}
      {items.length === 0 ? (
        <p className="tip">{t('evidenceEmpty', [t('menuSaveScreenshot'), shortcut || t('evidenceNoShortcut')])}</p>
      ) : (
        <ol className="evidence-list" aria-label={t('evidenceListLabel')}>
          {items.map((a) => (
            <li key={a.id} className="evidence-item" aria-label={stamp(a.capturedAt)}>
              <button type="button" className="evidence-thumb" aria-label={t('evidenceOpen', stamp(a.capturedAt))} onClick={() => setViewing(a.id)}>
                <img src={urls.get(a.id)} alt="" />
              </button>
              <div className="evidence-meta">
                <time dateTime={new Date(a.capturedAt).toISOString()}>{stamp(a.capturedAt)}</time>
                {a.title && <span className="evidence-title">{a.title}</span>}
                <span className="evidence-url">{a.url ?? t('evidenceUnknownPage')}</span>
                {confirming === a.id ? (
                  <div className="confirm no-print" role="group" aria-label={t('evidenceDeleteConfirm', stamp(a.capturedAt))}>
                    <span>{t('evidenceDeleteConfirm', stamp(a.capturedAt))}</span>{' '}
                    <button type="button" className="button small danger" onClick={() => void remove(a)}>
                      {t('deleteYes')}
                    </button>{' '}
                    <button type="button" className="button small secondary" onClick={() => setConfirming(null)} autoFocus>
                      {t('deleteNo')}
                    </button>
                  </div>
                ) : (
                  <div className="no-print">
                    <button type="button" className="button small link" onClick={() => setConfirming(a.id)}>
                      {t('delete')}
                    </button>
                  </div>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      {shown && shownUrl && (
        <div className="evidence-viewer no-print" role="dialog" aria-modal="true" aria-label={t('evidenceViewerLabel')} onKeyDown={closeOnEscape}>
          <div className="evidence-viewer-bar">
            <span className="evidence-url">
              {stamp(shown.capturedAt)} · {shown.url ?? t('evidenceUnknownPage')}
            </span>
            <button type="button" className="button secondary small" autoFocus onClick={() => setViewing(null)}>
              {t('evidenceClose')}
            </button>
          </div>
          <div className="evidence-viewer-image">
            <img src={shownUrl} alt={t('evidenceImageAlt', [shown.title ?? shown.url ?? t('evidenceUnknownPage'), stamp(shown.capturedAt)])} />
          </div>
        </div>
      )}
    </section>
  );
}
