import { describe, expect, it } from 'vitest';
import type { AgreementFields } from '../../domain/agreement';
import { localInstant } from '../../domain/dates';
import { acknowledgeReminder, snoozeReminder } from '../../db/reminder-actions';
import { getAgreement, listAgreements } from '../../db/agreements';
import { listAttachments } from '../../db/attachments';
import { deleteAgreement } from '../../db/delete-agreements';
import { listPaymentsByAgreement } from '../../db/payments';
import { recordPayment } from '../../db/payment-writes';
import { listRemindersFor } from '../../db/reminders';
import { saveAgreement } from '../../db/save-agreement';
import { addNote, createSession, listNotes, updateNote } from '../../db/sessions';
import { openDatabase } from '../../db/database';
import { deviceInfoPath, segmentPath, VAULT_FILE_PATH } from '../vault/layout';
import { testVaultWithFile } from '../vault/test-support';
import { dismissSamePaymentQuestion, keepVersion, listConflicts, listSamePaymentQuestions } from './index';
import { FaultyRemote } from './faulty-remote';
import { newTestDevice, on, syncOn } from './test-support';

const fields: AgreementFields = { lender: '网商贷', kind: 'extension', amountFen: 123_456, dueDate: '2026-12-10' };
const T = localInstant('2026-11-21', 10);
const minute = 60_000;

async function twoDevices() {
  const ctx = await testVaultWithFile();
  return { ctx, a: newTestDevice('家里的电脑'), b: newTestDevice('办公室电脑') };
}

describe('sync between two devices', { timeout: 20_000 }, () => {
  it('an agreement added on A appears on B with its reminders planned there, and nothing travels back', async () => {
    const { ctx, a, b } = await twoDevices();
    const saved = await on(a, () => saveAgreement(fields, { now: T }));
    expect(await syncOn(a, ctx, T + minute)).toMatchObject({ pushed: 1, pulled: 0 });
    expect(await syncOn(b, ctx, T + 2 * minute)).toMatchObject({ pushed: 0, pulled: 1, conflicts: 0, problems: [] });
    expect(await on(b, () => getAgreement(saved.id))).toEqual(saved);
    const reminders = await on(b, () => listRemindersFor(saved.id));
    expect(reminders.map((r) => r.code)).toContain('pay');
    // What B applied is not news of B: neither device has anything to push now.
    expect(await syncOn(b, ctx, T + 3 * minute)).toMatchObject({ pushed: 0, pulled: 0 });
    expect(await syncOn(a, ctx, T + 4 * minute)).toMatchObject({ pushed: 0, pulled: 0 });
  });

  it('keeps payments recorded on both devices, once each, and asks whether two alike are one', async () => {
    const { ctx, a, b } = await twoDevices();
    const agreement = await on(a, () => saveAgreement({ ...fields, kind: 'settlement' }, { now: T }));
    await syncOn(a, ctx, T + minute);
    await syncOn(b, ctx, T + minute);
    const pay = { agreementId: agreement.id, amountFen: 50_000, paidOn: '2026-11-21', coverage: 'partial' } as const;
    const onA = await on(a, () => recordPayment(pay, { now: T + 2 * minute }));
    const onB = await on(b, () => recordPayment(pay, { now: T + 3 * minute }));
    for (let round = 0; round < 2; round += 1) for (const device of [a, b]) await syncOn(device, ctx, T + (10 + round) * minute);
    for (const device of [a, b]) {
      const payments = (await on(device, () => listPaymentsByAgreement(T + 20 * minute))).get(agreement.id) ?? [];
      expect(payments.map((p) => p.id).sort()).toEqual([onA.id, onB.id].sort());
      const questions = await on(device, () => listSamePaymentQuestions(T + 20 * minute));
      expect(questions.map(([x, y]) => [x.id, y.id].sort())).toEqual([[onA.id, onB.id].sort()]);
    }
    const [[first, second] = []] = await on(a, () => listSamePaymentQuestions(T));
    if (!first || !second) throw new Error('no question');
    await on(a, () => dismissSamePaymentQuestion(first, second, T));
    expect(await on(a, () => listSamePaymentQuestions(T))).toEqual([]);
    // Both payments count on both devices: 100,000 of 123,456 paid, not settled.
    const db = await on(b, () => openDatabase());
    expect((await db.get('agreements', agreement.id))?.settled).toBe(0);
  });

  it('two concurrent edits: the same winner on both, the other listed as a conflict on both, and kept when chosen', async () => {
    const { ctx, a, b } = await twoDevices();
    const saved = await on(a, () => saveAgreement(fields, { now: T }));
    await syncOn(a, ctx, T + minute);
    await syncOn(b, ctx, T + minute);
    await on(a, () => saveAgreement({ ...fields, lender: '网商贷（A改）' }, { id: saved.id, now: T + 5 * minute }));
    await on(b, () => saveAgreement({ ...fields, lender: '网商贷（B改）' }, { id: saved.id, now: T + 3 * minute }));
    for (const device of [a, b, a]) await syncOn(device, ctx, T + 10 * minute);
    for (const device of [a, b]) {
      expect((await on(device, () => getAgreement(saved.id)))?.lender).toBe('网商贷（A改）');
      const conflicts = await on(device, () => listConflicts());
      expect(conflicts.map((c) => [c.store, c.id, (c.current.record as { lender: string }).lender, c.others.map((o) => (o.record as { lender: string }).lender)])).toEqual([
        ['agreements', saved.id, '网商贷（A改）', ['网商贷（B改）']],
      ]);
    }
    const [conflict] = await on(b, () => listConflicts());
    const other = conflict?.others[0];
    if (!other) throw new Error('no conflict');
    expect(await on(b, () => keepVersion('agreements', saved.id, other.rev, T + 20 * minute))).toBe(true);
    expect(await on(b, () => listConflicts())).toEqual([]);
    for (const device of [b, a]) await syncOn(device, ctx, T + 21 * minute);
    for (const device of [a, b]) {
      expect((await on(device, () => getAgreement(saved.id)))?.lender).toBe('网商贷（B改）');
      expect(await on(device, () => listConflicts())).toEqual([]);
    }
  });

  it('an edit against a deletion keeps the record on both devices, flagged', async () => {
    const { ctx, a, b } = await twoDevices();
    const saved = await on(a, () => saveAgreement(fields, { now: T }));
    await syncOn(a, ctx, T + minute);
    await syncOn(b, ctx, T + minute);
    await on(a, () => deleteAgreement(saved.id, T + 9 * minute));
    await on(b, () => saveAgreement({ ...fields, amountFen: 99_999 }, { id: saved.id, now: T + 2 * minute }));
    for (const device of [a, b, a]) await syncOn(device, ctx, T + 10 * minute);
    for (const device of [a, b]) {
      expect((await on(device, () => getAgreement(saved.id)))?.amountFen).toBe(99_999);
      expect((await on(device, () => listRemindersFor(saved.id))).length).toBeGreaterThan(0);
      expect((await on(device, () => listConflicts())).map((c) => [c.id, c.editedWhileDeleted])).toEqual([[saved.id, true]]);
    }
  });

  it('a deletion on A removes the record and its reminders on B', async () => {
    const { ctx, a, b } = await twoDevices();
    const saved = await on(a, () => saveAgreement(fields, { now: T }));
    await syncOn(a, ctx, T + minute);
    await syncOn(b, ctx, T + minute);
    await on(a, () => deleteAgreement(saved.id, T + 2 * minute));
    await syncOn(a, ctx, T + 3 * minute);
    expect(await syncOn(b, ctx, T + 3 * minute)).toMatchObject({ pulled: 1, conflicts: 0 });
    expect(await on(b, () => listAgreements(T))).toEqual([]);
    expect(await on(b, () => listRemindersFor(saved.id))).toEqual([]);
    expect(await syncOn(b, ctx, T + 4 * minute)).toMatchObject({ pushed: 0 });
  });

  it('a note edited on both devices keeps both texts', async () => {
    const { ctx, a, b } = await twoDevices();
    const session = await on(a, () => createSession({ id: 's1', agreementId: null, lender: '借呗', startedAt: T }));
    const note = await on(a, () => addNote({ id: 'n1', sessionId: session.id, at: T, text: '客服说可以延期' }));
    await syncOn(a, ctx, T + minute);
    await syncOn(b, ctx, T + minute);
    await on(a, () => updateNote({ ...note, text: '客服说可以延期三个月' }, T + 3 * minute));
    await on(b, () => updateNote({ ...note, text: '客服说要先还一部分' }, T + 2 * minute));
    for (const device of [a, b, a]) await syncOn(device, ctx, T + 10 * minute);
    for (const device of [a, b]) {
      const [text] = (await on(device, () => listNotes(session.id, T))).map((n) => n.text);
      expect(text).toBe('客服说可以延期三个月\n\n客服说要先还一部分');
      expect(await on(device, () => listConflicts())).toEqual([]);
    }
  });

  it('a reminder marked done on A is not shown again on B', async () => {
    const { ctx, a, b } = await twoDevices();
    const saved = await on(a, () => saveAgreement(fields, { now: T }));
    await syncOn(a, ctx, T + minute);
    await syncOn(b, ctx, T + minute);
    const [first] = await on(a, () => listRemindersFor(saved.id));
    if (!first) throw new Error('no reminder');
    await on(a, () => acknowledgeReminder(first.id, T + 2 * minute));
    expect(await syncOn(a, ctx, T + 3 * minute)).toMatchObject({ pushed: 1 });
    await syncOn(b, ctx, T + 4 * minute);
    const onB = (await on(b, () => listRemindersFor(saved.id))).find((r) => r.id === first.id);
    expect(onB?.pending).toBe(0);
    expect(await syncOn(b, ctx, T + 5 * minute)).toMatchObject({ pushed: 0 });
  });

  it('a reminder snoozed on A before it was ever shown moves on B too, and stays moved when B saves the agreement again', async () => {
    const { ctx, a, b } = await twoDevices();
    const saved = await on(a, () => saveAgreement(fields, { now: T }));
    await syncOn(a, ctx, T + minute);
    await syncOn(b, ctx, T + minute);
    const [first] = await on(a, () => listRemindersFor(saved.id));
    if (!first) throw new Error('no reminder');
    const later = first.fireAt + 3 * 3_600_000;
    await on(a, () => snoozeReminder(first.id, later, T + 2 * minute));
    expect(await syncOn(a, ctx, T + 3 * minute)).toMatchObject({ pushed: 1 });
    await syncOn(b, ctx, T + 4 * minute);
    const moved = (await on(b, () => listRemindersFor(saved.id))).find((r) => r.id === first.id);
    expect(moved).toMatchObject({ pending: 1, notifiedAt: null, fireAt: later });
    await on(b, () => saveAgreement({ ...fields, lender: '网商贷（B改）' }, { id: saved.id, now: T + 5 * minute }));
    expect((await on(b, () => listRemindersFor(saved.id))).find((r) => r.id === first.id)?.fireAt).toBe(later);
    // B sends its edit, and nothing of the reminder: its state came from A.
    expect(await syncOn(b, ctx, T + 6 * minute)).toMatchObject({ pushed: 1 });
    expect((await on(a, () => listRemindersFor(saved.id))).find((r) => r.id === first.id)?.fireAt).toBe(later);
  });

  it('a receipt recorded with a payment on A arrives on B, image and all', async () => {
    const { ctx, a, b } = await twoDevices();
    const agreement = await on(a, () => saveAgreement(fields, { now: T }));
    const image = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], { type: 'image/png' });
    const payment = await on(a, () => recordPayment({ agreementId: agreement.id, amountFen: 1_000, paidOn: '2026-11-21', coverage: 'partial' }, { now: T }, image));
    await syncOn(a, ctx, T + minute);
    expect(ctx.remote.calls.some((call) => call.includes('blobs/'))).toBe(true);
    await syncOn(b, ctx, T + 2 * minute);
    const [receipt] = await on(b, () => listAttachments('payment', payment.id, T));
    expect(receipt?.mimeType).toBe('image/png');
    expect(new Uint8Array(await (receipt?.blob ?? new Blob()).arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
  });

  it('refuses a tampered segment, names it, applies nothing of it, and applies it once it is whole again', async () => {
    const { ctx, a, b } = await twoDevices();
    await on(a, () => saveAgreement(fields, { now: T }));
    await syncOn(a, ctx, T + minute, { tailLimit: 0 });
    const path = segmentPath(a.vaultDevice, 1);
    const original = await ctx.remote.get(path);
    if (!original) throw new Error('no segment');
    const tampered = original.slice();
    tampered[tampered.length - 20] = (tampered[tampered.length - 20] ?? 0) ^ 1;
    await ctx.remote.put(path, tampered);
    const report = await syncOn(b, ctx, T + 2 * minute);
    expect(report.pulled).toBe(0);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'refused', path })]);
    expect(await on(b, () => listAgreements(T))).toEqual([]);
    await ctx.remote.put(path, original);
    expect(await syncOn(b, ctx, T + 3 * minute)).toMatchObject({ pulled: 1, problems: [] });
  });
});

describe('sync between three devices', { timeout: 20_000 }, () => {
  it('changes pass on through any device, and all three end alike', async () => {
    const ctx = await testVaultWithFile();
    const [a, b, c] = [newTestDevice('A'), newTestDevice('B'), newTestDevice('C')];
    const saved = await on(a, () => saveAgreement(fields, { now: T }));
    await syncOn(a, ctx, T + minute);
    await syncOn(b, ctx, T + minute);
    await on(b, () => saveAgreement({ ...fields, lender: '借呗' }, { id: saved.id, now: T + 2 * minute }));
    await on(c, () => saveAgreement({ ...fields, lender: '微粒贷' }, { now: T + 2 * minute }));
    for (let round = 0; round < 2; round += 1) for (const device of [a, b, c]) await syncOn(device, ctx, T + 10 * minute);
    // on() switches databases: one device after another.
    const seen = [];
    for (const device of [a, b, c]) seen.push((await on(device, () => listAgreements(T))).map((x) => [x.id, x.lender]).sort());
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    expect(seen[0]?.map(([, lender]) => lender).sort()).toEqual(['借呗', '微粒贷']);
  });
});

describe('requests for one change', { timeout: 20_000 }, () => {
  it('counts what one edit costs: the device that made it, and the device that receives it', async () => {
    const costs = [];
    for (const tailLimit of [undefined, 0]) {
      const vault = await testVaultWithFile();
      const counting = new FaultyRemote(vault.remote);
      const ctx = { remote: counting, keys: vault.keys };
      const { a, b } = await twoDevices();
      const saved = await on(a, () => saveAgreement(fields, { now: T }));
      for (const device of [a, b, a, b]) await syncOn(device, ctx, T + minute, { tailLimit });
      await on(a, () => saveAgreement({ ...fields, amountFen: 100_000 }, { id: saved.id, now: T + 2 * minute }));
      counting.reset();
      expect(await syncOn(a, ctx, T + 3 * minute, { tailLimit })).toMatchObject({ pushed: 1 });
      const sending = counting.count;
      counting.reset();
      expect(await syncOn(b, ctx, T + 4 * minute, { tailLimit })).toMatchObject({ pulled: 1 });
      const receiving = counting.count;
      counting.reset();
      await syncOn(b, ctx, T + 5 * minute, { tailLimit });
      costs.push({ sending, receiving, nothingNew: counting.count });
      expect((await on(b, () => getAgreement(saved.id)))?.amountFen).toBe(100_000);
    }
    // In the info file's tail: sending, the listing and the info file in place; receiving, the
    // listing and the info file. As a segment file: the segment under a temporary name, the
    // listing (which shows its size), the move to its name, the info file; receiving, the listing,
    // the info file, the segment. Nothing new: the listing. engine.requests.test.ts names each
    // request against a real server.
    expect(costs).toEqual([
      { sending: 2, receiving: 2, nothingNew: 1 },
      { sending: 4, receiving: 3, nothingNew: 1 },
    ]);
  });

  it('an info file cut short: the other device lists instead and gets a segment file; the sender writes it again at its next sync', async () => {
    const vault = await testVaultWithFile();
    const counting = new FaultyRemote(vault.remote);
    const ctx = { remote: counting, keys: vault.keys };
    const { a, b } = await twoDevices();
    const saved = await on(a, () => saveAgreement(fields, { now: T }));
    for (const device of [a, b]) await syncOn(device, ctx, T + minute, { tailLimit: 0 });
    await on(a, () => saveAgreement({ ...fields, amountFen: 100_000 }, { id: saved.id, now: T + 2 * minute }));
    vault.remote.configure({ beforePut: (path, body) => (path === deviceInfoPath(a.vaultDevice) ? { store: body.slice(0, 20) } : undefined) });
    await syncOn(a, ctx, T + 3 * minute, { tailLimit: 0 });
    vault.remote.configure({ beforePut: undefined });
    expect(await syncOn(b, ctx, T + 4 * minute)).toMatchObject({ pulled: 1, problems: [] });
    expect((await on(b, () => getAgreement(saved.id)))?.amountFen).toBe(100_000);
    counting.reset();
    await syncOn(a, ctx, T + 5 * minute, { tailLimit: 0 });
    // The listing showed a size other than was sent: the info file goes again, and only it.
    expect(counting.count).toBe(2);
    expect(await on(b, () => syncOn(b, ctx, T + 6 * minute))).toMatchObject({ pulled: 0, problems: [] });
  });

  it('an info file cut short with a change in its tail: the sender sees it at its next sync and sends the change as a segment file', async () => {
    const vault = await testVaultWithFile();
    const { a, b } = await twoDevices();
    const saved = await on(a, () => saveAgreement(fields, { now: T }));
    for (const device of [a, b]) await syncOn(device, vault, T + minute);
    await on(a, () => saveAgreement({ ...fields, amountFen: 100_000 }, { id: saved.id, now: T + 2 * minute }));
    vault.remote.configure({ beforePut: (path, body) => (path === deviceInfoPath(a.vaultDevice) ? { store: body.slice(0, 20) } : undefined) });
    await syncOn(a, vault, T + 3 * minute);
    vault.remote.configure({ beforePut: undefined });
    // Nothing readable arrived: nothing applied, nothing lost.
    expect(await syncOn(b, vault, T + 4 * minute)).toMatchObject({ pulled: 0 });
    expect((await on(b, () => getAgreement(saved.id)))?.amountFen).toBe(fields.amountFen);
    await syncOn(a, vault, T + 5 * minute);
    // The open segment (the agreement and its edit, never filed yet) is segment 1.
    expect(vault.remote.filePaths()).toContain(segmentPath(a.vaultDevice, 1));
    expect(await syncOn(b, vault, T + 6 * minute)).toMatchObject({ pulled: 1, problems: [] });
    expect((await on(b, () => getAgreement(saved.id)))?.amountFen).toBe(100_000);
  });

  it('an info file the server did not replace hides new segments for an hour at most, and a change in its tail until the sender\'s next sync', async () => {
    for (const tailLimit of [0, undefined]) {
      const vault = await testVaultWithFile();
      const { a, b } = await twoDevices();
      const saved = await on(a, () => saveAgreement(fields, { now: T }));
      for (const device of [a, b]) await syncOn(device, vault, T + minute, { tailLimit });
      await on(a, () => saveAgreement({ ...fields, amountFen: 100_000 }, { id: saved.id, now: T + 2 * minute }));
      const old = await vault.remote.get(deviceInfoPath(a.vaultDevice));
      await syncOn(a, vault, T + 3 * minute, { tailLimit });
      vault.remote.plant(deviceInfoPath(a.vaultDevice), old!);
      expect(await syncOn(b, vault, T + 4 * minute, { tailLimit })).toMatchObject({ pulled: 0 });
      if (tailLimit === undefined) {
        // The change was in the tail of the file the server dropped: it goes again as a segment file.
        await syncOn(a, vault, T + 5 * minute, { tailLimit });
        expect(await syncOn(b, vault, T + 6 * minute, { tailLimit })).toMatchObject({ pulled: 1, problems: [] });
      } else {
        expect(await syncOn(b, vault, T + 62 * minute, { tailLimit })).toMatchObject({ pulled: 1, problems: [] });
      }
      expect((await on(b, () => getAgreement(saved.id)))?.amountFen).toBe(100_000);
    }
  });

  it('an info file the server did not replace, of the same size as the one sent: its other ETag tells the sender that the change in its tail was lost, and the change goes as a segment file', async () => {
    // Sizes listed (the kept file's equal to the one sent, so only the ETag differs), and a server
    // that lists none (only the ETag can tell).
    for (const omitSizes of [false, true]) {
      const vault = await testVaultWithFile({ omitSizes });
      const keeping = new FaultyRemote(vault.remote);
      const ctx = { remote: keeping, keys: vault.keys };
      const { a, b } = await twoDevices();
      const saved = await on(a, () => saveAgreement(fields, { now: T }));
      for (const device of [a, b]) await syncOn(device, ctx, T + minute);
      await on(a, () => saveAgreement({ ...fields, amountFen: 100_000 }, { id: saved.id, now: T + 2 * minute }));
      keeping.keepOld(deviceInfoPath(a.vaultDevice));
      expect(await syncOn(a, ctx, T + 3 * minute)).toMatchObject({ pushed: 1 });
      expect(vault.remote.filePaths()).not.toContain(segmentPath(a.vaultDevice, 1));
      // B sees the info file it read before: nothing new.
      expect(await syncOn(b, ctx, T + 4 * minute)).toMatchObject({ pulled: 0 });
      expect((await on(b, () => getAgreement(saved.id)))?.amountFen).toBe(fields.amountFen);
      await syncOn(a, ctx, T + 5 * minute);
      // The open segment (the agreement and its edit, never filed yet) is segment 1.
      expect(vault.remote.filePaths()).toContain(segmentPath(a.vaultDevice, 1));
      // Well within the hour after which B would list A's folders whatever the info file says.
      expect(await syncOn(b, ctx, T + 6 * minute)).toMatchObject({ pulled: 1, problems: [] });
      expect((await on(b, () => getAgreement(saved.id)))?.amountFen).toBe(100_000);
    }
  });

  it('an info file without a tail that the server did not replace, of the same size as the one sent, is not written again: its segment reaches the other device at its hourly listing', async () => {
    const vault = await testVaultWithFile();
    const keeping = new FaultyRemote(vault.remote);
    const ctx = { remote: keeping, keys: vault.keys };
    const { a, b } = await twoDevices();
    const saved = await on(a, () => saveAgreement(fields, { now: T }));
    for (const device of [a, b]) await syncOn(device, ctx, T + minute, { tailLimit: 0 });
    await on(a, () => saveAgreement({ ...fields, amountFen: 100_000 }, { id: saved.id, now: T + 2 * minute }));
    keeping.keepOld(deviceInfoPath(a.vaultDevice));
    await syncOn(a, ctx, T + 3 * minute, { tailLimit: 0 });
    keeping.reset();
    // The listing alone: the info file is checked by its size (sync.ts, infoOff), since a server
    // that lists another ETag than its PUT gave would otherwise have it written at every sync.
    await syncOn(a, ctx, T + 4 * minute, { tailLimit: 0 });
    expect(keeping.count).toBe(1);
    expect(await syncOn(b, ctx, T + 5 * minute)).toMatchObject({ pulled: 0 });
    expect(await syncOn(b, ctx, T + 62 * minute)).toMatchObject({ pulled: 1, problems: [] });
    expect((await on(b, () => getAgreement(saved.id)))?.amountFen).toBe(100_000);
  });

  it('a segment left beside the vault file by a sync that stopped is removed by the next one, and ignored by the other devices', async () => {
    const vault = await testVaultWithFile();
    const faulty = new FaultyRemote(vault.remote);
    const ctx = { remote: faulty, keys: vault.keys };
    const { a, b } = await twoDevices();
    await syncOn(a, ctx, T);
    await syncOn(b, ctx, T);
    await on(a, () => saveAgreement(fields, { now: T + minute }));
    // The segment's upload reaches the server; the answer is lost (the browser closed).
    faulty.arm(1, 'crash-after');
    await expect(syncOn(a, ctx, T + 2 * minute, { tailLimit: 0 })).rejects.toMatchObject({ kind: 'network' });
    const staged = vault.remote.filePaths().filter((path) => path.startsWith('t-'));
    expect(staged).toHaveLength(1);
    // B sees it in the vault folder's listing: not its own, not read, not a problem.
    expect(await syncOn(b, ctx, T + 3 * minute)).toMatchObject({ pulled: 0, problems: [] });
    expect(vault.remote.filePaths().filter((path) => path.startsWith('t-'))).toEqual(staged);
    expect(await syncOn(a, ctx, T + 4 * minute, { tailLimit: 0 })).toMatchObject({ pushed: 1, problems: [] });
    expect(vault.remote.filePaths().filter((path) => path.startsWith('t-'))).toEqual([]);
    expect(await syncOn(b, ctx, T + 5 * minute)).toMatchObject({ pulled: 1, problems: [] });
  });

  it('the vault file is read only when its ETag changed, and a replaced vault is still refused before anything is written', async () => {
    const vault = await testVaultWithFile();
    const counting = new FaultyRemote(vault.remote);
    const ctx = { remote: counting, keys: vault.keys };
    const { a } = await twoDevices();
    await syncOn(a, ctx, T);
    const other = await testVaultWithFile();
    vault.remote.plant(VAULT_FILE_PATH, (await other.remote.get(VAULT_FILE_PATH))!);
    await on(a, () => saveAgreement(fields, { now: T + minute }));
    const before = vault.remote.filePaths();
    await expect(syncOn(a, ctx, T + 2 * minute)).rejects.toMatchObject({ kind: 'vault-replaced' });
    expect(vault.remote.filePaths()).toEqual(before);
  });
});
