// The app's own database code, bundled by bench/run.mjs and evaluated inside an extension page, so
// the bench times the real functions (zod validation included), not a copy of them. Also evaluated
// in the service worker, to tell where the re-arm's time goes.
export { claimDueReminders, listPendingReminders, nextPendingFor } from '../lib/db/reminders';
export { saveAgreement } from '../lib/db/save-agreement';
export { countDueOnOrBefore, getAgreement, listAgreements } from '../lib/db/agreements';
