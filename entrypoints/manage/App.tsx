import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { AgreementFormSlot, type Editing } from '../../components/shared/AgreementFormSlot';
import { AgreementList, overviewItems } from '../../components/shared/AgreementList';
import { AgreementSummary } from '../../components/shared/AgreementSummary';
import { Feedback } from '../../components/shared/Feedback';
import { LenderView } from '../../components/manage/LenderView';
import { LockNowButton } from '../../components/shared/LockGate';
import { useAgreementScreen } from '../../components/shared/useAgreementScreen';
import { openSidePanel, PANEL_AGREEMENT_KEY, PANEL_SCRIPT_KEY } from '../../lib/browser/side-panel';
import { withSavedSettings } from '../../lib/db/save-agreement';
import type { AgreementRecord } from '../../lib/db/schema';
import { confirmationsByAgreement } from '../../lib/db/session-confirmation';
import { toIsoDate } from '../../lib/domain/dates';
import { findLender, groupByLender, type ConfirmationOnFile } from '../../lib/domain/lender-view';
import type { MilestoneSettings } from '../../lib/domain/milestones';
import type { LenderAsk } from '../../lib/domain/affordability';
import { formatFen } from '../../lib/domain/money';
import { handAskToChat } from '../../lib/negotiation/affordable-monthly';
import { t, uiLanguage } from '../../lib/i18n';

// What can I pay each month sits below the list: it loads after the first screen.
const Affordability = lazy(() => import('../../components/manage/Affordability').then((m) => ({ default: m.Affordability })));

/**
 * The full view, in a browser tab: what the 380 px popup has no room for. The agreements by
 * urgency beside the add/edit form, then everything about one lender. Deep links pick what to
 * show: #lender=网商贷 opens that lender, #agreement=ID highlights the row and opens its lender
 * (a notification or the popup's lender names link here).
 */

interface Link {
  lender: string | null;
  agreement: string | null;
}

function readHash(): Link {
  const params = new URLSearchParams(location.hash.slice(1));
  return { lender: params.get('lender'), agreement: params.get('agreement') };
}

function confirmationOf(receivedAt: number | null | undefined): ConfirmationOnFile {
  if (receivedAt === undefined) return { state: 'not-recorded' };
  return receivedAt === null ? { state: 'awaiting' } : { state: 'received', receivedOn: toIsoDate(receivedAt) };
}

export function App() {
  const [link, setLink] = useState(readHash);
  const [today] = useState(() => toIsoDate(Date.now()));
  const screen = useAgreementScreen({ today, highlightId: link.agreement });
  const { items, nextSteps, opened, showAll, focusId, status, setStatus, failure, setFailure } = screen;
  const [editing, setEditing] = useState<Editing>(null);
  const [windowId, setWindowId] = useState<number | undefined>();
  // The same lead times the reminders use, so the lender's dates match what will be announced.
  const [settings, setSettings] = useState<Partial<MilestoneSettings> | null>(null);
  const [confirmations, setConfirmations] = useState<ReadonlyMap<string, number | null>>(new Map());
  /** Set when the lender view should take focus once shown (a link, or a lender name in a row). */
  const focusLender = useRef(link.lender !== null || link.agreement !== null);
  const lenderHeading = useRef<HTMLHeadingElement>(null);

  // A tab stays open while payments are recorded in the popup or confirmations in the side panel:
  // coming back to it shows them.
  const reload = useRef(screen.reload);
  useEffect(() => {
    reload.current = screen.reload;
  });
  useEffect(() => {
    // Switching back to the tab makes it visible; coming back from another window focuses it.
    const onBack = () => {
      if (document.visibilityState === 'visible') void reload.current();
    };
    document.addEventListener('visibilitychange', onBack);
    window.addEventListener('focus', onBack);
    return () => {
      document.removeEventListener('visibilitychange', onBack);
      window.removeEventListener('focus', onBack);
    };
  }, []);

  useEffect(() => {
    const onHash = () => setLink(readHash());
    window.addEventListener('hashchange', onHash);
    withSavedSettings({ now: Date.now() }).then(
      (options) => setSettings(options.milestones ?? {}),
      () => setSettings({}),
    );
    browser.windows.getCurrent().then(
      (w) => setWindowId(w.id),
      () => setWindowId(undefined),
    );
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  // A confirmation received in the side panel shows here on the next change of the list.
  useEffect(() => {
    let live = true;
    confirmationsByAgreement().then(
      (map) => live && setConfirmations(map),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [items]);

  const lenders = useMemo(
    () =>
      items && settings
        ? groupByLender(
            items.map((i) => ({ agreement: i.agreement, standing: i.standing, confirmation: confirmationOf(confirmations.get(i.agreement.id)) })),
            today,
            settings,
          )
        : [],
    [items, settings, confirmations, today],
  );
  const linkedAgreement = link.agreement ? items?.find((i) => i.agreement.id === link.agreement)?.agreement : undefined;
  const wanted = link.lender ?? linkedAgreement?.lender ?? null;
  const selected = wanted === null ? undefined : findLender(lenders, wanted);

  useEffect(() => {
    if (selected && focusLender.current && lenderHeading.current) {
      focusLender.current = false;
      lenderHeading.current.focus();
      lenderHeading.current.scrollIntoView({ block: 'start' });
    }
  }, [selected]);

  /** Shows a lender; the address says which, so it can be bookmarked and Back returns to the last one. */
  const openLender = (name: string, focus: boolean) => {
    focusLender.current = focus;
    location.hash = `lender=${encodeURIComponent(name)}`;
  };

  const negotiate = (agreement: AgreementRecord | null, script: string | null = null) => {
    openSidePanel(windowId).catch(() => setFailure(t('openPanelFailed')));
    void browser.storage.local.set({ [PANEL_AGREEMENT_KEY]: agreement?.id ?? null, [PANEL_SCRIPT_KEY]: script });
  };

  /** "Use in the chat": the panel opens in the click, then the lender's figures go into its script. */
  const useInChat = (ask: LenderAsk, lenderName: string) => {
    openSidePanel(windowId).catch(() => setFailure(t('openPanelFailed')));
    if (!ask.ask) return;
    const periods = String(ask.ask.periods);
    const monthly = formatFen(ask.ask.monthlyFen, uiLanguage());
    setFailure(null);
    handAskToChat(ask.agreementId, { monthly, periods }).then(
      () => setStatus(t('affordUsed', [lenderName, periods, monthly])),
      () => setFailure(t('affordUseFailed')),
    );
  };
  const overview = useMemo(() => overviewItems(items ?? []), [items]);

  const saved = async (record: AgreementRecord) => {
    setEditing(null);
    await screen.saved(record);
  };

  return (
    <main className="manage-main">
      <header className="app-header">
        <h1>{t('manageTitle')}</h1>
        <span>
          <a className="button link" href={browser.runtime.getURL('/options.html')}>
            {t('manageSettingsLink')}
          </a>
          <LockNowButton />
        </span>
      </header>
      <Feedback failure={failure} status={status} />
      {items && items.length > 0 && <AgreementSummary items={items} today={today} showNeedingAction={false} onRemoveDemo={() => void screen.removeDemo()} />}
      <div className="manage-columns">
        <section className="manage-form" aria-label={t('manageFormHeading')}>
          <AgreementFormSlot
            editing={editing}
            onEdit={(next) => {
              if (next === 'new') setStatus(null);
              setEditing(next);
            }}
            onSaved={(record) => void saved(record)}
          />
        </section>
        <section className="manage-list" aria-labelledby="manage-list-title">
          <h2 id="manage-list-title" className="section-title">
            {t('listHeading')}
          </h2>
          {items && items.length === 0 && editing === null && (
            <div className="empty">
              <h3>{t('emptyTitle')}</h3>
              <p>{t('emptyBody')}</p>
              <button type="button" className="button secondary" onClick={() => void screen.fillDemo()}>
                {t('demoFill')}
              </button>
            </div>
          )}
          {items && items.length > 0 && (
            <AgreementList
              items={items}
              today={today}
              highlightId={link.agreement}
              nextSteps={nextSteps}
              onNegotiate={negotiate}
              onRecorded={(a) => void screen.changed(t('coachMarkSaved'), a.id)}
              onEdit={(a) => {
                setStatus(null);
                setEditing(a);
              }}
              onDelete={(a) => void screen.remove(a)}
              onPaid={(a) => void screen.changed(t('paymentSaved'), a.id)}
              onUndo={(p) => void screen.undo(p)}
              focusId={focusId}
              onFocused={screen.clearFocus}
              opened={opened}
              onShowAll={showAll}
              onOpenLender={(name) => openLender(name, true)}
            />
          )}
        </section>
        <section className="lenders" aria-labelledby="lenders-title">
          <h2 id="lenders-title">{t('lendersHeading')}</h2>
          {lenders.length > 0 && (
            <ul className="lender-picker" aria-label={t('lendersNav')}>
              {lenders.map((l) => (
                <li key={l.key}>
                  <button
                    type="button"
                    className="button secondary small"
                    aria-pressed={selected?.key === l.key}
                    onClick={() => openLender(l.name, false)}
                  >
                    {t('lenderPickOwed', [l.name, formatFen(l.owedFen, uiLanguage())])}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {selected ? (
            <LenderView key={selected.key} summary={selected} today={today} headingRef={lenderHeading} />
          ) : wanted !== null && items !== null && settings !== null ? (
            <p className="banner error" role="alert">
              {t('lenderNotFound', wanted)}
            </p>
          ) : (
            lenders.length > 0 && <p className="hint">{t('lenderNone')}</p>
          )}
        </section>
      </div>
      {items && items.length > 0 && (
        <Suspense fallback={null}>
          <Affordability overview={overview} lenders={lenders} today={today} onUseInChat={useInChat} />
        </Suspense>
      )}
    </main>
  );
}
