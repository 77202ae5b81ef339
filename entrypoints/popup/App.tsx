import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { AgreementList } from '../../components/AgreementList';
import { DatabaseTooNewError } from '../../lib/db/database';
import { deleteAgreement, listAgreements } from '../../lib/db/agreements';
import { nextPendingByAgreement } from '../../lib/db/reminders';
import type { AgreementRecord, ReminderRecord } from '../../lib/db/schema';
import { openSidePanel, PANEL_AGREEMENT_KEY } from '../../lib/browser/side-panel';
import { toIsoDate } from '../../lib/domain/dates';
import { formatFen } from '../../lib/domain/money';
import { countNeedingAction, totalOwedFen } from '../../lib/domain/urgency';
import { t, uiLanguage } from '../../lib/i18n';
import { send } from '../../lib/messaging/protocol';

// The form carries the validation and the whole milestone engine: load it when it is opened.
const AgreementForm = lazy(() => import('../../components/AgreementForm').then((m) => ({ default: m.AgreementForm })));

/** Tell the background to re-arm; it may be asleep or restarting, and the next sweep catches up. */
function notifyBackground(): void {
  send('data-changed', {}).catch((error: unknown) => console.warn('Background not reachable', error));
}

function describeError(error: unknown): string {
  if (error instanceof DatabaseTooNewError) return t('errDbTooNew');
  return t('errGeneric', error instanceof Error ? error.message : String(error));
}

export function App() {
  const [agreements, setAgreements] = useState<AgreementRecord[] | null>(null);
  const [nextSteps, setNextSteps] = useState<Map<string, ReminderRecord>>(new Map());
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [windowId, setWindowId] = useState<number | undefined>();
  const highlightId = new URLSearchParams(location.search).get('agreement');
  const [today] = useState(() => toIsoDate(Date.now()));

  const reload = useCallback(async () => {
    try {
      const [list, steps] = await Promise.all([listAgreements(), nextPendingByAgreement()]);
      setAgreements(list);
      setNextSteps(steps);
    } catch (error) {
      setFailure(describeError(error));
      setAgreements([]);
    }
  }, []);

  useEffect(() => {
    let live = true;
    Promise.all([listAgreements(), nextPendingByAgreement()]).then(
      ([list, steps]) => {
        if (!live) return;
        setAgreements(list);
        setNextSteps(steps);
        // The benchmark measures time to first screen from this mark.
        requestAnimationFrame(() => performance.mark('first-screen'));
      },
      (error: unknown) => {
        if (!live) return;
        setFailure(describeError(error));
        setAgreements([]);
      },
    );
    // The side panel can only be opened synchronously in the click, so learn the window now.
    browser.windows.getCurrent().then(
      (w) => setWindowId(w.id),
      () => setWindowId(undefined),
    );
    return () => {
      live = false;
    };
  }, []);

  const negotiate = (agreement: AgreementRecord | null) => {
    openSidePanel(windowId).catch(() => setFailure(t('openPanelFailed')));
    void browser.storage.local.set({ [PANEL_AGREEMENT_KEY]: agreement?.id ?? null });
  };

  const remove = async (agreement: AgreementRecord) => {
    try {
      await deleteAgreement(agreement.id);
      notifyBackground();
      await reload();
    } catch (error) {
      setFailure(describeError(error));
    }
  };

  const saved = async () => {
    setAdding(false);
    setStatus(t('saved'));
    notifyBackground();
    await reload();
  };

  return (
    <main className="popup-main">
      <header className="app-header">
        <h1>{t('popupTitle')}</h1>
        <button type="button" className="button secondary small" onClick={() => negotiate(null)}>
          {t('openPanelGeneral')}
        </button>
      </header>
      {failure && (
        <p className="banner error" role="alert">
          {failure}
        </p>
      )}
      <p className="status" role="status">
        {status}
      </p>
      {agreements && agreements.length > 0 && (
        <section className="summary" aria-label={t('popupTitle')}>
          <span>{t('totalOwed', formatFen(totalOwedFen(agreements), uiLanguage()))}</span>
          <span className="needs-action">{t('needsActionCount', String(countNeedingAction(agreements, today)))}</span>
        </section>
      )}
      {adding ? (
        <Suspense fallback={<p className="status">…</p>}>
          <AgreementForm onSaved={() => void saved()} onCancel={() => setAdding(false)} />
        </Suspense>
      ) : (
        <button
          type="button"
          className="button primary wide"
          onClick={() => {
            setStatus(null);
            setAdding(true);
          }}
        >
          {t('addAgreement')}
        </button>
      )}
      {agreements && agreements.length === 0 && !adding && (
        <section className="empty">
          <h2>{t('emptyTitle')}</h2>
          <p>{t('emptyBody')}</p>
        </section>
      )}
      {agreements && agreements.length > 0 && (
        <section>
          <h2 className="section-title">{t('listHeading')}</h2>
          <AgreementList
            agreements={agreements}
            today={today}
            highlightId={highlightId}
            nextSteps={nextSteps}
            onNegotiate={negotiate}
            onDelete={(a) => void remove(a)}
          />
        </section>
      )}
    </main>
  );
}
