import { t } from '../../i18n';
import { DavError } from './request';

/** What the Calendar section says when a step failed: the kind of problem, in the user's words. */
export function describeDavError(error: unknown): string {
  if (!(error instanceof DavError)) return t('caldavErrNetwork');
  const status = String(error.status ?? '');
  switch (error.kind) {
    case 'unauthorized':
      return t('caldavErrUnauthorized');
    case 'forbidden':
      return t('caldavErrForbidden');
    case 'not-caldav':
      return t('caldavErrNotCalDav');
    case 'network':
      return t('caldavErrNetwork');
    case 'bad-response':
      return t('caldavErrBadResponse', status);
    case 'server':
      return t('caldavErrServer', status);
  }
}
