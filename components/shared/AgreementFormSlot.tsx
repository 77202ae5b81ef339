import { lazy, Suspense } from 'react';
import type { AgreementRecord } from '../../lib/db/schema';
import { t } from '../../lib/i18n';

// The form carries the kind fields, the plan preview and the milestone engine: loaded on the first click.
const AgreementForm = lazy(() => import('./AgreementForm').then((m) => ({ default: m.AgreementForm })));

/** What the form slot shows: nothing open, a new agreement, or the one being edited. */
export type Editing = 'new' | AgreementRecord | null;

/** "Add agreement", or the add/edit form in its place (the popup and the full view alike). */
export function AgreementFormSlot({
  editing,
  onEdit,
  onSaved,
}: {
  editing: Editing;
  onEdit: (editing: Editing) => void;
  onSaved: (record: AgreementRecord) => void;
}) {
  if (editing === null) {
    return (
      <button type="button" className="button primary wide" onClick={() => onEdit('new')}>
        {t('addAgreement')}
      </button>
    );
  }
  return (
    <Suspense fallback={<p className="status">…</p>}>
      <AgreementForm
        key={editing === 'new' ? 'new' : editing.id}
        initial={editing === 'new' ? undefined : editing}
        onSaved={onSaved}
        onCancel={() => onEdit(null)}
      />
    </Suspense>
  );
}
