import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { AgreementList, groupItems, type ListedAgreement } from '../../components/AgreementList';
import { Feedback } from '../../components/Feedback';
import { DatabaseTooNewError } from '../../lib/db/database';
import { isQuotaExceeded } from '../../lib/db/storage-errors';
import { deleteAgreement, deleteDemoAgreements, listAgreements } from '../../lib/db/agreements';
import { listPaymentsByAgreement, undoPayment } from '../../lib/db/payments';
import { nextPendingFor } from '../../lib/db/reminders';
import type { AgreementRecord, PaymentRecord, ReminderRecord } from '../../lib/db/schema';
import { openSidePanel, PANEL_AGREEMENT_KEY } from '../../lib/browser/side-panel';
import { toIsoDate } from '../../lib/domain/dates';
import { formatFen } from '../../lib/domain/money';
import { shownRows, thisMonthBurdenFen, totalLeftFen, type OverviewGroup } from '../../lib/domain/overview';
import { standingOf } from '../../lib/domain/payment-status';
import { classifyDue } from '../../lib/domain/urgency';
import { t, uiLanguage } from '../../lib/i18n';
import { send } from '../../lib/messaging/protocol';

// Only a notification click opens the popup with a reminder to act on: load its buttons then.
const ReminderActions = lazy(() => import('../../components/ReminderActions').then((m) => ({ default: m.ReminderActions })));
const openedForReminder = new URLSearchParams(location.search).has('reminder');

// The form carries the validation and the whole milestone engine: load it when it is opened.
const AgreementForm = lazy(() => import('../../components/AgreementForm').then((m) => ({ default: m.AgreementForm })));

/** Tell the background to re-arm; it may be asleep or restarting, and the next sweep catches up. */
function notifyBackground(): void {
  send('data-changed', {}).catch((error: unknown) => console.warn('Background not reachable', error));
}

/** Each agreement with where its due date stands after the payments recorded on it. */
async function loadItems(): Promise<ListedAgreement[]> {
  const [list, payments] = await Promise.all([listAgreements(), listPaymentsByAgreement()]);
  return list.map((agreement) => {
    const own = payments.get(agreement.id) ?? [];
    return { agreement, payments: own, standing: standingOf(agreement.amountFen, own) };
  });
}

/** The list, and the next step of each row that will be on screen. */
async function loadScreen(today: string, opened: ReadonlySet<OverviewGroup>, highlightId: string | null) {
  const items = await loadItems();
  const groups = groupItems(items, today);
  // A row asked for (from a notification) is always shown, even past the first rows of its group.
  const wanted = groups.find((g) => g.items.some((i) => i.agreement.id === highlightId))?.group;
  const open = wanted ? new Set([...opened, wanted]) : opened;
  const steps = await nextPendingFor(shownRows(groups, open).map((i) => i.agreement.id));
  return { items, steps, open };
}

function describeError(error: unknown): string {
  if (isQuotaExceeded(error)) return t('errStorageFull');
  if (error instanceof DatabaseTooNewError) return t('errDbTooNew');
  return t('errGeneric', error instanceof Error ? error.message : String(error));
}

export function App() {
  const [items, setItems] = useState<ListedAgreement[] | null>(null);
  const [nextSteps, setNextSteps] = useState<Map<string, ReminderRecord>>(new Map());
  const [opened, setOpened] = useState<ReadonlySet<OverviewGroup>>(new Set());
  /** The form on show: a new agreement, or the one being edited. */
  const [editing, setEditing] = useState<'new' | AgreementRecord | null>(null);
  const adding = editing !== null;
  /** A row to focus after the list reloads (see AgreementList). */
  const [focusId, setFocusId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [windowId, setWindowId] = useState<number | undefined>();
  const [highlightId] = useState(() => new URLSearchParams(location.search).get('agreement'));
  const [today] = useState(() => toIsoDate(Date.now()));

  const reload = useCallback(async () => {
    try {
      const screen = await loadScreen(today, opened, highlightId);
      setItems(screen.items);
      setNextSteps(screen.steps);
      setOpened(screen.open);
    } catch (error) {
      setFailure(describeError(error));
      setItems([]);
    }
  }, [today, opened, highlightId]);

  const showAll = (group: OverviewGroup) => {
    const open = new Set([...opened, group]);
    setOpened(open);
    const shown = shownRows(groupItems(items ?? [], today), open).map((i) => i.agreement.id);
    nextPendingFor(shown).then(setNextSteps, (error: unknown) => setFailure(describeError(error)));
  };

  // The benchmark's "first screen" is the first frame after the list is committed, not the data's arrival.
  const marked = useRef(false);
  useEffect(() => {
    if (items === null || marked.current) return;
    marked.current = true;
    requestAnimationFrame(() => setTimeout(() => performance.mark('first-screen')));
  }, [items]);

  useEffect(() => {
    let live = true;
    loadScreen(today, new Set(), highlightId).then(
      (screen) => {
        if (!live) return;
        setItems(screen.items);
        setNextSteps(screen.steps);
        setOpened(screen.open);
      },
      (error: unknown) => {
        if (!live) return;
        setFailure(describeError(error));
        setItems([]);
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
  }, [today, highlightId]);

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

  const saved = async (record: AgreementRecord) => {
    setEditing(null);
    setStatus(t('saved'));
    notifyBackground();
    await reload();
    // The form is gone: keyboard focus goes to the saved agreement's row.
    setFocusId(record.id);
  };

  // The message comes once the list shows the change, so what it says is what the user sees.
  const changed = async (message: string, focusAgreementId: string | null = null) => {
    setStatus(null);
    notifyBackground();
    await reload();
    setStatus(message);
    setFocusId(focusAgreementId);
  };

  const undo = async (payment: PaymentRecord) => {
    setStatus(null);
    try {
      await undoPayment(payment.id, { now: Date.now() });
      await changed(t('paymentUndone'), payment.agreementId);
    } catch (error) {
      setFailure(describeError(error));
    }
  };

  const fillDemo = async () => {
    setStatus(null);
    try {
      // The engine (and the demo set) load only when asked for.
      const [{ demoAgreements }, { saveAgreement }] = await Promise.all([
        import('../../lib/domain/demo-data'),
        import('../../lib/db/save-agreement'),
      ]);
      const now = Date.now();
      try {
        for (const fields of demoAgreements(today, uiLanguage())) await saveAgreement(fields, { now });
      } catch (error) {
        await deleteDemoAgreements();
        throw error;
      }
      await changed(t('demoAdded'));
    } catch (error) {
      setFailure(describeError(error));
    }
  };

  const removeDemo = async () => {
    setStatus(null);
    try {
      await deleteDemoAgreements();
      await changed(t('demoRemoved'));
    } catch (error) {
      setFailure(describeError(error));
    }
  };

  const agreements = items?.map((item) => item.agreement) ?? null;
  const overview = (items ?? []).map((item) => ({
    dueDate: item.agreement.dueDate,
    leftFen: item.standing.leftFen,
    paid: item.standing.state === 'paid',
  }));
  const needingAction = overview.filter((o) => {
    const { urgency } = classifyDue(o.dueDate, today);
    return !o.paid && (urgency === 'overdue' || urgency === 'today');
  }).length;

  return (
    <main className="popup-main">
      <header className="app-header">
        <h1>{t('popupTitle')}</h1>
        <button type="button" className="button secondary small" onClick={() => negotiate(null)}>
          {t('openPanelGeneral')}
        </button>
        <button type="button" className="button link small" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openSettings')}
        </button>
      </header>
      {openedForReminder && (
        <Suspense fallback={null}>
          <ReminderActions />
        </Suspense>
      )}
      <Feedback failure={failure} status={status} />
      {agreements && agreements.length > 0 && (
        <section className="summary" aria-label={t('popupTitle')}>
          <span>{t('totalOwed', formatFen(totalLeftFen(overview), uiLanguage()))}</span>
          <span>{t('monthBurden', formatFen(thisMonthBurdenFen(overview, today), uiLanguage()))}</span>
          <span className="needs-action">{t('needsActionCount', String(needingAction))}</span>
          {agreements.some((a) => a.demo) && (
            <button type="button" className="button secondary small" onClick={() => void removeDemo()}>
              {t('demoRemove')}
            </button>
          )}
        </section>
      )}
      {adding ? (
        <Suspense fallback={<p className="status">…</p>}>
          <AgreementForm
            key={editing === 'new' ? 'new' : editing.id}
            initial={editing === 'new' ? undefined : editing}
            onSaved={(record) => void saved(record)}
            onCancel={() => setEditing(null)}
          />
        </Suspense>
      ) : (
        <button
          type="button"
          className="button primary wide"
          onClick={() => {
            setStatus(null);
            setEditing('new');
          }}
        >
          {t('addAgreement')}
        </button>
      )}
      {agreements && agreements.length === 0 && !adding && (
        <section className="empty">
          <h2>{t('emptyTitle')}</h2>
          <p>{t('emptyBody')}</p>
          <button type="button" className="button secondary" onClick={() => void fillDemo()}>
            {t('demoFill')}
          </button>
        </section>
      )}
      {items && items.length > 0 && (
        <section>
          <h2 className="section-title">{t('listHeading')}</h2>
          <AgreementList
            items={items}
            today={today}
            highlightId={highlightId}
            nextSteps={nextSteps}
            onNegotiate={negotiate}
            onEdit={(a) => {
              setStatus(null);
              setEditing(a);
              window.scrollTo({ top: 0 });
            }}
            onDelete={(a) => void remove(a)}
            onPaid={(a) => void changed(t('paymentSaved'), a.id)}
            onUndo={(p) => void undo(p)}
            focusId={focusId}
            onFocused={() => setFocusId(null)}
            opened={opened}
            onShowAll={showAll}
          />
        </section>
      )}
    </main>
  );
}
