import { describe, expect, it } from 'vitest';
import { localInstant } from '../domain/dates';
import { saveAgreement } from './save-agreement';
import { claimDueReminders, listPendingReminders, nextPendingFor } from './reminders';

const base = { kind: 'installment' as const, amountFen: 100_00 };

describe('claimDueReminders', () => {
  it('claims what is due exactly once, even when called concurrently', async () => {
    const now = localInstant('2026-11-21', 10);
    const a = await saveAgreement({ ...base, lender: 'A', dueDate: '2026-11-21' }, { now });
    const b = await saveAgreement({ ...base, lender: 'B', dueDate: '2026-11-25' }, { now });

    const [first, second] = await Promise.all([claimDueReminders(now), claimDueReminders(now)]);
    const claimed = [...first.due, ...second.due];
    // A is due today; B's deposit window (11-20 to 11-22) is open.
    expect(claimed.map((d) => [d.agreement?.id, d.reminder.code])).toEqual([
      [b.id, 'deposit-and-check-debit'],
      [a.id, 'pay'],
    ]);
    expect(claimed[0]?.reminder).toMatchObject({ pending: 0, notifiedAt: now });
    expect((await claimDueReminders(now + 60_000)).due).toEqual([]);
  });

  it('tells when the next pending reminder falls due', async () => {
    const now = localInstant('2026-11-21', 10);
    await saveAgreement({ ...base, lender: 'B', dueDate: '2026-11-30' }, { now });
    await saveAgreement({ ...base, lender: 'C', dueDate: '2026-11-25' }, { now });
    expect((await claimDueReminders(now)).nextFireAt).toBe(localInstant('2026-11-23', 9));
  });

  it('has nothing next when every reminder was shown', async () => {
    const now = localInstant('2026-11-21', 10);
    await saveAgreement({ ...base, lender: 'A', dueDate: '2026-11-01' }, { now });
    const result = await claimDueReminders(now);
    expect(result.due).toHaveLength(1);
    expect(result.nextFireAt).toBeNull();
  });
});

describe('listPendingReminders', () => {
  it('lists pending reminders in a window, soonest first, leaving shown ones out', async () => {
    const now = localInstant('2026-11-21', 10);
    await saveAgreement({ ...base, lender: 'A', dueDate: '2026-11-21' }, { now });
    await saveAgreement({ ...base, lender: 'B', dueDate: '2026-12-10' }, { now });
    await saveAgreement({ ...base, lender: 'C', dueDate: '2027-03-01' }, { now });
    await claimDueReminders(now);
    const in30Days = await listPendingReminders(now, now + 30 * 86_400_000);
    expect(in30Days.map((r) => [r.agreementId === in30Days[0]?.agreementId, r.code, r.fireDate])).toEqual([
      [true, 'credit-report-risk', '2026-11-25'],
      [false, 'contact-lender-if-short', '2026-12-03'],
      [false, 'deposit-and-check-debit', '2026-12-05'],
      [false, 'transfer-by', '2026-12-08'],
      [false, 'due-soon', '2026-12-09'],
      [false, 'pay', '2026-12-10'],
      [false, 'credit-report-risk', '2026-12-14'],
    ]);
  });
});

describe('nextPendingFor', () => {
  it('gives the soonest pending reminder of each agreement asked for', async () => {
    const now = localInstant('2026-11-21', 10);
    const a = await saveAgreement({ ...base, lender: 'A', dueDate: '2026-12-10' }, { now });
    const b = await saveAgreement({ ...base, lender: 'B', dueDate: '2026-11-01' }, { now });
    const c = await saveAgreement({ ...base, lender: 'C', dueDate: '2027-01-10' }, { now });
    const next = await nextPendingFor([a.id, b.id]);
    expect(next.get(a.id)).toMatchObject({ code: 'contact-lender-if-short', fireDate: '2026-12-03' });
    expect(next.get(b.id)?.code).toBe('pay');
    expect(next.has(c.id)).toBe(false);
  });
});
