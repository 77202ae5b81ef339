import { lazy, Suspense, useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import {
  addNote,
  createSession,
  deleteNote,
  listNotes,
  listSessionsOfAgreement,
  restoreNote,
  saveSession,
  updateNote,
  updateSession,
  type SessionNoteRecord,
  type SessionRecord,
} from '../../lib/db/sessions';
import type { AgreementRecord } from '../../lib/db/schema';
import { toIsoDate } from '../../lib/domain/dates';
import { formatFen } from '../../lib/domain/money';
import { createAutosaver, type Autosaver } from '../../lib/notes/autosave';
import { draftKeeper } from '../../lib/keys/draft-stash';
import { lockKnownOff } from '../../lib/keys/state';
import { CHANNELS, NOTE_TAGS, type NoteTag, type Session } from '../../lib/domain/chat-session';
import { t, uiLanguage } from '../../lib/i18n';
import { shortDate } from '../../lib/i18n/labels';
import { clockTime, dateTime } from '../../lib/i18n/time-labels';
import { channelLabel, confirmLabel, downloadSessionMarkdown, tagLabel } from './SessionLabels';

const SessionToAgreement = lazy(() => import('./SessionToAgreement'));
// The screenshots (thumbnails, capture button) load after the notes: a live chat needs the note box first.
const EvidenceList = lazy(() => import('./EvidenceList'));
const ComplaintDraft = lazy(() => import('./ComplaintDraft'));
const AgreementUpdate = lazy(() => import('./AgreementUpdate'));

/** The note parser (and its holiday table) loads after the panel is usable: chips appear a moment later. */
type Parsing = {
  recogniseInNote: typeof import('../../lib/negotiation/note-parsing').recogniseInNote;
  promisedFollowUps: typeof import('../../lib/negotiation/session').promisedFollowUps;
};
let parsing: Promise<Parsing> | null = null;
const loadParsing = () =>
  (parsing ??= Promise.all([import('../../lib/negotiation/note-parsing'), import('../../lib/negotiation/session')]).then(([p, s]) => ({
    recogniseInNote: p.recogniseInNote,
    promisedFollowUps: s.promisedFollowUps,
  })));

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: number } | { kind: 'failed'; reason: string };
const CONFIRM_CHANNELS = ['sms', 'email', 'in-app', 'letter'] as const;
/** A long session opens on its latest notes, the ones a live chat needs; the rest on request (and when printed). */
export const LATEST_NOTES_SHOWN = 50;

const clock = (at: number) => clockTime(at, true);
const stamp = (at: number) => dateTime(at);

/**
 * One chat session: its header, the box where the next note is typed (saved as it is typed, and
 * flushed when the panel closes) and the notes taken so far, each with its time and tags.
 */
export function SessionView({
  session: initialSession,
  initialNotes,
  agreement,
  onNewSession,
  onLinked,
}: {
  session: SessionRecord;
  initialNotes: SessionNoteRecord[];
  agreement: AgreementRecord | undefined;
  onNewSession: () => void;
  onLinked: (agreement: AgreementRecord) => void;
}) {
  const [session, setSession] = useState(initialSession);
  // The panel is the session's only writer: it writes the whole record from here, with one put that
  // commits at once, so the last save of a closing page is not lost to a read-then-write round trip.
  const current = useRef(initialSession);
  const [notes, setNotes] = useState(initialNotes);
  const [draft, setDraft] = useState(initialSession.draft ?? '');
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [confirmChannel, setConfirmChannel] = useState<(typeof CONFIRM_CHANNELS)[number]>('sms');
  const [converting, setConverting] = useState(false);
  const [complaining, setComplaining] = useState(false);
  const [updating, setUpdating] = useState(false);
  /** The lender whose agreement this chat just updated, for the line that says so. */
  const [updated, setUpdated] = useState<string | null>(null);
  const saver = useRef<Autosaver | null>(null);
  /** With the lock on, the draft is also kept in storage.session until its sealed save lands (lib/keys/draft-stash.ts). */
  const [keeper] = useState(() => draftKeeper(initialSession.id));
  const startedTyping = useRef<number | null>(null);
  const id = useId();
  const [today] = useState(() => toIsoDate(Date.now()));

  const [parser, setParser] = useState<Parsing | null>(null);
  // The screenshots load once the panel is usable and the browser is idle (the note box comes first).
  const [evidenceShown, setEvidenceShown] = useState(false);
  const [showAll, setShowAll] = useState(false);

  useEffect(() => {
    const beforePrint = () => flushSync(() => setShowAll(true));
    window.addEventListener('beforeprint', beforePrint);
    return () => window.removeEventListener('beforeprint', beforePrint);
  }, []);

  useEffect(() => {
    performance.mark('panel-ready');
    let live = true;
    void loadParsing().then((p) => live && setParser(p));
    const idle = requestIdleCallback(() => setEvidenceShown(true), { timeout: 500 });
    return () => {
      live = false;
      cancelIdleCallback(idle);
    };
  }, []);

  useEffect(() => {
    let live = true;
    const autosaver = createAutosaver({
      save: async (value) => {
        current.current = { ...current.current, draft: value };
        await saveSession(current.current);
      },
      onSaved: () => {
        keeper.saved();
        if (live) setState({ kind: 'saved', at: Date.now() });
      },
      onError: (error) => live && setState({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) }),
    });
    saver.current = autosaver;
    const flush = () => void autosaver.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      live = false;
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      flush();
    };
  }, [session.id, keeper]);

  /**
   * The draft changed: saved shortly (sealed, with the lock on). With the lock on it is also kept in
   * storage.session at once, since Firefox drops the sealing of a page that is closing; with the lock
   * known off nothing more is done (the save itself then lands even while the page closes).
   */
  const draftChanged = (text: string) => {
    keeper.changed(text, Date.now());
    saver.current?.schedule(text);
  };

  const persist = (patch: Partial<Omit<SessionRecord, 'id' | 'draft'>>) => {
    current.current = { ...current.current, ...patch };
    setSession(current.current);
    return saveSession(current.current);
  };
  const change = (patch: Partial<Omit<SessionRecord, 'id' | 'draft'>>) => {
    persist(patch).catch((error: unknown) => setState({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) }));
  };

  const add = async () => {
    const text = draft.trim();
    if (text === '') return;
    const at = startedTyping.current ?? Date.now();
    startedTyping.current = null;
    setDraft('');
    try {
      const note = await addNote({ id: crypto.randomUUID(), sessionId: session.id, at, text });
      setNotes((list) => [...list, note].sort((a, b) => a.at - b.at));
      draftChanged('');
      await saver.current?.flush();
    } catch (error) {
      setDraft(text);
      setState({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void add();
    }
  };

  const toggleTag = async (note: SessionNoteRecord, tag: NoteTag) => {
    const tags = note.tags.includes(tag) ? note.tags.filter((x) => x !== tag) : NOTE_TAGS.filter((x) => x === tag || note.tags.includes(x));
    const next = await updateNote({ ...note, tags });
    setNotes((list) => list.map((n) => (n.id === next.id ? next : n)));
  };

  // The note deleted last, offered back (undo) until another is deleted.
  const [deleted, setDeleted] = useState<SessionNoteRecord | null>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  const remove = async (note: SessionNoteRecord) => {
    await deleteNote(note.id);
    setNotes((list) => list.filter((n) => n.id !== note.id));
    setDeleted(note);
  };
  // The deleted note's own button is gone: the keyboard goes to Undo, once it is on the page (an
  // effect after the commit, not a frame callback, which can run before React has rendered it).
  useEffect(() => {
    if (deleted) undoButton.current?.focus();
  }, [deleted]);
  const undoRemove = async (note: SessionNoteRecord) => {
    try {
      const back = await restoreNote(note);
      setNotes((list) => [...list.filter((n) => n.id !== back.id), back].sort((a, b) => a.at - b.at));
      setDeleted(null);
      setState({ kind: 'idle' });
    } catch (error) {
      setState({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
    }
  };

  // Text saved from the page (context menu) arrives as a note while the panel is open.
  const reloadNotes = useCallback(() => {
    void listNotes(session.id).then(setNotes);
  }, [session.id]);

  const linked = session.agreementId !== null && agreement?.id === session.agreementId ? agreement : undefined;

  const followUps = useMemo(() => parser?.promisedFollowUps(notes, today) ?? [], [parser, notes, today]);

  const statusText =
    state.kind === 'saving'
      ? t('notesSaving')
      : state.kind === 'saved'
        ? t('notesSaved', clock(state.at))
        : state.kind === 'failed'
          ? t('notesSaveFailed', state.reason)
          : '';

  return (
    <section className="session" aria-labelledby={`${id}-h`}>
      <div className="session-bar no-print">
        <h2 id={`${id}-h`}>{t('sessionHeading')}</h2>
        <button type="button" className="button secondary small" onClick={onNewSession}>
          {t('sessionNew')}
        </button>
      </div>
      <p className="session-started">{t('sessionStartedAt', stamp(session.startedAt))}</p>
      <div className="session-header">
        <div className="field">
          <label htmlFor={`${id}-lender`}>{t('sessionLender')}</label>
          <input id={`${id}-lender`} value={session.lender} maxLength={60} onChange={(e) => change({ lender: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-channel`}>{t('sessionChannel')}</label>
          <select id={`${id}-channel`} value={session.channel} onChange={(e) => change({ channel: e.target.value as Session['channel'] })}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {channelLabel(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-agent`}>{t('sessionAgent')}</label>
          <input id={`${id}-agent`} value={session.agentName} maxLength={60} onChange={(e) => change({ agentName: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-ticket`}>{t('sessionTicket')}</label>
          <input id={`${id}-ticket`} value={session.ticket} maxLength={80} onChange={(e) => change({ ticket: e.target.value })} />
        </div>
      </div>

      <div className="session-confirm">
        {session.confirmationAskedAt !== null ? (
          <p>{t('confirmAskedAt', stamp(session.confirmationAskedAt))}</p>
        ) : (
          <button type="button" className="button secondary small no-print" onClick={() => change({ confirmationAskedAt: Date.now() })}>
            {t('confirmAsk')}
          </button>
        )}
        {session.confirmationReceivedAt !== null ? (
          <p>{t('confirmReceivedAt', [stamp(session.confirmationReceivedAt), confirmLabel(session.confirmationChannel ?? 'sms')])}</p>
        ) : (
          <div className="confirm-receive no-print">
            <label htmlFor={`${id}-cc`}>{t('confirmChannelLabel')}</label>
            <select id={`${id}-cc`} value={confirmChannel} onChange={(e) => setConfirmChannel(e.target.value as (typeof CONFIRM_CHANNELS)[number])}>
              {CONFIRM_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {confirmLabel(c)}
                </option>
              ))}
            </select>
            <button type="button" className="button secondary small" onClick={() => change({ confirmationReceivedAt: Date.now(), confirmationChannel: confirmChannel })}>
              {t('confirmReceive')}
            </button>
          </div>
        )}
      </div>

      <div className="field notes no-print">
        <label htmlFor={`${id}-box`}>{t('noteBoxLabel')}</label>
        <textarea
          id={`${id}-box`}
          value={draft}
          placeholder={t('noteBoxPlaceholder')}
          aria-describedby={`${id}-hint`}
          rows={3}
          onKeyDown={onKeyDown}
          onChange={(e) => {
            if (startedTyping.current === null && e.target.value.trim() !== '') startedTyping.current = Date.now();
            setDraft(e.target.value);
            setState({ kind: 'saving' });
            draftChanged(e.target.value);
          }}
        />
        <p id={`${id}-hint`} className="tip">
          {t('noteBoxHint')}
        </p>
        <p className={state.kind === 'failed' ? 'save-state error' : 'save-state'} role="status">
          {statusText}
        </p>
      </div>

      {deleted && (
        <p className="note-undo no-print">
          <span role="status">{t('noteDeleted')}</span>{' '}
          <button
            type="button"
            ref={undoButton}
            className="button link small"
            aria-label={t('noteDeleteUndoOf', deleted.text.slice(0, 40))}
            onClick={() => void undoRemove(deleted)}
          >
            {t('noteDeleteUndo')}
          </button>
        </p>
      )}
      {notes.length === 0 ? (
        <p className="tip">{t('notesEmpty')}</p>
      ) : (
        <>
        {!showAll && notes.length > LATEST_NOTES_SHOWN && (
          <button type="button" className="button link no-print" onClick={() => setShowAll(true)}>
            {t('notesShowEarlier', String(notes.length - LATEST_NOTES_SHOWN))}
          </button>
        )}
        <ol className="note-stream" aria-label={t('notesListLabel')}>
          {(showAll ? notes : notes.slice(-LATEST_NOTES_SHOWN)).map((note) => (
            <NoteItem key={note.id} note={note} today={today} recognise={parser?.recogniseInNote} onToggle={(tag) => void toggleTag(note, tag)} onDelete={() => void remove(note)} />
          ))}
        </ol>
        </>
      )}

      {evidenceShown && (
        <Suspense fallback={null}>
          <EvidenceList sessionId={session.id} onNotesChanged={reloadNotes} />
        </Suspense>
      )}

      {followUps.length > 0 && <p className="tip">{t('sessionFollowUps', followUps.map((f) => shortDate(f.date)).join(', '))}</p>}
      {linked && <p className="tip">{t('sessionLinked', linked.lender)}</p>}

      <div className="session-actions no-print">
        {linked ? (
          <>
            {/* Linked already: the talk usually changes that agreement; a new deal beside it is the exception. */}
            <button
              type="button"
              className="button primary"
              onClick={() => {
                setConverting(false);
                setUpdated(null);
                setUpdating(true);
              }}
              disabled={updating}
            >
              {t('sessionUpdateAgreement')}
            </button>
            <button
              type="button"
              className="button secondary small"
              onClick={() => {
                setUpdating(false);
                setUpdated(null);
                setConverting(true);
              }}
              disabled={converting}
            >
              {t('sessionToNewAgreement')}
            </button>
          </>
        ) : (
          <button type="button" className="button primary" onClick={() => setConverting(true)} disabled={converting}>
            {t('sessionToAgreement')}
          </button>
        )}
        <button type="button" className="button secondary small" onClick={() => void downloadSessionMarkdown(session, notes)}>
          {t('sessionExport')}
        </button>
        <button type="button" className="button secondary small" onClick={() => window.print()}>
          {t('sessionPrint')}
        </button>
        <button type="button" className="button secondary small" aria-expanded={complaining} onClick={() => setComplaining((open) => !open)}>
          {t('sessionComplaint')}
        </button>
      </div>
      {complaining && (
        <Suspense fallback={null}>
          <ComplaintDraft
            session={session}
            notes={notes}
            agreement={agreement}
            onOutcomes={(promiseOutcomes) => persist({ promiseOutcomes })}
            onClose={() => setComplaining(false)}
          />
        </Suspense>
      )}
      {updated !== null && (
        <p className="save-state no-print" role="status">
          {t('updateApplied', updated)}
        </p>
      )}
      {updating && linked && (
        <Suspense fallback={null}>
          <AgreementUpdate
            session={session}
            notes={notes}
            agreement={linked}
            today={today}
            onCancel={() => setUpdating(false)}
            onApplied={(record) => {
              setUpdating(false);
              setUpdated(record.lender);
              onLinked(record);
            }}
          />
        </Suspense>
      )}
      {converting && (
        <Suspense fallback={null}>
          <SessionToAgreement
            session={session}
            notes={notes}
            today={today}
            replaces={linked?.replacedBy === undefined ? linked : undefined}
            onCancel={() => setConverting(false)}
            onSaved={(record) => {
              setConverting(false);
              void persist({ agreementId: record.id }).then(() => onLinked(record));
            }}
          />
        </Suspense>
      )}
    </section>
  );
}

function NoteItem({
  note,
  today,
  recognise,
  onToggle,
  onDelete,
}: {
  note: SessionNoteRecord;
  today: string;
  recognise: Parsing['recogniseInNote'] | undefined;
  onToggle: (tag: NoteTag) => void;
  onDelete: () => void;
}) {
  const found = useMemo(() => recognise?.(note.text, today) ?? [], [recognise, note.text, today]);
  const language = uiLanguage();
  return (
    <li className="note-item">
      <time dateTime={new Date(note.at).toISOString()}>{clock(note.at)}</time>
      <p className="note-text">{note.text}</p>
      <div className="note-tags" role="group" aria-label={t('noteTagsLabel')}>
        {NOTE_TAGS.map((tag) => (
          <button key={tag} type="button" className="button small tag" aria-pressed={note.tags.includes(tag)} onClick={() => onToggle(tag)}>
            {tagLabel(tag)}
          </button>
        ))}
        <button type="button" className="button small link no-print" aria-label={t('noteDelete')} title={t('noteDelete')} onClick={onDelete}>
          ×
        </button>
      </div>
      {found.length > 0 && (
        <p className="note-chips">
          <span>{t('noteRecognised')}: </span>
          {found.map((r) => (
            <span key={`${r.start}-${r.kind}`} className="chip">
              {r.kind === 'amount' ? formatFen(r.fen, language) : shortDate(r.date)}
            </span>
          ))}
        </p>
      )}
    </li>
  );
}

const opening = new Map<string, Promise<{ session: SessionRecord; notes: SessionNoteRecord[] }>>();

/**
 * Opens the latest session about the picked agreement (or the general one), creating one if none;
 * a session with no lender yet takes the agreement's. Two calls at once share one opening, so a
 * fast double mount never creates two sessions.
 */
export function loadLatestSession(agreementId: string | null, lender: string): Promise<{ session: SessionRecord; notes: SessionNoteRecord[] }> {
  const key = agreementId ?? '';
  const running = opening.get(key);
  if (running) return running;
  const open = (async () => {
    const latest = (await listSessionsOfAgreement(agreementId))[0];
    let session = latest ?? (await createSession({ id: crypto.randomUUID(), agreementId, lender, startedAt: Date.now() }));
    // With the lock on, the last keystrokes of a panel that closed may wait in storage.session.
    if (latest && !lockKnownOff()) {
      const stored = session;
      // Loaded only then: a user without the lock never loads it.
      session = await import('../../lib/lock/draft-restore').then(({ restoreStashedDraft }) => restoreStashedDraft(stored)).catch((error: unknown) => {
        console.warn('A kept draft could not be restored.', error);
        return stored;
      });
    }
    if (session.lender === '' && lender !== '') session = (await updateSession(session.id, { lender })) ?? session;
    return { session, notes: await listNotes(session.id) };
  })().finally(() => opening.delete(key));
  opening.set(key, open);
  return open;
}
