import { describe, expect, it } from 'vitest';
import type { AgreementFields } from '../../domain/agreement';
import { localInstant } from '../../domain/dates';
import { getAgreement } from '../../db/agreements';
import { listAttachments } from '../../db/attachments';
import { deleteAgreement } from '../../db/delete-agreements';
import { undoPayment } from '../../db/payment-writes';
import { listPaymentsByAgreement } from '../../db/payments';
import { recordPayment } from '../../db/payment-writes';
import { saveAgreement } from '../../db/save-agreement';
import { addNote, createSession, listNotes, updateNote } from '../../db/sessions';
import type { SyncedPayment } from '../merge/payments';
import { testVaultWithFile } from '../vault/test-support';
import { choosePaymentToKeep, deleteFlaggedRecord, keepOnePayment } from './conflicts';
import { keepVersion, listConflicts, listSamePaymentQuestions } from './index';
import { newTestDevice, on, syncOn, type TestDevice } from './test-support';

const fields: AgreementFields = { lender: '网商贷', kind: 'extension', amountFen: 123_456, dueDate: '2026-12-10' };
const T = localInstant('2026-11-21', 10);
const minute = 60_000;

async function twoDevices() {
  const ctx = await testVaultWithFile();
  return { ctx, a: newTestDevice('家里的电脑'), b: newTestDevice('办公室电脑') };
}

const payment = (id: string, firstRev: string): SyncedPayment => ({ id, agreementId: 'x', amountFen: 50_000, paidOn: '2026-11-21', firstRev });

describe('choosePaymentToKeep', () => {
  it('keeps the payment recorded first, whichever order the pair comes in', () => {
    const early = payment('zz', '2026-11-21T02:00:00.000Z-0000-aaaaaaaaaaaaaaaa');
    const late = payment('aa', '2026-11-21T02:05:00.000Z-0000-bbbbbbbbbbbbbbbb');
    expect(choosePaymentToKeep(early, late)).toEqual({ keep: early, remove: late });
    expect(choosePaymentToKeep(late, early)).toEqual({ keep: early, remove: late });
  });

  it('orders by id when the stamps are equal', () => {
    const rev = '2026-11-21T02:00:00.000Z-0000-aaaaaaaaaaaaaaaa';
    const [a, b] = [payment('p1', rev), payment('p2', rev)];
    expect(choosePaymentToKeep(b, a)).toEqual({ keep: a, remove: b });
  });
});

async function syncAll(ctx: Awaited<ReturnType<typeof testVaultWithFile>>, devices: readonly TestDevice[], at: number) {
  for (let round = 0; round < 2; round += 1) for (const device of devices) await syncOn(device, ctx, at);
}

/**
 * An agreement made on A and synced to both devices, then edited on both before either syncs
 * again: 111,111 on A, then 222,222 on B (the later edit, so the version shown), and two rounds
 * of syncs. Several answers below start from this one conflict.
 */
async function conflictOnTwoDevices() {
  const { ctx, a, b } = await twoDevices();
  const saved = await on(a, () => saveAgreement(fields, { now: T }));
  await syncAll(ctx, [a, b], T + minute);
  await on(a, () => saveAgreement({ ...fields, amountFen: 111_111 }, { id: saved.id, now: T + 2 * minute }));
  await on(b, () => saveAgreement({ ...fields, amountFen: 222_222 }, { id: saved.id, now: T + 3 * minute }));
  await syncAll(ctx, [a, b], T + 10 * minute);
  return { ctx, a, b, saved };
}

describe('answers to the conflicts list', { timeout: 20_000 }, () => {
  it('"the same payment", answered on both devices before they sync, leaves one payment on both, with the receipt', async () => {
    const { ctx, a, b } = await twoDevices();
    const agreement = await on(a, () => saveAgreement({ ...fields, kind: 'settlement' }, { now: T }));
    await syncAll(ctx, [a, b], T + minute);
    const pay = { agreementId: agreement.id, amountFen: 50_000, paidOn: '2026-11-21', coverage: 'partial' } as const;
    const image = (byte: number) => new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, byte])], { type: 'image/png' });
    const first = await on(a, () => recordPayment(pay, { now: T + 2 * minute }));
    const second = await on(b, () => recordPayment(pay, { now: T + 3 * minute }, image(7)));
    await syncAll(ctx, [a, b], T + 10 * minute);

    for (const device of [a, b]) {
      const [pair] = await on(device, () => listSamePaymentQuestions(T + 11 * minute));
      if (!pair) throw new Error('no question');
      expect(await on(device, () => keepOnePayment(pair[0], pair[1], T + 11 * minute))).toBe(second.id);
      expect(await on(device, () => listSamePaymentQuestions(T + 11 * minute))).toEqual([]);
    }
    await syncAll(ctx, [a, b], T + 12 * minute);
    for (const device of [a, b]) {
      const payments = (await on(device, () => listPaymentsByAgreement(T + 13 * minute))).get(agreement.id) ?? [];
      expect(payments.map((p) => p.id)).toEqual([first.id]);
      // The receipt of the payment removed now belongs to the one kept.
      const receipts = await on(device, () => listAttachments('payment', first.id, T + 13 * minute));
      expect(receipts.map((r) => r.byteLength)).toEqual([5]);
      expect(await on(device, () => listSamePaymentQuestions(T + 13 * minute))).toEqual([]);
      // Both devices moved the receipt alike: nothing left to choose.
      expect(await on(device, () => listConflicts())).toEqual([]);
    }
    // Asked again after it is gone: nothing removed.
    expect(await on(a, () => keepOnePayment(payment(first.id, 'a'), payment(second.id, 'b'), T + 14 * minute))).toBeNull();
  });

  it('a receipt moved here while the other device undid its payment: kept, and "Keep it" ends the flag on both', async () => {
    const { ctx, a, b } = await twoDevices();
    const agreement = await on(a, () => saveAgreement({ ...fields, kind: 'settlement' }, { now: T }));
    await syncAll(ctx, [a, b], T + minute);
    const pay = { agreementId: agreement.id, amountFen: 50_000, paidOn: '2026-11-21', coverage: 'partial' } as const;
    const first = await on(a, () => recordPayment(pay, { now: T + 2 * minute }));
    const second = await on(b, () => recordPayment(pay, { now: T + 3 * minute }, new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9])], { type: 'image/png' })));
    await syncAll(ctx, [a, b], T + 10 * minute);
    const [pair] = await on(a, () => listSamePaymentQuestions(T + 11 * minute));
    if (!pair) throw new Error('no question');
    await on(a, () => keepOnePayment(pair[0], pair[1], T + 11 * minute));
    await on(b, () => undoPayment(second.id, { now: T + 11 * minute }));
    await syncAll(ctx, [a, b], T + 12 * minute);
    const [flagged] = await on(a, () => listConflicts());
    expect(flagged).toMatchObject({ store: 'attachments', editedWhileDeleted: true, current: { here: true } });
    if (!flagged) throw new Error('not flagged');
    // Kept from either device: the version shown is the one stored, image and all, on both; two such answers say the same.
    expect(await on(b, () => keepVersion('attachments', flagged.id, flagged.current.rev, T + 13 * minute))).toBe(true);
    expect(await on(a, () => keepVersion('attachments', flagged.id, flagged.current.rev, T + 13 * minute))).toBe(true);
    await syncAll(ctx, [a, b], T + 14 * minute);
    for (const device of [a, b]) {
      expect(await on(device, () => listConflicts())).toEqual([]);
      expect((await on(device, () => listAttachments('payment', first.id, T + 15 * minute))).map((r) => r.byteLength)).toEqual([5]);
    }
  });

  it('an agreement edited here and deleted there: "Delete it" takes it off the list at once, and off both devices after a sync', async () => {
    const { ctx, a, b } = await twoDevices();
    const saved = await on(a, () => saveAgreement(fields, { now: T }));
    await syncAll(ctx, [a, b], T + minute);
    await on(a, () => deleteAgreement(saved.id, T + 2 * minute));
    await on(b, () => saveAgreement({ ...fields, amountFen: 99_999 }, { id: saved.id, now: T + 3 * minute }));
    await syncAll(ctx, [a, b], T + 10 * minute);
    const [flagged] = await on(b, () => listConflicts());
    expect(flagged).toMatchObject({ store: 'agreements', id: saved.id, editedWhileDeleted: true, current: { here: true } });
    // A names the device that made the version kept: B's folder in the vault, learnt as its changes arrived.
    expect(await on(a, () => listConflicts())).toMatchObject([{ current: { here: false, peer: b.vaultDevice } }]);

    expect(await on(b, () => deleteFlaggedRecord('agreements', saved.id, T + 11 * minute))).toBe(true);
    expect(await on(b, () => listConflicts())).toEqual([]);
    await syncAll(ctx, [b, a], T + 12 * minute);
    for (const device of [a, b]) {
      expect(await on(device, () => getAgreement(saved.id))).toBeUndefined();
      expect(await on(device, () => listConflicts())).toEqual([]);
    }
  });

  it('an agreement edited here and deleted there: "Keep it" ends the flag on both devices', async () => {
    const { ctx, a, b } = await twoDevices();
    const saved = await on(a, () => saveAgreement(fields, { now: T }));
    await syncAll(ctx, [a, b], T + minute);
    await on(a, () => deleteAgreement(saved.id, T + 2 * minute));
    await on(b, () => saveAgreement({ ...fields, amountFen: 99_999 }, { id: saved.id, now: T + 3 * minute }));
    await syncAll(ctx, [a, b], T + 10 * minute);
    const [flagged] = await on(a, () => listConflicts());
    if (!flagged) throw new Error('not flagged');
    expect(await on(a, () => keepVersion('agreements', saved.id, flagged.current.rev, T + 11 * minute))).toBe(true);
    expect(await on(a, () => listConflicts())).toEqual([]);
    await syncAll(ctx, [a, b], T + 12 * minute);
    for (const device of [a, b]) {
      expect((await on(device, () => getAgreement(saved.id)))?.amountFen).toBe(99_999);
      expect(await on(device, () => listConflicts())).toEqual([]);
    }
  });

  it('an edit of a record in conflict keeps the other version, on either device, here at once and on both devices after a sync', async () => {
    const { ctx, a, b, saved } = await conflictOnTwoDevices();
    // B's edit is the later one, shown on both; A's is the other version.
    expect(await on(a, () => listConflicts())).toMatchObject([{ current: { here: false, record: { amountFen: 222_222 } }, others: [{ here: true, record: { amountFen: 111_111 } }] }]);

    // On B, the user changes the due date of the agreement shown, without answering.
    await on(b, () => saveAgreement({ ...fields, amountFen: 222_222, dueDate: '2026-12-20' }, { id: saved.id, now: T + 11 * minute }));
    const [here] = await on(b, () => listConflicts());
    expect(here).toMatchObject({ current: { here: true, record: { dueDate: '2026-12-20' } }, others: [{ here: false, record: { amountFen: 111_111 } }] });
    await syncAll(ctx, [b, a], T + 12 * minute);
    for (const device of [a, b]) {
      expect((await on(device, () => getAgreement(saved.id)))?.dueDate).toBe('2026-12-20');
      const [conflict] = await on(device, () => listConflicts());
      expect(conflict).toMatchObject({ id: saved.id, current: { record: { dueDate: '2026-12-20' } } });
      expect(conflict?.others.map((other) => (other.record as { amountFen: number }).amountFen)).toEqual([111_111]);
    }

    // An edit on A, whose own version is the other one: that version stays too, until the user answers.
    await on(a, () => saveAgreement({ ...fields, amountFen: 222_222, dueDate: '2026-12-21' }, { id: saved.id, now: T + 13 * minute }));
    expect(await on(a, () => listConflicts())).toMatchObject([{ current: { here: true, record: { dueDate: '2026-12-21' } }, others: [{ here: true, record: { amountFen: 111_111 } }] }]);
    await syncAll(ctx, [a, b], T + 14 * minute);
    for (const device of [a, b]) {
      expect((await on(device, () => getAgreement(saved.id)))?.dueDate).toBe('2026-12-21');
      const [conflict] = await on(device, () => listConflicts());
      expect(conflict?.others.map((other) => (other.record as { amountFen: number }).amountFen)).toEqual([111_111]);
    }
    // A device that joins now reads both versions from A's folder (the one left out is still there).
    const c = newTestDevice('笔记本');
    await syncOn(c, ctx, T + 14 * minute);
    expect((await on(c, () => listConflicts()))[0]?.others.map((other) => (other.record as { amountFen: number }).amountFen)).toEqual([111_111]);
    const [answer] = await on(b, () => listConflicts());
    if (!answer) throw new Error('no conflict');
    expect(await on(b, () => keepVersion('agreements', saved.id, answer.current.rev, T + 15 * minute))).toBe(true);
    await syncAll(ctx, [b, a], T + 16 * minute);
    for (const device of [a, b]) {
      expect((await on(device, () => getAgreement(saved.id)))?.dueDate).toBe('2026-12-21');
      expect(await on(device, () => listConflicts())).toEqual([]);
    }
  });

  it('"Keep this version" on the device whose version is shown ends the conflict on both, whichever version it keeps', async () => {
    for (const choice of ['shown', 'other'] as const) {
      const { ctx, a, b, saved } = await conflictOnTwoDevices();
      const [conflict] = await on(b, () => listConflicts());
      const chosen = choice === 'shown' ? conflict?.current : conflict?.others[0];
      if (!chosen) throw new Error('no conflict');
      expect(await on(b, () => keepVersion('agreements', saved.id, chosen.rev, T + 11 * minute))).toBe(true);
      expect(await on(b, () => listConflicts())).toEqual([]);
      await syncAll(ctx, [b, a], T + 12 * minute);
      for (const device of [a, b]) {
        expect((await on(device, () => getAgreement(saved.id)))?.amountFen).toBe(choice === 'shown' ? 222_222 : 111_111);
        expect(await on(device, () => listConflicts())).toEqual([]);
      }
    }
  });

  it('keeps the version a device changed and has not sent yet, when the user chooses it', async () => {
    const { ctx, a, b, saved } = await conflictOnTwoDevices();
    await on(b, () => saveAgreement({ ...fields, amountFen: 333_333 }, { id: saved.id, now: T + 11 * minute }));
    const [conflict] = await on(b, () => listConflicts());
    if (!conflict) throw new Error('no conflict');
    expect(conflict.current).toMatchObject({ here: true, record: { amountFen: 333_333 } });
    expect(await on(b, () => keepVersion('agreements', saved.id, conflict.current.rev, T + 12 * minute))).toBe(true);
    expect(await on(b, () => listConflicts())).toEqual([]);
    await syncAll(ctx, [b, a], T + 13 * minute);
    for (const device of [a, b]) {
      expect((await on(device, () => getAgreement(saved.id)))?.amountFen).toBe(333_333);
      expect(await on(device, () => listConflicts())).toEqual([]);
    }
  });

  it('a record in conflict deleted here is deleted on both devices, with nothing left to ask', async () => {
    const { ctx, a, b, saved } = await conflictOnTwoDevices();
    await on(a, () => deleteAgreement(saved.id, T + 11 * minute));
    expect(await on(a, () => listConflicts())).toEqual([]);
    await syncAll(ctx, [a, b], T + 12 * minute);
    for (const device of [a, b]) {
      expect(await on(device, () => getAgreement(saved.id))).toBeUndefined();
      expect(await on(device, () => listConflicts())).toEqual([]);
    }
  });

  it('a note edited here and deleted there can be deleted; other stores are refused', async () => {
    const { ctx, a, b } = await twoDevices();
    const session = await on(a, () => createSession({ id: 's1', agreementId: null, lender: '借呗', startedAt: T }));
    const note = await on(a, () => addNote({ id: 'n1', sessionId: session.id, at: T, text: '客服说可以延期' }));
    await syncAll(ctx, [a, b], T + minute);
    await on(a, () => updateNote({ ...note, text: '客服说可以延期三个月' }, T + 2 * minute));
    await on(b, () => deleteFlaggedRecord('sessionNotes', note.id, T + 3 * minute));
    await syncAll(ctx, [a, b], T + 10 * minute);
    expect(await on(b, () => listConflicts())).toMatchObject([{ store: 'sessionNotes', editedWhileDeleted: true }]);
    expect(await on(b, () => deleteFlaggedRecord('sessionNotes', note.id, T + 11 * minute))).toBe(true);
    await syncAll(ctx, [b, a], T + 12 * minute);
    for (const device of [a, b]) expect(await on(device, () => listNotes(session.id, T))).toEqual([]);
    expect(await on(a, () => deleteFlaggedRecord('payments', 'p', T))).toBe(false);
    expect(await on(a, () => deleteFlaggedRecord('scriptState', 's', T))).toBe(false);
  });
});
