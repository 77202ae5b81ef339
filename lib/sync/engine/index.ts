// The engine's public surface (docs/sync-design.md, "Engine"). The sync itself is in sync.ts, which
// the background imports on its own: Chrome's service worker cannot load a chunk later, so the
// bundler inlines what it imports, and a namespace import keeps every export it names. The screens'
// functions (conflicts, same-payment questions) stay out of the worker that way.
export { syncDevice, LISTING_INTERVAL_MS, type SyncRun, type SyncReport } from './sync';
export { listConflicts, keepVersion, listSamePaymentQuestions, dismissSamePaymentQuestion, type Conflict, type ConflictVersion } from './conflicts';
export { fetchAttachment, listWantedBlobs } from './blobs';
