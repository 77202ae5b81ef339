import '../../assets/app.css';
import { SNAPSHOT_ATTRIBUTE } from '../../lib/snapshot/popup-snapshot';

// React and the app load from here, not with the page: while the kept first screen is on show
// (entrypoints/popup-snapshot.ts), the browser paints it first, then fetches and compiles them.
// Without one, they load at once.
const start = () => import('./start');
if (document.documentElement.hasAttribute(SNAPSHOT_ATTRIBUTE)) requestAnimationFrame(() => setTimeout(() => void start()));
else void start();
