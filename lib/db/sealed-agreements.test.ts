import { describe, expect, it } from 'vitest';
import type { AgreementFields } from '../domain/agreement';
import { localInstant } from '../domain/dates';
import { LockedError } from '../keys/state';
import { lockForTest, unlockedForTest } from '../keys/test-support';
import { countDueOnOrBefore, getAgreement, listAgreements } from './agreements';
import { deleteDemoAgreements } from './delete-agreements';
import { openDatabase } from './database';
import { recordPayment, undoPayment } from './payment-writes';
import { listPaymentsByAgreement } from './payments';
import { claimDueReminders, listRemindersFor } from './reminders';
import { replanAllAgreements } from './replan-all';
import { saveAgreement } from './save-agreement';

const now = localInstant('2026-12-01', 10);
const fields: AgreementFields = { lender: '网商贷秘密', kind: 'settlement', amountFen: 765_432, dueDate: '2026-12-10' };

async function rawDump(): Promise<string> {
  const db = await openDatabase();
  const stores = ['agreements', 'payments', 'reminders', 'attachments'] as const;
  const rows = await Promise.all(stores.map((store) => db.getAll(store)));
  return JSON.stringify(rows);
}

describe('agreements and payments with the lock on', () => {
  it('stores no lender, amount or plan in plaintext, and reads everything back', async () => {
    await unlockedForTest(now);
    const a = await saveAgreement({ ...fields, plan: undefined }, { now });
    const p = await recordPayment({ agreementId: a.id, amountFen: 123_456, paidOn: '2026-12-01', coverage: 'partial' }, { now });
    const raw = await rawDump();
    expect(raw).not.toContain('网商贷秘密');
    expect(raw).not.toContain('765432');
    expect(raw).not.toContain('123456');
    expect(raw).toContain('"sealed"');
    expect(await listAgreements()).toEqual([a]);
    expect(await getAgreement(a.id)).toEqual(a);
    expect((await listPaymentsByAgreement()).get(a.id)).toEqual([p]);
  });

  it('keeps the badge right from the plaintext settled flag, and reminders follow payments', async () => {
    await unlockedForTest(now);
    const a = await saveAgreement(fields, { now });
    expect(await countDueOnOrBefore('2026-12-20')).toBe(1);
    await recordPayment({ agreementId: a.id, amountFen: 765_432, paidOn: '2026-12-01', coverage: 'full' }, { now });
    expect((await listRemindersFor(a.id)).map((r) => r.code)).toEqual(['check-credit-report']);
    await lockForTest();
    // Locked: the badge still counts from what is plaintext.
    expect(await countDueOnOrBefore('2026-12-20')).toBe(0);
    await unlockedForTest(now);
    // A new key: the old records no longer open (as if the data were copied elsewhere).
    expect(await listAgreements()).toEqual([]);
  });

  it('undo and re-plan open the sealed records', async () => {
    await unlockedForTest(now);
    const a = await saveAgreement(fields, { now });
    const before = await listRemindersFor(a.id);
    const paid = await recordPayment({ agreementId: a.id, amountFen: 765_432, paidOn: '2026-12-01', coverage: 'full' }, { now });
    expect(await countDueOnOrBefore('2026-12-20')).toBe(0);
    await undoPayment(paid.id, { now });
    expect(await listRemindersFor(a.id)).toEqual(before);
    expect(await countDueOnOrBefore('2026-12-20')).toBe(1);
    expect(await replanAllAgreements({ now, hour: 8 })).toBe(1);
    expect((await listRemindersFor(a.id)).every((r) => new Date(r.fireAt).getHours() === 8 || r.provisional)).toBe(true);
  });

  it('while locked, reads and writes refuse and nothing changes; reminders are still claimed, without details', async () => {
    await unlockedForTest(now);
    const a = await saveAgreement({ ...fields, dueDate: '2026-12-01' }, { now });
    await lockForTest();
    const before = await rawDump();
    await expect(listAgreements()).rejects.toBeInstanceOf(LockedError);
    await expect(saveAgreement(fields, { now })).rejects.toBeInstanceOf(LockedError);
    await expect(saveAgreement(fields, { now, id: a.id })).rejects.toBeInstanceOf(LockedError);
    await expect(recordPayment({ agreementId: a.id, amountFen: 1, paidOn: '2026-12-01', coverage: 'partial' }, { now })).rejects.toBeInstanceOf(LockedError);
    await expect(deleteDemoAgreements(Date.now())).rejects.toBeInstanceOf(LockedError);
    expect(await rawDump()).toBe(before);

    const { due } = await claimDueReminders(now);
    expect(due.map((d) => [d.reminder.agreementId, d.reminder.code, d.agreement])).toEqual([[a.id, 'pay', null]]);
    // Claimed once: the next run finds nothing.
    expect((await claimDueReminders(now + 1000)).due).toEqual([]);
  });

  it('an unlocked claim carries the opened agreement', async () => {
    await unlockedForTest(now);
    const a = await saveAgreement({ ...fields, dueDate: '2026-12-01' }, { now });
    const { due } = await claimDueReminders(now);
    expect(due.map((d) => d.agreement)).toEqual([a]);
  });
});
