import { useEffect, useId, useRef, useState } from 'react';
import { format } from 'date-fns';
import { getNote, saveNote } from '../lib/db/notes';
import { createAutosaver, type Autosaver } from '../lib/notes/autosave';
import { t } from '../lib/i18n';

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: number } | { kind: 'failed'; reason: string };

/** Notes saved as they are typed; a closing panel flushes what is left. */
export function NotesEditor({ noteId }: { noteId: string }) {
  const [text, setText] = useState<string | null>(null);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const saver = useRef<Autosaver | null>(null);
  const id = useId();
  const ready = text !== null;

  // The benchmark measures the side panel's time to interactive from this mark: box filled and enabled.
  useEffect(() => {
    if (ready) performance.mark('panel-ready');
  }, [ready]);

  useEffect(() => {
    let live = true;
    const autosaver = createAutosaver({
      save: async (value) => {
        await saveNote(noteId, value, Date.now());
      },
      onSaved: () => live && setState({ kind: 'saved', at: Date.now() }),
      onError: (error) => live && setState({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) }),
    });
    saver.current = autosaver;
    getNote(noteId).then(
      (note) => live && setText(note?.text ?? ''),
      () => live && setText(''),
    );
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
  }, [noteId]);

  const statusText =
    state.kind === 'saving'
      ? t('notesSaving')
      : state.kind === 'saved'
        ? t('notesSaved', format(state.at, 'HH:mm:ss'))
        : state.kind === 'failed'
          ? t('notesSaveFailed', state.reason)
          : '';

  return (
    <div className="field notes">
      <label htmlFor={id}>{t('notesLabel')}</label>
      <textarea
        id={id}
        value={text ?? ''}
        disabled={text === null}
        placeholder={t('notesPlaceholder')}
        rows={14}
        onChange={(e) => {
          setText(e.target.value);
          setState({ kind: 'saving' });
          saver.current?.schedule(e.target.value);
        }}
      />
      <p className={state.kind === 'failed' ? 'save-state error' : 'save-state'} role="status">
        {statusText}
      </p>
    </div>
  );
}
