import { describe, expect, it, vi } from 'vitest';
import { putRawRow } from '../db/test-support';
import { openDatabase } from '../db/database';
import { openWith, sealWith } from '../db/sealing-core';
import { SEALED_STORES } from '../db/rows';
import { resealAll } from './convert';
import { unlockedForTest } from '../keys/test-support';

/** resealAll on its own: rows written raw, read back raw (the app's reads are covered in actions.test.ts). */

const NOW = Date.parse('2026-11-22T09:00:00+08:00');
const agreement = (id: string, amountFen: number) => ({ id, lender: `Lender ${id}`, kind: 'extension', amountFen, dueDate: '2026-12-15', createdAt: NOW, updatedAt: NOW });
const payment = (id: string, agreementId: string, amountFen: number) => ({
  id,
  agreementId,
  dueDate: '2026-12-15',
  paidOn: '2026-11-20',
  amountFen,
  coverage: 'partial',
  recordedAt: NOW,
});

type Row = Record<string, unknown>;

async function put(store: (typeof SEALED_STORES)[number], row: Row) {
  await putRawRow(store, row);
}

async function raw(store: (typeof SEALED_STORES)[number]): Promise<Row[]> {
  const db = await openDatabase();
  const rows: unknown[] = await db.getAll(store);
  return rows as Row[];
}

describe('resealAll', () => {
  it('seals plaintext and mixed rows with the key, keeps rows already sealed with it, and sets settled from the payments', async () => {
    const key = await unlockedForTest();
    await put('agreements', agreement('a', 10_000));
    await put('agreements', agreement('b', 5_000));
    await put('payments', payment('p1', 'a', 4_000));
    // Already sealed (a window that wrote after the lock went on): its envelope is kept as it is.
    const sealedPayment = await sealWith(key, 'payments', payment('p2', 'b', 5_000));
    await put('payments', sealedPayment);
    await put('notes', { id: 'a', text: 'secret note', updatedAt: NOW });

    await resealAll(key, key);

    const agreements = await raw('agreements');
    for (const row of [...agreements, ...(await raw('payments')), ...(await raw('notes'))]) expect(row).toHaveProperty('sealed');
    expect(Object.fromEntries(agreements.map((row) => [row.id, row.settled]))).toEqual({ a: 0, b: 1 });
    expect((await raw('payments')).find((row) => row.id === 'p2')).toEqual(sealedPayment);
    expect(JSON.stringify(await raw('notes'))).not.toContain('secret note');
    expect(await openWith(key, 'agreements', agreements.find((row) => row.id === 'a'))).toEqual({ ...agreement('a', 10_000), settled: 0 });
  });

  it('writes nothing the second time: rows already in the target form are left alone', async () => {
    const key = await unlockedForTest();
    await put('agreements', agreement('a', 10_000));
    await put('payments', payment('p1', 'a', 4_000));
    await resealAll(key, key);
    const puts = vi.spyOn(IDBObjectStore.prototype, 'put');
    await resealAll(key, key);
    await resealAll(null, key);
    // The two rows, opened; and the popup's view marked out of date (the meta store), as after any change to them.
    expect((puts.mock.contexts as IDBObjectStore[]).map((store) => store.name).sort()).toEqual(['agreements', 'meta', 'payments']);
    puts.mockClear();
    await resealAll(null, key);
    expect(puts).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });

  it('turns everything back into plaintext with no key, the settled flag kept', async () => {
    const key = await unlockedForTest();
    await put('agreements', await sealWith(key, 'agreements', agreement('a', 10_000)));
    await put('payments', await sealWith(key, 'payments', payment('p1', 'a', 10_000)));
    await put('notes', { id: 'plain', text: 'already plain', updatedAt: NOW });

    await resealAll(null, key);

    expect(await raw('agreements')).toEqual([{ ...agreement('a', 10_000), settled: 1 }]);
    expect(await raw('payments')).toEqual([payment('p1', 'a', 10_000)]);
    expect(await raw('notes')).toEqual([{ id: 'plain', text: 'already plain', updatedAt: NOW }]);
  });

  it('keeps an image byte for byte through sealing and back', async () => {
    const key = await unlockedForTest();
    const bytes = new Uint8Array(4_000).map((_, i) => (i * 13) % 256);
    const shot = { id: 'shot', ownerType: 'session', ownerId: 's1', kind: 'screenshot', blob: new Blob([bytes], { type: 'image/png' }), mimeType: 'image/png', byteLength: bytes.length, capturedAt: NOW };
    await put('attachments', shot);
    await resealAll(key, key);
    const [sealed] = await raw('attachments');
    expect(sealed).not.toHaveProperty('blob');
    expect(sealed).toHaveProperty('sealedBlob');
    await resealAll(null, key);
    const [back] = await raw('attachments');
    expect(back?.blob).toBeInstanceOf(Blob);
    expect(new Uint8Array(await (back!.blob as Blob).arrayBuffer())).toEqual(bytes);
  });

  it('leaves a row that does not open exactly as stored, and converts the rest', async () => {
    const key = await unlockedForTest();
    const sealed = await sealWith(key, 'notes', { id: 'n1', text: 'x', updatedAt: NOW });
    // The envelope moved onto another record: its associated data no longer matches.
    const moved = { ...sealed, id: 'n2' };
    await put('notes', moved);
    await put('notes', { id: 'n3', text: 'plain', updatedAt: NOW });
    await resealAll(null, key);
    expect(await raw('notes')).toEqual([moved, { id: 'n3', text: 'plain', updatedAt: NOW }]);
  });
});
