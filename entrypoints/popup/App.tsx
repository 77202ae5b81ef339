import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { AgreementFormSlot, type Editing } from '../../components/shared/AgreementFormSlot';
import { AgreementList } from '../../components/shared/AgreementList';
import { AgreementSummary } from '../../components/shared/AgreementSummary';
import { Feedback } from '../../components/shared/Feedback';
import { LockNowButton, useLockOn } from '../../components/shared/LockGate';
import { useAgreementScreen } from '../../components/shared/useAgreementScreen';
import type { AgreementRecord } from '../../lib/db/schema';
import { linkedAgreement, linkedReminder } from '../../lib/browser/popup-link';
import { openSidePanel, PANEL_AGREEMENT_KEY, PANEL_SCRIPT_KEY } from '../../lib/browser/side-panel';
import { toIsoDate } from '../../lib/domain/dates';
import { t } from '../../lib/i18n';
import { currentContext, pageStorage, saveSnapshot, SNAPSHOT_ATTRIBUTE } from '../../lib/snapshot/popup-snapshot';

// Only a notification click opens the popup with a reminder to act on: load its buttons then.
const ReminderActions = lazy(() => import('../../components/popup/ReminderActions').then((m) => ({ default: m.ReminderActions })));
const openedForReminder = linkedReminder(location.search) !== null;

/** The full view in a tab, at one lender or agreement (#lender=…, #agreement=…) when given. */
function openFullView(hash = ''): void {
  void browser.tabs.create({ url: browser.runtime.getURL(`/manage.html${hash}`) });
  // In the toolbar the popup closes by itself; opened as a page (tests, the notification), it stays.
}

/** `dataToken`: the last change noted before the first screen's reads started (lib/snapshot/popup-snapshot.ts). */
export function App({ dataToken }: { dataToken: string | null }) {
  const [highlightId] = useState(() => linkedAgreement(location.search));
  const [today] = useState(() => toIsoDate(Date.now()));
  const screen = useAgreementScreen({ today, highlightId, fromView: true });
  const { items, figures, nextSteps, opened, showAll, focusId, status, setStatus, failure, setFailure } = screen;
  /** The form on show: a new agreement, or the one being edited. */
  const [editing, setEditing] = useState<Editing>(null);
  const adding = editing !== null;
  const [windowId, setWindowId] = useState<number | undefined>();

  // Live data is on screen: a snapshot painted before React (entrypoints/popup-snapshot.ts) is gone.
  useLayoutEffect(() => {
    if (items !== null) document.documentElement.removeAttribute(SNAPSHOT_ATTRIBUTE);
  }, [items]);

  // The benchmark's "first screen" is the first frame after the list is committed, not the data's arrival.
  const marked = useRef(false);
  const lockOn = useLockOn();
  useEffect(() => {
    if (items === null || marked.current) return;
    marked.current = true;
    // The first screen as React rendered it with live data, taken now (before the rows' later
    // reads add to it), kept once painted: the next opening shows it before React starts.
    const root = document.getElementById('root');
    const html = !lockOn && failure === null && root ? root.innerHTML : null;
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.mark('first-screen');
        const storage = pageStorage();
        if (html !== null && storage) saveSnapshot(storage, currentContext(today, browser.i18n.getUILanguage()), html, dataToken);
      }),
    );
  }, [items, lockOn, failure, today, dataToken]);

  useEffect(() => {
    // The side panel can only be opened synchronously in the click, so learn the window now.
    browser.windows.getCurrent().then(
      (w) => setWindowId(w.id),
      () => setWindowId(undefined),
    );
  }, []);

  const negotiate = (agreement: AgreementRecord | null, script: string | null = null) => {
    openSidePanel(windowId).catch(() => setFailure(t('openPanelFailed')));
    void browser.storage.local.set({ [PANEL_AGREEMENT_KEY]: agreement?.id ?? null, [PANEL_SCRIPT_KEY]: script });
  };

  const saved = async (record: AgreementRecord) => {
    setEditing(null);
    await screen.saved(record);
  };

  const agreements = items?.map((item) => item.agreement) ?? null;

  return (
    <main className="popup-main">
      <header className="app-header">
        <h1>{t('popupTitle')}</h1>
        <button type="button" className="button secondary small" onClick={() => negotiate(null)}>
          {t('headerPanel')}
        </button>
        <button type="button" className="button link small" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('headerSettings')}
        </button>
        <LockNowButton />
      </header>
      {openedForReminder && (
        <Suspense fallback={null}>
          <ReminderActions />
        </Suspense>
      )}
      <Feedback failure={failure} status={status} />
      {items && items.length > 0 && <AgreementSummary items={items} figures={figures} today={today} showNeedingAction onRemoveDemo={() => void screen.removeDemo()} />}
      <AgreementFormSlot
        editing={editing}
        onEdit={(next) => {
          if (next === 'new') setStatus(null);
          setEditing(next);
        }}
        onSaved={(record) => void saved(record)}
      />
      {agreements && agreements.length === 0 && !adding && (
        <section className="empty">
          <h2>{t('emptyTitle')}</h2>
          <p>{t('emptyBody')}</p>
          <button type="button" className="button secondary" onClick={() => void screen.fillDemo()}>
            {t('demoFill')}
          </button>
        </section>
      )}
      {items && items.length > 0 && (
        <section>
          <div className="section-head">
            <h2 className="section-title">{t('listHeading')}</h2>
            <button type="button" className="button link small" onClick={() => openFullView()}>
              {t('openFullView')}
            </button>
          </div>
          <AgreementList
            items={items}
            today={today}
            highlightId={highlightId}
            nextSteps={nextSteps}
            onNegotiate={negotiate}
            onRecorded={(a) => void screen.changed(t('coachMarkSaved'), a.id)}
            onEdit={(a) => {
              setStatus(null);
              setEditing(a);
              window.scrollTo({ top: 0 });
            }}
            onDelete={(a) => void screen.remove(a)}
            onPaid={(a) => void screen.changed(t('paymentSaved'), a.id)}
            onUndo={(p) => void screen.undo(p)}
            focusId={focusId}
            onFocused={screen.clearFocus}
            opened={opened}
            onShowAll={showAll}
            counts={figures?.counts}
            onOpenLender={(lender) => openFullView(`#lender=${encodeURIComponent(lender)}`)}
          />
        </section>
      )}
    </main>
  );
}
