/**
 * The side panel's scope for talks not tied to an agreement yet (a first talk with a lender): its
 * sessions have no agreement, and its script figures and checklist ticks are kept under this id.
 * (The v1 `notes` store it once keyed is emptied by migration 003, which moved notes into sessions.)
 */
export const GENERAL_NOTES_ID = 'general';
