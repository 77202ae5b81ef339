import { describe, expect, it } from 'vitest';
import type { AgreementFields } from '../domain/agreement';
import { localInstant } from '../domain/dates';
import { countDueOnOrBefore, getAgreement, listAgreements } from './agreements';
import { deleteAgreement } from './delete-agreements';
import { loadTypedValues, saveTypedValues } from '../negotiation/slot-values';
import { loadTicks, saveTicks } from '../negotiation/ticks';
import { saveAgreement } from './save-agreement';
import { addNote, createSession, getSession, listNotes } from './sessions';
import { openDatabase } from './database';
import { claimDueReminders, listRemindersFor } from './reminders';
import { acknowledgeReminder, snoozeReminder } from './reminder-actions';

const fields: AgreementFields = { lender: '网商贷', kind: 'extension', amountFen: 123456, dueDate: '2026-12-10' };
const now = localInstant('2026-11-21', 10);

describe('agreements store', () => {
  it('saves an agreement with its reminders in one go and lists by due date', async () => {
    const later = await saveAgreement({ ...fields, lender: '借呗', dueDate: '2027-01-05' }, { now });
    const sooner = await saveAgreement(fields, { now });
    expect((await listAgreements()).map((a) => a.id)).toEqual([sooner.id, later.id]);
    expect(await getAgreement(sooner.id)).toEqual({ ...fields, id: sooner.id, createdAt: now, updatedAt: now });
    const reminders = await listRemindersFor(sooner.id);
    expect(reminders.map((r) => [r.code, r.fireDate, r.pending, r.notifiedAt])).toEqual([
      ['contact-lender-if-short', '2026-12-03', 1, null],
      ['deposit-and-check-debit', '2026-12-05', 1, null],
      ['transfer-by', '2026-12-08', 1, null],
      // The settings' default extra reminder, the day before.
      ['due-soon', '2026-12-09', 1, null],
      ['pay', '2026-12-10', 1, null],
      ['credit-report-risk', '2026-12-14', 1, null],
    ]);
  });

  it('refuses an invalid record and writes nothing', async () => {
    await expect(saveAgreement({ ...fields, amountFen: 1.5 }, { now })).rejects.toThrow();
    await expect(saveAgreement({ ...fields, dueDate: '2026-02-30' }, { now })).rejects.toThrow();
    expect(await listAgreements()).toEqual([]);
    const db = await openDatabase();
    expect(await db.count('reminders')).toBe(0);
  });

  it('on edit, keeps reminders already shown for the same moment and replaces the rest', async () => {
    const saved = await saveAgreement({ ...fields, dueDate: '2026-11-21' }, { now });
    await claimDueReminders(now);
    const edited = await saveAgreement({ ...fields, dueDate: '2026-11-21', lender: '网商贷（新）' }, { now: now + 1000, id: saved.id });
    expect(edited.createdAt).toBe(now);
    expect((await listRemindersFor(saved.id)).map((r) => [r.code, r.pending])).toEqual([
      ['pay', 0],
      ['credit-report-risk', 1],
    ]);

    await saveAgreement({ ...fields, dueDate: '2026-12-31' }, { now: now + 2000, id: saved.id });
    const moved = await listRemindersFor(saved.id);
    expect(moved.map((r) => [r.code, r.fireDate, r.pending])).toEqual([
      ['decide-and-plan', '2026-11-30', 1],
      ['contact-lender-if-short', '2026-12-24', 1],
      ['deposit-and-check-debit', '2026-12-26', 1],
      ['transfer-by', '2026-12-29', 1],
      ['due-soon', '2026-12-30', 1],
      ['pay', '2026-12-31', 1],
      ['credit-report-risk', '2027-01-04', 1],
    ]);
  });

  it('on edit, keeps reminders dealt with before they were shown: done stays done, snoozed keeps its time', async () => {
    const saved = await saveAgreement(fields, { now });
    const [first, second] = await listRemindersFor(saved.id);
    if (!first || !second) throw new Error('no reminders');
    // From the reminder's page, opened by hand before its time: nothing was shown yet.
    await acknowledgeReminder(first.id, now + 1_000);
    const later = second.fireAt + 3_600_000;
    await snoozeReminder(second.id, later, now + 2_000);
    await saveAgreement({ ...fields, lender: '网商贷（新）' }, { now: now + 3_000, id: saved.id });
    const after = await listRemindersFor(saved.id);
    expect(after.find((r) => r.id === first.id)).toMatchObject({ pending: 0, notifiedAt: null, actedAt: now + 1_000 });
    expect(after.find((r) => r.id === second.id)).toMatchObject({ pending: 1, fireAt: later, actedAt: now + 2_000 });
    // A new due date is a new step: planned afresh.
    await saveAgreement({ ...fields, dueDate: '2026-12-20' }, { now: now + 4_000, id: saved.id });
    for (const reminder of await listRemindersFor(saved.id)) expect([reminder.pending, reminder.notifiedAt, reminder.actedAt]).toEqual([1, null, undefined]);
  });

  it('deletes an agreement with its reminders and any note left in the v1 store', async () => {
    const saved = await saveAgreement(fields, { now });
    const other = await saveAgreement(fields, { now });
    const db = await openDatabase();
    await db.put('notes', { id: saved.id, text: 'agent 1024 offered 3 months', updatedAt: now });
    await deleteAgreement(saved.id, Date.now());
    expect(await db.get('agreements', saved.id)).toBeUndefined();
    expect(await db.get('notes', saved.id)).toBeUndefined();
    expect(await listRemindersFor(saved.id)).toEqual([]);
    expect(await listRemindersFor(other.id)).toHaveLength(6);
  });

  it('forgets the script figures and checklist ticks kept for a deleted agreement, and only those', async () => {
    const saved = await saveAgreement(fields, { now });
    const other = await saveAgreement(fields, { now });
    for (const id of [saved.id, other.id]) {
      await saveTypedValues(id, { monthly: '1500' });
      await saveTicks(id, ['stay-calm']);
    }
    await deleteAgreement(saved.id, Date.now());
    expect(await loadTypedValues(saved.id)).toEqual({});
    expect(await loadTicks(saved.id)).toEqual([]);
    expect(await loadTypedValues(other.id)).toEqual({ monthly: '1500' });
    expect(await loadTicks(other.id)).toEqual(['stay-calm']);
  });

  it('skips a corrupted record instead of showing a wrong amount', async () => {
    const saved = await saveAgreement(fields, { now });
    const db = await openDatabase();
    await db.put('agreements', { ...saved, id: 'broken', amountFen: -1 });
    expect((await listAgreements()).map((a) => a.id)).toEqual([saved.id]);
    expect(await getAgreement('broken')).toBeUndefined();
  });
});

describe('countDueOnOrBefore', () => {
  it('counts overdue and due-today agreements on the index', async () => {
    await saveAgreement({ ...fields, dueDate: '2026-11-01' }, { now });
    await saveAgreement({ ...fields, dueDate: '2026-11-21' }, { now });
    await saveAgreement({ ...fields, dueDate: '2026-11-22' }, { now });
    expect(await countDueOnOrBefore('2026-11-21')).toBe(2);
  });
});

describe('deleting an agreement keeps the talks about it', () => {
  it('turns its sessions into general ones, notes and all', async () => {
    const saved = await saveAgreement(fields, { now });
    const session = await createSession({ id: 's1', agreementId: saved.id, lender: '网商贷', startedAt: now });
    await addNote({ id: 'n1', sessionId: session.id, at: now, text: '客服工号 8821' });
    await deleteAgreement(saved.id, Date.now());
    expect((await getSession('s1'))?.agreementId).toBeNull();
    expect((await listNotes('s1')).map((n) => n.text)).toEqual(['客服工号 8821']);
  });
});
