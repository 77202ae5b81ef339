import { describe, expect, it } from 'vitest';
import { localInstant } from '../domain/dates';
import { setAgreementEscalation } from './agreement-escalation';
import { getAgreement } from './agreements';
import { recordPayment } from './payment-writes';
import { listRemindersFor } from './reminders';
import { saveAgreement } from './save-agreement';
import { rawRows } from './test-support';
import { lockForTest, unlockedForTest } from '../keys/test-support';

const now = localInstant('2026-12-06', 10);
const fields = { lender: '借呗', kind: 'extension', amountFen: 123_456, dueDate: '2026-12-01' } as const;

describe('recording escalation on an agreement', () => {
  it('writes the marks and changes nothing else: not the reminders, not the other fields', async () => {
    const saved = await saveAgreement(fields, { now });
    const reminders = await listRemindersFor(saved.id);
    const written = await setAgreementEscalation(saved.id, { collection: '2026-12-06' }, now + 1000);
    expect(written).toEqual({ ...saved, escalation: { collection: '2026-12-06' }, updatedAt: now + 1000 });
    expect(await getAgreement(saved.id)).toEqual(written);
    expect(await listRemindersFor(saved.id)).toEqual(reminders);
  });

  it('clears them, and an edit through the form keeps what was recorded', async () => {
    const saved = await saveAgreement(fields, { now });
    await setAgreementEscalation(saved.id, { mediation: '2026-12-05' }, now);
    const edited = await saveAgreement({ ...fields, lender: '借呗（新）' }, { now: now + 1000, id: saved.id });
    expect(edited.escalation).toEqual({ mediation: '2026-12-05' });
    await setAgreementEscalation(saved.id, undefined, now + 2000);
    expect(await getAgreement(saved.id)).not.toHaveProperty('escalation');
  });

  it('keeps the settled flag the badge reads, and refuses a day that does not exist', async () => {
    const saved = await saveAgreement(fields, { now });
    await recordPayment({ agreementId: saved.id, amountFen: fields.amountFen, paidOn: '2026-12-06', coverage: 'full' }, { now });
    await setAgreementEscalation(saved.id, { lawyerLetter: '2026-12-04' }, now);
    expect((await rawRows('agreements'))[0]).toMatchObject({ settled: 1 });
    await expect(setAgreementEscalation(saved.id, { lawyerLetter: '2026-02-30' }, now)).rejects.toThrow();
    expect((await getAgreement(saved.id))?.escalation).toEqual({ lawyerLetter: '2026-12-04' });
  });

  it('is sealed with the lock on, and cannot be written while locked', async () => {
    await unlockedForTest(now);
    const saved = await saveAgreement(fields, { now });
    await setAgreementEscalation(saved.id, { collection: '2026-12-06' }, now);
    const [row] = await rawRows('agreements');
    expect(row).toHaveProperty('sealed');
    expect(JSON.stringify(row)).not.toContain('collection');
    expect((await getAgreement(saved.id, now))?.escalation).toEqual({ collection: '2026-12-06' });
    await lockForTest();
    await expect(setAgreementEscalation(saved.id, undefined, now)).rejects.toThrow();
  });

  it('says so when the agreement is gone', async () => {
    expect(await setAgreementEscalation('missing', { collection: '2026-12-06' }, now)).toBeUndefined();
  });
});
