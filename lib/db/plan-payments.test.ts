import { describe, expect, it } from 'vitest';
import type { AgreementFields } from '../domain/agreement';
import { localInstant } from '../domain/dates';
import { countDueOnOrBefore, getAgreement } from './agreements';
import { recordPayment, undoPayment } from './payment-writes';
import { listRemindersFor } from './reminders';
import { saveAgreement } from './save-agreement';

/** 1,500 yuan in three monthly periods of 500. */
const plan: AgreementFields = {
  lender: '网商贷',
  kind: 'installment',
  amountFen: 150_000,
  dueDate: '2026-12-10',
  plan: {
    method: 'interest-free',
    dayOfMonth: 10,
    dues: [
      { date: '2026-12-10', amountFen: 50_000 },
      { date: '2027-01-10', amountFen: 50_000 },
      { date: '2027-02-10', amountFen: 50_000 },
    ],
  },
};
const now = localInstant('2026-12-01', 10);
const pays = async (id: string) => (await listRemindersFor(id)).filter((r) => r.code === 'pay').map((r) => r.dueDate);

describe('an installment plan in the database', () => {
  it('plans the payment reminders of every period', async () => {
    const a = await saveAgreement(plan, { now, leadDays: [] });
    expect(await pays(a.id)).toEqual(['2026-12-10', '2027-01-10', '2027-02-10']);
  });

  it('a payment clears its period and moves the agreement to the next one; undo moves it back', async () => {
    const a = await saveAgreement(plan, { now, leadDays: [] });
    const p = await recordPayment({ agreementId: a.id, amountFen: 50_000, paidOn: '2026-12-09', coverage: 'partial' }, { now });
    expect(p.dueDate).toBe('2026-12-10');
    expect((await getAgreement(a.id))?.dueDate).toBe('2027-01-10');
    expect(await pays(a.id)).toEqual(['2027-01-10', '2027-02-10']);
    // The badge no longer counts it in December.
    expect(await countDueOnOrBefore('2026-12-31')).toBe(0);

    // The next payment goes to the second period.
    const second = await recordPayment({ agreementId: a.id, amountFen: 20_000, paidOn: '2026-12-20', coverage: 'partial' }, { now });
    expect(second.dueDate).toBe('2027-01-10');
    expect((await getAgreement(a.id))?.dueDate).toBe('2027-01-10');

    await undoPayment(second.id, { now });
    await undoPayment(p.id, { now });
    expect((await getAgreement(a.id))?.dueDate).toBe('2026-12-10');
    expect(await pays(a.id)).toEqual(['2026-12-10', '2027-01-10', '2027-02-10']);
    expect(await countDueOnOrBefore('2026-12-31')).toBe(1);
  });

  it('editing a plan with a paid first period keeps the agreement on the first unpaid one', async () => {
    const a = await saveAgreement(plan, { now, leadDays: [] });
    await recordPayment({ agreementId: a.id, amountFen: 50_000, paidOn: '2026-12-09', coverage: 'full' }, { now });
    const edited = await saveAgreement({ ...plan, lender: 'MYbank' }, { now, leadDays: [], id: a.id });
    expect(edited.dueDate).toBe('2027-01-10');
    expect(edited.plan?.dues).toHaveLength(3);
  });

  it('checks the credit report once the last period is paid', async () => {
    const a = await saveAgreement(plan, { now, leadDays: [] });
    for (const due of plan.plan?.dues ?? []) {
      await recordPayment({ agreementId: a.id, amountFen: due.amountFen, paidOn: '2026-12-01', coverage: 'partial' }, { now });
    }
    expect((await listRemindersFor(a.id)).map((r) => r.code)).toEqual(['check-credit-report']);
    expect((await getAgreement(a.id))?.dueDate).toBe('2027-02-10');
  });
});
