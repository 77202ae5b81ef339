/**
 * The popup's first screen as it last looked, kept in the pages' own synchronous storage
 * (`localStorage`, shared by every page of the extension), so that a tiny script loaded before
 * React (entrypoints/popup-snapshot.ts) can paint it at once. React then renders the live data
 * into the same root, with the same markup, and replaces it.
 *
 * The rules, in the order they are checked (`snapshotToPaint`); any one failing means nothing is
 * painted and the popup starts as it would without a snapshot:
 * - the lock is off: with the lock on nothing readable is kept (the snapshot is deleted as soon as a
 *   page sees the lock on), and the locked popup shows the unlock screen first;
 * - the popup was opened plainly (a link or a notification to one agreement shows other rows);
 * - the format is this one, and the page's script is the build that wrote it (new code may render
 *   other markup);
 * - it was written today: its countdowns and urgency groups are true for the day it was written;
 * - the same UI language and the same colour scheme;
 * - no change was written by a page since it was taken (`noteDataChanged`, called by the write
 *   path after each committed change to agreements, payments or reminders).
 * Changes made by the background (a reminder claimed, Done or Snooze from a notification) cannot
 * reach this storage: such a snapshot is still painted, and is replaced as soon as the live first
 * screen is read, in the same load. So a snapshot is never on screen longer than the popup's own
 * first read of live data, and the popup always ends on live data.
 */

export const SNAPSHOT_KEY = 'repay-companion:popup-snapshot';
/** The last change a page wrote (a token, not a count: any change makes a new one). */
export const DATA_TOKEN_KEY = 'repay-companion:data-changed';
/** Kept by the lock's gate (components/shared/LockGate.tsx): present while the lock is on. */
export const LOCK_HINT_KEY = 'repay-companion:lock-on';
/** Set on <html> while the painted snapshot is on screen; removed when React shows live data. */
export const SNAPSHOT_ATTRIBUTE = 'data-snapshot';

const FORMAT = 1;

export interface SnapshotContext {
  /** Today, `yyyy-MM-dd`, in the user's zone. */
  day: string;
  /** The browser's UI language as the i18n API reports it. */
  language: string;
  theme: 'light' | 'dark';
  /** The page's module script: its file name changes with every build of different code. */
  build: string;
  /** The popup's query string: a snapshot is only for a plain opening. */
  search: string;
}

export interface Snapshot extends Omit<SnapshotContext, 'search'> {
  format: number;
  /** The first-screen root's innerHTML, as React rendered it with live data. */
  html: string;
  /** `DATA_TOKEN_KEY` when it was taken (null: no change noted yet). */
  dataToken: string | null;
}

/** Why a stored snapshot is not painted (tests name each way it goes stale). */
export type Refusal = 'none' | 'locked' | 'linked' | 'unreadable' | 'other-build' | 'other-day' | 'other-language' | 'other-theme' | 'data-changed';

function parse(raw: string | null): Snapshot | null {
  if (raw === null) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const s = value as Record<string, unknown>;
    const strings = ['html', 'day', 'language', 'theme', 'build'].every((field) => typeof s[field] === 'string');
    const token = s.dataToken === null || typeof s.dataToken === 'string';
    return s.format === FORMAT && strings && token ? (value as Snapshot) : null;
  } catch {
    return null;
  }
}

/** The snapshot to paint now, or why not. Reads `store` only. */
export function snapshotToPaint(store: Pick<Storage, 'getItem'>, context: SnapshotContext): { snapshot: Snapshot } | { refused: Refusal } {
  const raw = store.getItem(SNAPSHOT_KEY);
  if (raw === null) return { refused: 'none' };
  if (store.getItem(LOCK_HINT_KEY) !== null) return { refused: 'locked' };
  if (context.search !== '') return { refused: 'linked' };
  const snapshot = parse(raw);
  if (snapshot === null) return { refused: 'unreadable' };
  if (snapshot.build !== context.build) return { refused: 'other-build' };
  if (snapshot.day !== context.day) return { refused: 'other-day' };
  if (snapshot.language !== context.language) return { refused: 'other-language' };
  if (snapshot.theme !== context.theme) return { refused: 'other-theme' };
  if (snapshot.dataToken !== store.getItem(DATA_TOKEN_KEY)) return { refused: 'data-changed' };
  return { snapshot };
}

/** The last change noted by a page: read it before reading the data a snapshot will show. */
export function dataToken(store: Pick<Storage, 'getItem'>): string | null {
  return store.getItem(DATA_TOKEN_KEY);
}

/** Where the painter leaves the token it read before the page's first reads (one global, both builds). */
const TOKEN_BEFORE_READS = Symbol.for('repay-companion:token-before-reads');
type TokenHolder = { [TOKEN_BEFORE_READS]?: string | null };

/**
 * The painter, before it asks for the first screen's rows (lib/db/early-open.ts): the change those
 * rows are at least as recent as. A change noted after it must not be credited to a snapshot of them.
 */
export function noteTokenBeforeReads(store: Pick<Storage, 'getItem'>): void {
  (globalThis as TokenHolder)[TOKEN_BEFORE_READS] = dataToken(store);
}

/** The token to keep with a snapshot of the page's first reads: the painter's, else the current one. */
export function tokenBeforeReads(store: Pick<Storage, 'getItem'>): string | null {
  const noted = (globalThis as TokenHolder)[TOKEN_BEFORE_READS];
  return noted === undefined ? dataToken(store) : noted;
}

/** Tests: as in a page whose painter noted nothing. */
export function forgetTokenBeforeReads(): void {
  (globalThis as TokenHolder)[TOKEN_BEFORE_READS] = undefined;
}

/**
 * Keeps the first screen as rendered with live data, read after the change `token` (see dataToken).
 * Never with the lock on, never for a linked opening.
 */
export function saveSnapshot(store: Storage, context: SnapshotContext, html: string, token: string | null): boolean {
  if (store.getItem(LOCK_HINT_KEY) !== null || context.search !== '') return false;
  const { day, language, theme, build } = context;
  const snapshot: Snapshot = { format: FORMAT, day, language, theme, build, html, dataToken: token };
  try {
    store.setItem(SNAPSHOT_KEY, JSON.stringify(snapshot));
    return true;
  } catch {
    // Storage full or refused: the popup simply starts without a snapshot.
    return false;
  }
}

export function forgetSnapshot(store: Pick<Storage, 'removeItem'>): void {
  store.removeItem(SNAPSHOT_KEY);
}

/** The write path, after a committed change the first screen shows: any kept snapshot is now out of date. */
export function noteDataChanged(store: Pick<Storage, 'setItem' | 'removeItem'>): void {
  try {
    store.setItem(DATA_TOKEN_KEY, crypto.randomUUID());
  } catch {
    // The change could not be noted: the snapshot must go instead.
    try {
      store.removeItem(SNAPSHOT_KEY);
    } catch {
      // Nothing readable either.
    }
  }
}

/**
 * The lock's gate (components/shared/LockGate.tsx), each time it learns the lock's state: kept for
 * lockWasOn. With the lock on, the kept first screen goes too: it holds lenders and amounts in plain
 * text. Without page storage, nothing is kept, and every page waits for the check as with the lock on.
 */
export function noteLockOn(on: boolean): void {
  const store = pageStorage();
  try {
    if (!store) return;
    if (on) {
      forgetSnapshot(store);
      store.setItem(LOCK_HINT_KEY, '1');
    } else store.removeItem(LOCK_HINT_KEY);
  } catch {
    // Storage refusing writes: the hint stays as it was, and a wrong one is safe (see lockWasOn).
  }
}

/**
 * Whether the lock was on when a page last looked (noteLockOn), kept in the pages' own synchronous
 * storage: with the lock off (most users) a page starts reading
 * its data at once instead of after a round trip to extension storage, and the popup's painter reads
 * the first screen's rows. Should the hint be wrong (the lock turned on elsewhere a moment ago), the
 * page's reads of sealed rows fail without a key and the unlock screen replaces it a moment later:
 * nothing sealed is ever shown. Without readable storage, as if it were on.
 */
export function lockWasOn(): boolean {
  const store = pageStorage();
  try {
    return store === null || store.getItem(LOCK_HINT_KEY) !== null;
  } catch {
    return true;
  }
}

/** The page's own storage, or null where there is none (the background) or it is refused. */
export function pageStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The painter's tag in the built page (scripts/popup-html.ts): it names the page's entry and the chunks to preload. */
const PAINTER = 'script[data-entry]';

/**
 * The page's build: its entry's file name, which changes with every build of different code. The
 * built page names it on the painter's tag; a page served by the dev server has its module tag.
 */
function pageBuild(): string {
  const painter = document.querySelector<HTMLScriptElement>(PAINTER);
  const entry = painter ? painter.dataset.entry : document.querySelector('script[type="module"][src]')?.getAttribute('src');
  return entry ?? '';
}

/** This page's context, read synchronously: the painter and the popup compute it the same way. */
export function currentContext(day: string, language: string): SnapshotContext {
  return {
    day,
    language,
    theme: matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
    build: pageBuild(),
    search: location.search,
  };
}

/**
 * Starts the page's own code, named on the painter's tag: its entry, then the chunks it needs until
 * it is ready, preloaded (the browser answers them in this order, the entry's own import first).
 * Called by the painter after it has painted, or found nothing to paint; does nothing in a page
 * without that tag (the dev server's, whose module tag is in place).
 */
export function startPageCode(): void {
  const painter = document.querySelector<HTMLScriptElement>(PAINTER);
  const entry = painter?.dataset.entry;
  if (!painter || !entry) return;
  const script = document.createElement('script');
  script.type = 'module';
  script.crossOrigin = '';
  script.src = entry;
  document.head.append(script);
  for (const href of (painter.dataset.preload ?? '').split(' ').filter((path) => path !== '')) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    document.head.append(link);
  }
}
