import { linkedAgreement } from '../lib/browser/popup-link';
import { openEarly } from '../lib/db/early-open';
import { currentContext, lockWasOn, noteTokenBeforeReads, pageStorage, SNAPSHOT_ATTRIBUTE, snapshotToPaint, startPageCode } from '../lib/snapshot/popup-snapshot';

/**
 * Loaded by popup.html as a classic script right after its root element, the first script the page
 * asks for: paints the first screen as it was last shown, when it still holds
 * (lib/snapshot/popup-snapshot.ts says when), then starts the page's own code (React and the app),
 * which the built page names on this script's tag (scripts/popup-html.ts). Kept tiny on purpose:
 * no polyfill, no i18n module, no date library; `chrome.i18n` exists in both browsers' extension pages.
 */
export default defineUnlistedScript(() => {
  try {
    // Asked for first: the browser opens the database and reads the first screen's rows while this
    // script paints and the page's code loads. Only where the page reads them from the view
    // (entrypoints/popup/start.tsx): the lock off, no agreement asked for.
    const storage = pageStorage();
    if (storage) noteTokenBeforeReads(storage);
    void openEarly({ readFirstScreen: !lockWasOn() && linkedAgreement(location.search) === null });
    if (storage) paint(storage);
  } finally {
    // Whatever became of the kept screen, the popup starts.
    startPageCode();
  }
});

function paint(storage: Storage): void {
  const root = document.getElementById('root');
  if (!root) return;
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  // The same local day as lib/domain/dates.ts toIsoDate, written out to keep this script small.
  const day = `${String(now.getFullYear()).padStart(4, '0')}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const found = snapshotToPaint(storage, currentContext(day, chrome.i18n.getUILanguage()));
  if (!('snapshot' in found)) return;
  document.documentElement.lang = found.snapshot.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  document.documentElement.setAttribute(SNAPSHOT_ATTRIBUTE, '');
  root.innerHTML = found.snapshot.html;
  performance.mark('snapshot-painted');
}
