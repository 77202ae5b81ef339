import { browser } from 'wxt/browser';
import { answered, answerSchema, fromOffscreenSchema, OFFSCREEN_PAGE, type Answer, type OffscreenCall, type OffscreenJob, type ToOffscreen } from './offscreen-protocol';

/**
 * Where Chrome's background runs its two large jobs: sync (lib/sync) and the calendar push
 * (lib/calendar). Chrome's background is a service worker, which may not `import()` code when it
 * needs it, so whatever the worker imports is parsed at every wake-up, alarm by alarm. These two
 * jobs are half its code and run at most a few times an hour. They run in an offscreen document
 * instead (entrypoints/offscreen), opened for a job and closing itself once idle, so the worker
 * itself stays small (the size budget in `.size-limit.mjs`).
 *
 * An offscreen document has only the `runtime` API. It asks the worker for the rest through
 * messages (`answerOffscreen` below: storage and the host-permission check), reads the locale files
 * itself for its words (./offscreen-shim.ts), hears of storage changes from the worker, and reports
 * every change it commits, so that the worker re-arms reminders as it does for its own.
 *
 * Firefox has no offscreen documents, and its background is an event page, parsed at each wake as
 * Chrome's worker is: the same page is a frame of the background page there, with every API of its
 * own (the shim stays out), added for a job and removing itself once idle.
 */

/** The worker's side of a call: the API itself, by name. */
function call(name: OffscreenCall, args: readonly unknown[]): Promise<unknown> {
  const [first] = args;
  if (name === 'permissions.contains') return browser.permissions.contains(first as { origins: string[] });
  const [, areaName, method] = name.split('.') as ['storage', 'local' | 'session', 'get' | 'set' | 'remove'];
  const area = browser.storage[areaName];
  if (method === 'get') return area.get(first as string | string[] | null);
  if (method === 'set') return area.set(first as Record<string, unknown>);
  return area.remove(first as string | string[]);
}

/**
 * In the worker's onMessage: answers the document's calls and hands its committed changes to
 * `committed`. Any other message gets no answer (undefined), so the next listener may take it.
 */
export function answerOffscreen(message: unknown, committed: (change: { mutation: string; stores: string[] }) => void): Promise<Answer> | undefined {
  const parsed = fromOffscreenSchema.safeParse(message);
  if (!parsed.success) return undefined;
  const data = parsed.data;
  if ('offscreenCommitted' in data) {
    committed(data.offscreenCommitted);
    return Promise.resolve({ ok: true, result: null });
  }
  return answered(() => call(data.offscreenCall, data.args));
}

const JUSTIFICATION =
  'Syncs the records and their picture attachments (Blobs) with the WebDAV server the user chose, and updates the calendar they connected, outside the service worker so that this code loads only when it runs.';

/** Whether the document is open (at most one per extension). */
async function documentOpen(): Promise<boolean> {
  if (import.meta.env.BROWSER === 'firefox') return frame() !== null;
  const contexts = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT] });
  return contexts.length > 0;
}

/** Firefox: the document is a frame of the background page. */
function frame(): HTMLIFrameElement | null {
  return document.querySelector<HTMLIFrameElement>(`iframe[src^="/${OFFSCREEN_PAGE}"]`);
}

/** Firefox: adds the frame and resolves once its script has run (it registers its listener at once). */
function openFrame(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const element = document.createElement('iframe');
    element.addEventListener('load', () => resolve(), { once: true });
    element.addEventListener('error', () => reject(new Error('The offscreen page did not load.')), { once: true });
    element.src = `/${url}`;
    document.body.append(element);
  });
}

/** A creation under way in this life of the worker: two jobs asked for at once must not both create it. */
let creating: Promise<void> | null = null;

async function openDocument(): Promise<void> {
  if (await documentOpen()) return;
  // The document has no i18n API in Chrome: it is told the browser's language, and reads the locale file itself.
  const url = `${OFFSCREEN_PAGE}?ui=${encodeURIComponent(browser.i18n.getUILanguage())}`;
  creating ??= (
    import.meta.env.BROWSER === 'firefox'
      ? openFrame(url)
      : chrome.offscreen.createDocument({ url, reasons: [chrome.offscreen.Reason.BLOBS], justification: JUSTIFICATION }).catch(async (error: unknown) => {
          // Created meanwhile by an earlier life of the worker: that one will do.
          if (!(await documentOpen())) throw error;
        })
  ).finally(() => {
    creating = null;
  });
  await creating;
}

/** Sends the job; undefined when no document took it (it had closed itself, idle, just before). */
async function send(job: OffscreenJob): Promise<Answer | undefined> {
  const message: ToOffscreen = { offscreen: 'job', job };
  const answer = answerSchema.safeParse(await browser.runtime.sendMessage(message).catch(() => undefined));
  return answer.success ? answer.data : undefined;
}

/**
 * Runs a job in the offscreen document and resolves to its result. The document is opened if
 * needed; it closes itself once idle (entrypoints/offscreen-jobs), so the worker keeps no state
 * about it, and a worker that Chrome stops during a job takes nothing with it: the document
 * finishes the job and closes.
 */
export async function runInOffscreen(job: OffscreenJob): Promise<unknown> {
  await openDocument();
  let answer = await send(job);
  if (answer === undefined) {
    await openDocument();
    answer = await send(job);
  }
  if (answer === undefined) throw new Error('The offscreen document did not answer.');
  if (!answer.ok) throw new Error(answer.error);
  return answer.result;
}

/**
 * Tells the document, while one is open, of every storage change: it caches the lock's state as
 * pages do, and keeps it current through storage.onChanged, which it does not have. Register in
 * the worker's main(): a change wakes a stopped worker, which forwards it.
 */
export function forwardStorageChanges(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    void (async () => {
      if (!(await documentOpen())) return;
      const message: ToOffscreen = { offscreen: 'storage-changed', area, changes: JSON.parse(JSON.stringify(changes)) as Record<string, unknown> };
      await browser.runtime.sendMessage(message);
    })().catch(() => undefined); // it may have just closed
  });
}
