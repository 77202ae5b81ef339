import { mountPage } from '../../components/shared/mount';
import { linkedAgreement } from '../../lib/browser/popup-link';
import { readFirstScreenEarly } from '../../components/shared/useAgreementScreen';
import { toIsoDate } from '../../lib/domain/dates';
import { lockWasOn, pageStorage, SNAPSHOT_ATTRIBUTE, tokenBeforeReads } from '../../lib/snapshot/popup-snapshot';
import { App } from './App';

/** The popup's start: its first screen's reads, then React (entrypoints/popup/main.tsx says when). */
export function startPopup(): void {
  // The last change noted before the reads started (by the painter, which may have read the first
  // screen's rows already): a snapshot taken of what they return is at least this recent.
  const storage = pageStorage();
  const token = storage ? tokenBeforeReads(storage) : null;
  // The list's reads start now, while React renders (with the lock off; else the gate decides first).
  const reading = lockWasOn() ? null : readFirstScreenEarly(toIsoDate(Date.now()), linkedAgreement(location.search), true);
  // The kept first screen is on show (entrypoints/popup-snapshot.ts): React's first frame replaces it,
  // so it renders once the live data is read, never an empty frame over the snapshot.
  if (reading && document.documentElement.hasAttribute(SNAPSHOT_ATTRIBUTE)) void reading.then(() => mountPage('extName', <App dataToken={token} />));
  else mountPage('extName', <App dataToken={token} />);
}
