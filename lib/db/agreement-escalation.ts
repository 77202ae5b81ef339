import type { Escalation } from '../domain/overdue-coaching';
import { agreementCodec, type AgreementRecord } from './schema';
import { mutate } from './write';

/**
 * Records what the user noted of the lender's escalation on an overdue agreement (collection
 * pressure, a lawyer's letter, a mediation notice), or clears it (undefined). Nothing else of the
 * agreement changes, and its reminders stay as planned: the advice and the notifications read the
 * field when they are shown. Returns the agreement as written, or undefined if it is gone.
 */
export async function setAgreementEscalation(agreementId: string, escalation: Escalation | undefined, now: number): Promise<AgreementRecord | undefined> {
  return mutate({
    name: 'set-agreement-escalation',
    stores: ['agreements'],
    now,
    read: (tx) => tx.objectStore('agreements').get(agreementId),
    prepare: async (row) => {
      const current = await agreementCodec.openOne(row, now);
      if (current === undefined || row === undefined) return undefined;
      const record: AgreementRecord = { ...current, escalation, updatedAt: now };
      if (escalation === undefined) delete record.escalation;
      // The settled flag is written with the payments and kept as it was.
      const sealed = await agreementCodec.seal(record, now, row.settled === undefined ? undefined : { settled: row.settled });
      return { sealed, record };
    },
    write: async (writer, prepared) => {
      if (prepared === undefined) return undefined;
      await writer.put('agreements', prepared.sealed);
      return prepared.record;
    },
  });
}
