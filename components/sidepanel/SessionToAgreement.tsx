import { AgreementForm } from '../shared/AgreementForm';
import { t } from '../../lib/i18n';
import type { AgreementRecord } from '../../lib/db/schema';
import type { SessionNoteRecord, SessionRecord } from '../../lib/db/sessions';
import { MAX_FOLLOW_UP_TEXT } from '../../lib/domain/agreement';
import type { IsoDate } from '../../lib/domain/dates';
import { draftFromSession, planFromSession, promisedFollowUps } from '../../lib/negotiation/session';

/**
 * "Turn into agreement": the agreement form prefilled from the session's offers, saved with the
 * promised follow-ups as reminders; the caller links the session to it. From a session already
 * linked, the new agreement replaces the old one (marked so, its reminders stopped, in the same
 * write), so one debt is never tracked twice. Loaded lazily.
 */
export default function SessionToAgreement({
  session,
  notes,
  today,
  replaces,
  onSaved,
  onCancel,
}: {
  session: SessionRecord;
  notes: readonly SessionNoteRecord[];
  today: IsoDate;
  /** The linked agreement the new one takes the place of (closed in the same write), if any. */
  replaces?: AgreementRecord | undefined;
  onSaved: (record: AgreementRecord) => void;
  onCancel: () => void;
}) {
  const draft = draftFromSession(session, notes, today);
  const split = draft.kind === 'installment' ? planFromSession(notes) : null;
  const followUps = promisedFollowUps(notes, today).map((f) => ({ date: f.date, text: f.text.slice(0, MAX_FOLLOW_UP_TEXT) }));
  return (
    <>
      {replaces && <p className="tip replacing">{t('sessionReplacing', replaces.lender)}</p>}
      <AgreementForm
        prefill={draft}
        prefillPlan={split ? { periods: String(split.periods) } : undefined}
        followUps={followUps}
        replaces={replaces?.id}
        onCancel={onCancel}
        onSaved={onSaved}
      />
    </>
  );
}
