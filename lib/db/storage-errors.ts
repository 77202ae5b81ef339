/** The disk (or the browser's share of it) is full: the transaction aborted and nothing was saved. */
export function isQuotaExceeded(error: unknown): boolean {
  if (!(error instanceof DOMException || error instanceof Error)) return false;
  // Firefox once used its own name for it.
  return error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED';
}
