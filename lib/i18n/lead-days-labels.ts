import { MAX_LEAD_DAY, MAX_LEAD_DAYS, MIN_LEAD_DAY, type LeadDaysError } from '../domain/lead-days';
import { t } from './index';

// Apart from labels.ts, which the popup's first screen loads: only the settings page and the
// agreement form need these.

/** Why a typed list of lead days was refused, naming the part at fault. */
export function leadDaysErrorText(error: LeadDaysError): string {
  if (error.code === 'too-many') return t('leadDaysTooMany', [String(MAX_LEAD_DAYS), String(error.count)]);
  if (error.code === 'out-of-range') return t('leadDaysOutOfRange', [error.part, String(MIN_LEAD_DAY), String(MAX_LEAD_DAY)]);
  return t('leadDaysNotANumber', error.part);
}
