/**
 * The popup opened at one agreement, and at the reminder to act on: how the background's link names
 * them (a notification's click opens the popup's page in a tab) and how the popup reads them back
 * (its painter, its start, the page and the reminder's buttons). Kept tiny: the painter imports it.
 */
const AGREEMENT = 'agreement';
const REMINDER = 'reminder';

/** The popup page's path, at one agreement when given, and at its reminder when that is known too. */
export function popupLink(agreementId: string | null, reminderId: string | null = null): `/popup.html${string}` {
  if (agreementId === null) return '/popup.html';
  const params = new URLSearchParams({ [AGREEMENT]: agreementId });
  if (reminderId !== null) params.set(REMINDER, reminderId);
  return `/popup.html?${params.toString()}`;
}

/** The agreement the popup was opened at, from its query (`location.search`), or null. */
export function linkedAgreement(search: string): string | null {
  return new URLSearchParams(search).get(AGREEMENT);
}

/** The reminder the popup was opened to act on, from its query (`location.search`), or null. */
export function linkedReminder(search: string): string | null {
  return new URLSearchParams(search).get(REMINDER);
}
