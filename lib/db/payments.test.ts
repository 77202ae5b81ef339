import { describe, expect, it } from 'vitest';
import type { AgreementFields } from '../domain/agreement';
import { localInstant } from '../domain/dates';
import { countDueOnOrBefore, listAgreements } from './agreements';
import { deleteAgreement, deleteDemoAgreements } from './delete-agreements';
import { openDatabase } from './database';
import { AgreementNotFound, recordPayment, undoPayment } from './payment-writes';
import { listPaymentsByAgreement } from './payments';
import { listRemindersFor } from './reminders';
import { saveAgreement } from './save-agreement';

const settlement: AgreementFields = { lender: '美团借钱', kind: 'settlement', amountFen: 100_000, dueDate: '2026-12-10' };
const now = localInstant('2026-12-01', 10);
const codes = async (id: string) => (await listRemindersFor(id)).map((r) => r.code);

describe('payments store', () => {
  it('a partial payment is stored and leaves the payment reminders in place', async () => {
    const a = await saveAgreement(settlement, { now });
    const before = await codes(a.id);
    const p = await recordPayment({ agreementId: a.id, amountFen: 30_000, paidOn: '2026-12-01', coverage: 'partial' }, { now });
    expect(p).toMatchObject({ agreementId: a.id, dueDate: '2026-12-10', amountFen: 30_000, recordedAt: now });
    expect((await listPaymentsByAgreement()).get(a.id)).toEqual([p]);
    expect(await codes(a.id)).toEqual(before);
  });

  it('paying in full keeps only the after-payment reminder; undo brings the others back', async () => {
    const a = await saveAgreement(settlement, { now });
    const before = await listRemindersFor(a.id);
    expect(before.map((r) => r.code)).toEqual(expect.arrayContaining(['transfer-by', 'pay', 'credit-report-risk']));

    await recordPayment({ agreementId: a.id, amountFen: 40_000, paidOn: '2026-11-30', coverage: 'partial' }, { now });
    const last = await recordPayment({ agreementId: a.id, amountFen: 60_000, paidOn: '2026-12-01', coverage: 'partial' }, { now });
    // Cleared on Tue 1 Dec: check the credit report 3 working days later.
    expect((await listRemindersFor(a.id)).map((r) => [r.code, r.fireDate])).toEqual([['check-credit-report', '2026-12-04']]);
    expect(await countDueOnOrBefore('2026-12-20')).toBe(0);

    await undoPayment(last.id, { now });
    expect(await listRemindersFor(a.id)).toEqual(before);
    expect((await listPaymentsByAgreement()).get(a.id)?.map((p) => p.amountFen)).toEqual([40_000]);
    expect(await countDueOnOrBefore('2026-12-20')).toBe(1);
  });

  it('counts for the badge only due agreements not paid in full', async () => {
    const due = await saveAgreement(settlement, { now });
    const later = await saveAgreement({ ...settlement, dueDate: '2027-03-01' }, { now });
    await recordPayment({ agreementId: later.id, amountFen: 100_000, paidOn: '2026-12-01', coverage: 'full' }, { now });
    expect(await countDueOnOrBefore('2026-12-20')).toBe(1);
    await recordPayment({ agreementId: due.id, amountFen: 1_000, paidOn: '2026-12-01', coverage: 'partial' }, { now });
    expect(await countDueOnOrBefore('2026-12-20')).toBe(1);
  });

  it('refuses a payment of nothing or for a deleted agreement, and writes nothing', async () => {
    const a = await saveAgreement(settlement, { now });
    const before = await listRemindersFor(a.id);
    await expect(recordPayment({ agreementId: a.id, amountFen: 0, paidOn: '2026-12-01', coverage: 'full' }, { now })).rejects.toThrow();
    await expect(recordPayment({ agreementId: a.id, amountFen: 100, paidOn: '2026-02-30', coverage: 'full' }, { now })).rejects.toThrow();
    await expect(recordPayment({ agreementId: 'gone', amountFen: 100, paidOn: '2026-12-01', coverage: 'full' }, { now })).rejects.toBeInstanceOf(
      AgreementNotFound,
    );
    const db = await openDatabase();
    expect(await db.count('payments')).toBe(0);
    expect(await listRemindersFor(a.id)).toEqual(before);
  });

  it('editing a paid agreement does not bring its payment reminders back', async () => {
    const a = await saveAgreement(settlement, { now });
    await recordPayment({ agreementId: a.id, amountFen: 99_000, paidOn: '2026-12-01', coverage: 'full' }, { now });
    await saveAgreement({ ...settlement, lender: '美团' }, { now: now + 1, id: a.id });
    expect(await codes(a.id)).toEqual(['check-credit-report']);
    // Raising the amount above what was paid does not reopen a due date the lender marked cleared.
    await saveAgreement({ ...settlement, amountFen: 200_000 }, { now: now + 2, id: a.id });
    expect(await codes(a.id)).toEqual(['check-credit-report']);
  });

  it('deleting an agreement deletes its payments; removing demo data removes exactly the demo ones', async () => {
    const real = await saveAgreement(settlement, { now });
    const demo1 = await saveAgreement({ ...settlement, lender: '示例一', demo: true }, { now });
    await saveAgreement({ ...settlement, lender: '示例二', demo: true }, { now });
    await recordPayment({ agreementId: demo1.id, amountFen: 100, paidOn: '2026-12-01', coverage: 'partial' }, { now });
    await recordPayment({ agreementId: real.id, amountFen: 100, paidOn: '2026-12-01', coverage: 'partial' }, { now });

    expect(await deleteDemoAgreements(Date.now())).toBe(2);
    expect((await listAgreements()).map((a) => a.lender)).toEqual(['美团借钱']);
    expect([...(await listPaymentsByAgreement()).keys()]).toEqual([real.id]);
    expect(await listRemindersFor(demo1.id)).toEqual([]);

    await deleteAgreement(real.id, Date.now());
    const db = await openDatabase();
    expect(await db.count('payments')).toBe(0);
  });
});
