import { describe, expect, it } from 'vitest';
import { localInstant } from '../domain/dates';
import { getAgreement } from './agreements';
import { openDatabase } from './database';
import { deleteAgreement } from './delete-agreements';
import { parseRev } from './hlc';
import { recordPayment, undoPayment } from './payment-writes';
import { saveAgreement } from './save-agreement';
import { addNote, createSession } from './sessions';
import { announceWith, mutate, type Change } from './write';

const NOW = localInstant('2026-11-20', 10);
const fields = { lender: '借呗', kind: 'extension', amountFen: 100_000, dueDate: '2026-12-15' } as const;

/** Records what the write path announces while `run` runs. */
async function announced(run: () => Promise<unknown>): Promise<Change[]> {
  const changes: Change[] = [];
  const previous = announceWith((change) => changes.push(change));
  try {
    await run();
  } finally {
    announceWith(previous);
  }
  return changes;
}

async function revOf(store: 'agreements' | 'payments' | 'sessionNotes', id: string): Promise<string> {
  const row = await (await openDatabase()).get(store, id);
  const rev = row?.rev;
  if (rev === undefined) throw new Error(`${store}/${id} has no stamp`);
  return rev;
}

describe('the write path', () => {
  it('stamps every write with a later stamp of this profile, even when the wall clock stands still or goes back', async () => {
    const a = await saveAgreement(fields, { now: NOW, hour: 9 });
    const first = await revOf('agreements', a.id);
    await saveAgreement({ ...fields, amountFen: 90_000 }, { now: NOW, hour: 9, id: a.id });
    const second = await revOf('agreements', a.id);
    await saveAgreement({ ...fields, amountFen: 80_000 }, { now: NOW - 3_600_000, hour: 9, id: a.id });
    const third = await revOf('agreements', a.id);
    expect(second > first).toBe(true);
    expect(third > second).toBe(true);
    const device = parseRev(first)?.device;
    expect(device).toMatch(/^[0-9a-f]{16}$/);
    expect(parseRev(third)?.device).toBe(device);
    expect(parseRev(first)?.wall).toBe(NOW);
  });

  it('leaves a tombstone for each record a deletion removes', async () => {
    const a = await saveAgreement(fields, { now: NOW, hour: 9 });
    const payment = await recordPayment({ agreementId: a.id, amountFen: 10_000, paidOn: '2026-11-20', coverage: 'partial' }, { now: NOW, hour: 9 });
    await deleteAgreement(a.id, NOW + 1_000);
    const tombstones = await (await openDatabase()).getAll('tombstones');
    expect(tombstones.map((t) => t.key).sort()).toEqual([`agreements/${a.id}`, `payments/${payment.id}`]);
    for (const tombstone of tombstones) expect(parseRev(tombstone.rev)?.wall).toBe(NOW + 1_000);
    expect(await getAgreement(a.id)).toBeUndefined();
  });

  it('announces each change once, after it committed, with the stores it touched', async () => {
    let a: { id: string } | undefined;
    const changes = await announced(async () => {
      a = await saveAgreement(fields, { now: NOW, hour: 9 });
      const payment = await recordPayment({ agreementId: a.id, amountFen: 10_000, paidOn: '2026-11-20', coverage: 'partial' }, { now: NOW, hour: 9 });
      await undoPayment(payment.id, { now: NOW, hour: 9 });
      const session = await createSession({ id: 's1', agreementId: a.id, lender: '借呗', startedAt: NOW });
      await addNote({ id: 'n1', sessionId: session.id, at: NOW, text: '客服说可以分 6 期' });
    });
    expect(changes.map((c) => c.mutation)).toEqual(['save-agreement', 'record-payment', 'undo-payment', 'create-session', 'add-note']);
    expect(changes[0]?.stores).toEqual(['agreements', 'reminders', 'payments']);
    expect(changes[4]?.stores).toEqual(['sessionNotes']);
  });

  it('announces nothing, and writes nothing, when a change fails', async () => {
    const a = await saveAgreement(fields, { now: NOW, hour: 9 });
    const before = await revOf('agreements', a.id);
    const changes = await announced(async () => {
      const failing = mutate({
        name: 'failing',
        stores: ['agreements'],
        now: NOW + 5_000,
        prepare: async () => (await import('./schema')).agreementCodec.seal({ ...(await getAgreement(a.id)), amountFen: 1 }, NOW + 5_000),
        write: async (writer, row) => {
          await writer.put('agreements', row);
          throw new Error('the disk is full');
        },
      });
      await expect(failing).rejects.toThrow('the disk is full');
    });
    expect(changes).toEqual([]);
    expect(await revOf('agreements', a.id)).toBe(before);
    expect((await getAgreement(a.id))?.amountFen).toBe(100_000);
  });

  it('refuses a record its codec does not accept before anything is written', async () => {
    const changes = await announced(async () => {
      await expect(saveAgreement({ ...fields, amountFen: -5 }, { now: NOW, hour: 9 })).rejects.toThrow();
    });
    expect(changes).toEqual([]);
    expect(await (await openDatabase()).count('agreements')).toBe(0);
  });
});

describe('a closing page\u2019s last save', () => {
  it('is put and committed before anything is awaited, stamped after what this page stamped before', async () => {
    const session = await createSession({ id: 's1', agreementId: null, lender: '借呗', startedAt: NOW });
    const before = await (await openDatabase()).get('sessions', session.id);
    const { saveSession } = await import('./sessions');
    // The clock stands still: the counter keeps the stamps apart.
    await saveSession({ ...session, draft: '我想分 12 期' }, NOW);
    const after = await (await openDatabase()).get('sessions', session.id);
    expect(String(after?.rev) > String(before?.rev)).toBe(true);
    expect(parseRev(after?.rev)?.device).toBe(parseRev(before?.rev)?.device);
  });
});
