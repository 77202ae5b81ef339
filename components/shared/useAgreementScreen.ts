import { useCallback, useEffect, useState } from 'react';
import { DatabaseTooNewError } from '../../lib/db/database';
import { listAgreements } from '../../lib/db/agreements';
import { readFirstScreenFromView } from '../../lib/db/first-screen-view';
import type { FirstScreenFigures } from '../../lib/domain/first-screen-view';
import { listPaymentsByAgreement } from '../../lib/db/payments';
import { nextPendingFor } from '../../lib/db/reminders';
import type { AgreementRecord, PaymentRecord, ReminderRecord } from '../../lib/db/schema';
import { isQuotaExceeded } from '../../lib/db/storage-errors';
import { LockedError } from '../../lib/keys/state';
import { shownRows, type OverviewGroup } from '../../lib/domain/overview';
import { agreementStanding } from '../../lib/domain/agreement-dues';
import { t, uiLanguage } from '../../lib/i18n';
import { groupItems, type ListedAgreement } from './AgreementList';

/**
 * The agreements as the popup and the full view show them, and what the user can do to them: one
 * data layer for both pages, so a payment or an undo behaves the same wherever it is made.
 */

/** Each agreement with where its due date (a plan: its current period) stands after the payments recorded on it. */
export async function loadItems(): Promise<ListedAgreement[]> {
  const [list, payments] = await Promise.all([listAgreements(), listPaymentsByAgreement()]);
  return list.map((agreement) => {
    const own = payments.get(agreement.id) ?? [];
    return { agreement, payments: own, standing: agreementStanding(agreement, own) };
  });
}

/** The list, and the next step of each row that will be on screen. */
async function loadScreen(today: string, opened: ReadonlySet<OverviewGroup>, highlightId: string | null) {
  const items = await loadItems();
  const groups = groupItems(items, today);
  // A row asked for (from a notification or a link) is always shown, even past the first rows of its group.
  const wanted = groups.find((g) => g.items.some((i) => i.agreement.id === highlightId))?.group;
  const open = wanted ? new Set([...opened, wanted]) : opened;
  const steps = await nextPendingFor(shownRows(groups, open).map((i) => i.agreement.id));
  return { items, steps, open, figures: null as FirstScreenFigures | null };
}

type Screen = Awaited<ReturnType<typeof loadScreen>>;

/**
 * The first screen: from the popup's view when there is a usable one (lib/db/first-screen-view.ts),
 * reading the rows shown first and the figures only; else from every agreement, as any later load.
 * `figures` is set when `items` holds only the rows shown first.
 */
async function loadFirstScreen(today: string, highlightId: string | null, fromView: boolean): Promise<Screen> {
  // A link to one agreement may point past the first rows: the whole list is read for it.
  const view = fromView && highlightId === null ? await readFirstScreenFromView(today).catch(() => null) : null;
  if (!view) return loadScreen(today, new Set(), highlightId);
  // Which way the first screen was read: the E2E and the bench tell the ways apart by it.
  performance.mark('first-screen-from-view', { detail: { readByPainter: view.readByPainter } });
  // Read with the view; kept for the rows shown, as nextPendingFor gives them.
  const shown = shownRows(groupItems(view.items, today), new Set()).map((i) => i.agreement.id);
  const steps = new Map<string, ReminderRecord>();
  for (const id of shown) {
    const step = view.steps.get(id);
    if (step) steps.set(id, step);
  }
  return { items: view.items, steps, open: new Set(), figures: view.figures };
}

/** The first screen's reads, started before React renders (see readFirstScreenEarly). */
let early: { key: string; screen: Promise<Screen>; settled?: Screen } | null = null;
const earlyKey = (today: string, highlightId: string | null) => `${today}\n${highlightId ?? ''}`;

/**
 * Starts reading the first screen as the page's script starts, so IndexedDB works while React
 * renders the page's frame; the screen's first load then takes this answer. Only when the lock is
 * known to be off: otherwise the gate decides first. Resolves (never rejects) once the read is over:
 * a page showing its kept snapshot mounts React then, so that React's first frame has the data.
 */
export function readFirstScreenEarly(today: string, highlightId: string | null, fromView = false): Promise<void> {
  const screen = loadFirstScreen(today, highlightId, fromView);
  const entry: NonNullable<typeof early> = { key: earlyKey(today, highlightId), screen };
  early = entry;
  // Handled where it is taken; a page that never takes it must not report it.
  return screen.then(
    (value) => {
      entry.settled = value;
    },
    () => undefined,
  );
}

/** The early read's answer if it has already arrived (for the first render), else null. */
function settledFirstScreen(today: string, highlightId: string | null): Screen | null {
  // Not consumed: React may call a state initializer twice (StrictMode), and both must get it.
  return early?.key === earlyKey(today, highlightId) ? (early.settled ?? null) : null;
}

function firstScreen(today: string, highlightId: string | null, fromView: boolean): Promise<Screen> {
  const taken = early?.key === earlyKey(today, highlightId) ? early.screen : null;
  early = null;
  return taken ?? loadFirstScreen(today, highlightId, fromView);
}

export function describeError(error: unknown): string {
  if (isQuotaExceeded(error)) return t('errStorageFull');
  if (error instanceof DatabaseTooNewError) return t('errDbTooNew');
  // The lock closed under the page (the gate shows the unlock screen a moment later).
  if (error instanceof LockedError) return t('lockScreenIntro');
  return t('errGeneric', error instanceof Error ? error.message : String(error));
}

/** `fromView`: the first screen may come from the popup's view (the popup; the full view shows everything at once). */
export function useAgreementScreen({ today, highlightId, fromView = false }: { today: string; highlightId: string | null; fromView?: boolean }) {
  // Already read (the popup waited for it behind its kept snapshot): the first render shows the data.
  const [initial] = useState(() => settledFirstScreen(today, highlightId));
  const [items, setItems] = useState<ListedAgreement[] | null>(initial?.items ?? null);
  const [nextSteps, setNextSteps] = useState<Map<string, ReminderRecord>>(initial?.steps ?? new Map());
  const [opened, setOpened] = useState<ReadonlySet<OverviewGroup>>(initial?.open ?? new Set());
  /** Set while the list holds only the rows shown first, read from the view: the figures the screen shows. */
  const [figures, setFigures] = useState<FirstScreenFigures | null>(initial?.figures ?? null);
  /** A row to focus after the list reloads (see AgreementList). */
  const [focusId, setFocusId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const screen = await loadScreen(today, opened, highlightId);
      setItems(screen.items);
      setNextSteps(screen.steps);
      setOpened(screen.open);
      setFigures(null);
    } catch (error) {
      setFailure(describeError(error));
      setItems([]);
    }
  }, [today, opened, highlightId]);

  useEffect(() => {
    if (initial) {
      // Taken by the first render: not kept past it (a thousand agreements weigh on the heap).
      early = null;
      return;
    }
    let live = true;
    firstScreen(today, highlightId, fromView).then(
      (screen) => {
        if (!live) return;
        setItems(screen.items);
        setNextSteps(screen.steps);
        setOpened(screen.open);
        setFigures(screen.figures);
      },
      (error: unknown) => {
        if (!live) return;
        setFailure(describeError(error));
        setItems([]);
      },
    );
    return () => {
      live = false;
    };
  }, [today, highlightId, initial, fromView]);

  const showAll = (group: OverviewGroup) => {
    const open = new Set([...opened, group]);
    setOpened(open);
    if (figures !== null) {
      // The first screen came from the view (its first rows only): the whole list is read when it
      // is first needed, not after every opening (a thousand agreements weigh on the heap).
      loadScreen(today, open, highlightId).then(
        (screen) => {
          setItems(screen.items);
          setNextSteps(screen.steps);
          setOpened(screen.open);
          setFigures(null);
        },
        (error: unknown) => setFailure(describeError(error)),
      );
      return;
    }
    const shown = shownRows(groupItems(items ?? [], today), open).map((i) => i.agreement.id);
    nextPendingFor(shown).then(setNextSteps, (error: unknown) => setFailure(describeError(error)));
  };

  // The message comes once the list shows the change, so what it says is what the user sees.
  const changed = async (message: string, focusAgreementId: string | null = null) => {
    setStatus(null);
    await reload();
    setStatus(message);
    setFocusId(focusAgreementId);
  };

  const remove = async (agreement: AgreementRecord) => {
    try {
      // Deleting loads its code when asked for: the first screen only reads.
      const { deleteAgreement } = await import('../../lib/db/delete-agreements');
      await deleteAgreement(agreement.id, Date.now());
      await reload();
    } catch (error) {
      setFailure(describeError(error));
    }
  };

  /** After the form saved: the caller has closed it, so keyboard focus goes to the saved agreement's row. */
  const saved = async (record: AgreementRecord) => {
    setStatus(t('saved'));
    await reload();
    setFocusId(record.id);
  };

  const undo = async (payment: PaymentRecord) => {
    setStatus(null);
    try {
      // Undoing re-plans reminders with the milestone engine: loaded only when the user undoes.
      const { undoPayment } = await import('../../lib/db/payment-writes');
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
      const [{ demoAgreements }, { saveAgreement }, { deleteDemoAgreements }] = await Promise.all([
        import('../../lib/domain/demo-data'),
        import('../../lib/db/save-agreement'),
        import('../../lib/db/delete-agreements'),
      ]);
      const now = Date.now();
      try {
        for (const fields of demoAgreements(today, uiLanguage())) await saveAgreement(fields, { now });
      } catch (error) {
        await deleteDemoAgreements(Date.now());
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
      const { deleteDemoAgreements } = await import('../../lib/db/delete-agreements');
      await deleteDemoAgreements(Date.now());
      await changed(t('demoRemoved'));
    } catch (error) {
      setFailure(describeError(error));
    }
  };

  return {
    items,
    figures,
    nextSteps,
    opened,
    showAll,
    focusId,
    clearFocus: () => setFocusId(null),
    status,
    setStatus,
    failure,
    setFailure,
    reload,
    changed,
    remove,
    saved,
    undo,
    fillDemo,
    removeDemo,
  };
}
