import { useEffect, useState } from 'react';
import { GENERAL_NOTES_ID } from '../../lib/db/notes';
import type { AgreementRecord } from '../../lib/db/schema';
import { createSession, type SessionNoteRecord, type SessionRecord } from '../../lib/db/sessions';
import { t } from '../../lib/i18n';
import { loadLatestSession, SessionView } from './SessionView';

type Loaded = { kind: 'loading' } | { kind: 'ready'; session: SessionRecord; notes: SessionNoteRecord[] } | { kind: 'failed'; reason: string };

/**
 * The panel's "Notes" tab: the latest chat session about the picked agreement (or the general
 * one), opened where it was left, including the note that was being typed.
 */
export function NotesEditor({
  scope,
  agreement,
  onAgreementCreated,
  onSession,
}: {
  scope: string;
  agreement: AgreementRecord | undefined;
  onAgreementCreated: (record: AgreementRecord) => void;
  /** The session on show (the script tab's checklist belongs to it); null while none is. */
  onSession?: (sessionId: string | null) => void;
}) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const agreementId = scope === GENERAL_NOTES_ID ? null : scope;
  const lender = agreement?.lender ?? '';
  // The lender a new session starts with: the picked agreement's when the tab opened.
  const [initialLender] = useState(lender);

  useEffect(() => {
    let live = true;
    loadLatestSession(agreementId, initialLender).then(
      ({ session, notes }) => live && setLoaded({ kind: 'ready', session, notes }),
      (error: unknown) => live && setLoaded({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [agreementId, initialLender]);

  const shownId = loaded.kind === 'ready' ? loaded.session.id : null;
  useEffect(() => {
    onSession?.(shownId);
  }, [shownId, onSession]);

  if (loaded.kind === 'loading') return <p className="tip">…</p>;
  if (loaded.kind === 'failed') return <p className="save-state error" role="alert">{t('notesSaveFailed', loaded.reason)}</p>;
  return (
    <SessionView
      key={loaded.session.id}
      session={loaded.session}
      initialNotes={loaded.notes}
      agreement={agreement}
      onNewSession={() => {
        void createSession({ id: crypto.randomUUID(), agreementId, lender, startedAt: Date.now() }).then((session) =>
          setLoaded({ kind: 'ready', session, notes: [] }),
        );
      }}
      onLinked={onAgreementCreated}
    />
  );
}
