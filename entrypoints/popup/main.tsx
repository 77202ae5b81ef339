import '../../assets/app.css';
import { SNAPSHOT_ATTRIBUTE } from '../../lib/snapshot/popup-snapshot';
import { startPopup } from './start';

// The page's code, React's with it, arrives after the painter (entrypoints/popup-snapshot.ts) has put
// the kept first screen in the page. While that screen is on show, the app starts after the
// browser's next frame, so that the screen is painted first; without one, it starts at once.
if (document.documentElement.hasAttribute(SNAPSHOT_ATTRIBUTE)) requestAnimationFrame(() => setTimeout(startPopup));
else startPopup();
