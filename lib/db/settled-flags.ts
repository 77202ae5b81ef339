import { paymentRecordSchema, type PaymentRecord } from './payments';
import { agreementRecordSchema } from './schema';
import { settledFlag } from './settled';

// Apart from ./settled.ts, which the background's badge count loads without any schema.

/** The `settled` flag of every agreement that parses, from its payments (both opened). */
export function settledFlags(agreements: readonly unknown[], payments: readonly unknown[]): Map<string, 0 | 1> {
  const byAgreement = new Map<string, PaymentRecord[]>();
  for (const row of payments) {
    const parsed = paymentRecordSchema.safeParse(row);
    if (!parsed.success) continue;
    byAgreement.set(parsed.data.agreementId, [...(byAgreement.get(parsed.data.agreementId) ?? []), parsed.data]);
  }
  const flags = new Map<string, 0 | 1>();
  for (const row of agreements) {
    const parsed = agreementRecordSchema.safeParse(row);
    if (!parsed.success) continue;
    try {
      flags.set(parsed.data.id, settledFlag(parsed.data, byAgreement.get(parsed.data.id) ?? []));
    } catch (error) {
      console.warn(`No settled flag for agreement ${parsed.data.id}`, error);
    }
  }
  return flags;
}
