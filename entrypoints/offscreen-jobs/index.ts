// Must stay the first import: see ./install.ts.
import { ready } from './install';
import { answered, toOffscreenSchema } from '../../lib/browser/offscreen-protocol';
import { runJob } from './jobs';

/**
 * The offscreen document (entrypoints/offscreen/index.html) runs this script: the background's sync
 * and calendar push, asked for by the background (lib/browser/offscreen.ts says why here): Chrome's
 * offscreen document, a frame of the background page in Firefox. Built as one classic script, apart
 * from the pages, so that its modules do not reshape the chunks the pages load.
 */

/** How long the document stays open with no job, for a job that follows closely (a push, then a sync). */
const IDLE_CLOSE_MS = 3_000;

export default defineUnlistedScript({
  main() {
    let running = 0;
    let idle: ReturnType<typeof setTimeout> | undefined;
    // The document closes itself: only it knows when no job is left, whatever became of the worker
    // that asked (Chrome stops an idle worker, and a new one may ask meanwhile).
    const closeWhenIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        if (running > 0) return;
        // Firefox: a frame of the background page, which goes by being removed from it.
        if (window.frameElement) window.frameElement.remove();
        else window.close();
      }, IDLE_CLOSE_MS);
    };
    closeWhenIdle();

    chrome.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
      const parsed = toOffscreenSchema.safeParse(message);
      if (!parsed.success || parsed.data.offscreen !== 'job') return false;
      const { job } = parsed.data;
      running += 1;
      clearTimeout(idle);
      void answered(async () => {
        await ready;
        return runJob(job);
      })
        .then(sendResponse)
        .finally(() => {
          running -= 1;
          closeWhenIdle();
        });
      return true;
    });
  },
});
