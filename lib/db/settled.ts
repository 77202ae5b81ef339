import { agreementStanding } from '../domain/agreement-dues';
import type { AgreementRecord } from './schema';

/**
 * The plaintext flag the badge reads on an agreement's row (1: fully paid, or replaced by another), written whenever its
 * payments or its amounts change. With the lock on, the badge cannot open payments to find out.
 */
export function settledFlag(agreement: Pick<AgreementRecord, 'kind' | 'dueDate' | 'amountFen' | 'plan' | 'replacedBy'>, payments: Parameters<typeof agreementStanding>[1]): 0 | 1 {
  // Replaced by another agreement: nothing more is to be paid on this one, the badge leaves it out.
  if (agreement.replacedBy !== undefined) return 1;
  return agreementStanding(agreement, payments).state === 'paid' ? 1 : 0;
}
