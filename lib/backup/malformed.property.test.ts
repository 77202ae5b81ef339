import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addAttachment } from '../db/attachments';
import { openDatabase } from '../db/database';
import { DB_VERSION } from '../db/migrations';
import { recordPayment } from '../db/payment-writes';
import { saveAgreement } from '../db/save-agreement';
import { exportBackup, serialiseBackup } from './export';
import { BACKUP_FORMAT_VERSION, BackupError, sealBackup, type BackupDocument } from './format';
import { importBackup } from './import';
import { dumpContent, dumpDatabase } from './test-support';

const NOW = Date.parse('2026-11-20T10:00:00+08:00');
type Row = Record<string, unknown>;

async function seed(): Promise<BackupDocument> {
  const plan = { now: NOW, hour: 9 };
  const a = await saveAgreement({ lender: '借呗', kind: 'extension', amountFen: 123_456, dueDate: '2026-12-15' }, plan);
  await saveAgreement({ lender: 'Lender B', kind: 'installment', amountFen: 50_000, dueDate: '2027-01-10' }, plan);
  await recordPayment({ agreementId: a.id, amountFen: 20_000, paidOn: '2026-11-20', coverage: 'partial' }, plan);
  const db = await openDatabase();
  await db.put('notes', { id: a.id, text: '客服工号 A123', updatedAt: NOW });
  // A screenshot, so every generator can also damage a record holding a Blob.
  const bytes = new Uint8Array(600).map((_, i) => (i * 13) % 256);
  await addAttachment({ ownerType: 'session', ownerId: 's1', kind: 'screenshot', blob: new Blob([bytes], { type: 'image/png' }), url: 'https://lender.example/chat', capturedAt: NOW });
  return exportBackup(NOW);
}

const clone = <T,>(value: T): T => structuredClone(value);
const body = (doc: BackupDocument) => ({ format: doc.format, formatVersion: doc.formatVersion, schemaVersion: doc.schemaVersion, exportedAt: doc.exportedAt, stores: doc.stores });
const resealed = async (doc: BackupDocument, stores: Record<string, unknown[]>) => JSON.stringify(await sealBackup({ ...body(doc), stores }));

/** A value whose JSON type differs from the original's, so no schema field can accept both. */
function wrongTypeFor(original: unknown): fc.Arbitrary<unknown> {
  const all: [string, fc.Arbitrary<unknown>][] = [
    ['string', fc.string()],
    ['number', fc.double({ noNaN: true, noDefaultInfinity: true })],
    ['boolean', fc.boolean()],
    ['array', fc.array(fc.integer(), { maxLength: 3 })],
    ['object', fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }), fc.integer(), { minKeys: 1, maxKeys: 2 })],
  ];
  const kind = Array.isArray(original) ? 'array' : original === null ? 'null' : typeof original;
  return fc.oneof(...all.filter(([k]) => k !== kind).map(([, arb]) => arb));
}

/** Each generator yields the text of a file that must be refused, given a valid backup. */
function malformedFiles(doc: BackupDocument): fc.Arbitrary<Promise<string>> {
  const text = serialiseBackup(doc);
  const stores = Object.entries(doc.stores).filter(([, rows]) => rows.length > 0);

  const truncated = fc.nat({ max: text.length - 2 }).map(async (length) => text.slice(0, length));

  const wrongType = fc
    .constantFrom(...stores)
    .chain(([store, rows]) =>
      fc.nat({ max: rows.length - 1 }).chain((index) => {
        const row = rows[index] as Row;
        return fc.constantFrom(...Object.keys(row)).chain((field) => wrongTypeFor(row[field]).map((value) => ({ store, index, field, value })));
      }),
    )
    .map(async ({ store, index, field, value }) => {
      const next = clone(doc.stores);
      (next[store]![index] as Row)[field] = value;
      return resealed(doc, next);
    });

  const wrongVersion = fc
    .record({
      field: fc.constantFrom('formatVersion', 'schemaVersion'),
      value: fc.oneof(
        fc.integer({ min: 1, max: 1000 }).map((n) => n + Math.max(BACKUP_FORMAT_VERSION, DB_VERSION)),
        fc.integer({ min: -5, max: 0 }),
        fc.double({ min: 0.1, max: 0.9 }),
        fc.string(),
        fc.constant(null),
      ),
      reseal: fc.boolean(),
    })
    .map(async ({ field, value, reseal }) => {
      const next = { ...body(doc), [field]: value };
      return JSON.stringify(reseal ? await sealBackup(next) : { ...next, checksum: doc.checksum });
    });

  const duplicateId = fc
    .constantFrom(...stores)
    .chain(([store, rows]) => fc.tuple(fc.constant(store), fc.nat({ max: rows.length - 1 }), fc.nat({ max: rows.length })))
    .map(async ([store, from, at]) => {
      const next = clone(doc.stores);
      const rows = next[store]!;
      rows.splice(at, 0, clone(rows[from]));
      return resealed(doc, next);
    });

  const hugeString = fc
    .record({
      target: fc.constantFrom(['agreements', 'lender', 61], ['notes', 'text', 200_001], ['agreements', 'id', 257], ['payments', 'id', 257], ['attachments', 'url', 8_193], ['attachments', 'mimeType', 1]),
      extra: fc.nat({ max: 2_000_000 }),
      char: fc.constantFrom('a', '借', ' ', '"'),
    })
    .map(async ({ target: [store, field, min], extra, char }) => {
      const next = clone(doc.stores);
      (next[store as string]![0] as Row)[field as string] = `x${char.repeat((min as number) + extra)}x`;
      return resealed(doc, next);
    });

  const wrongChecksum = fc
    .oneof(
      fc.tuple(fc.nat({ max: 63 }), fc.constantFrom(...'0123456789abcdef'.split(''))).map(([at, hex]) => {
        const flipped = doc.checksum[at] === hex ? (hex === '0' ? '1' : '0') : hex;
        return { ...doc, checksum: doc.checksum.slice(0, at) + flipped + doc.checksum.slice(at + 1) };
      }),
      fc.integer({ min: 1, max: 1000 }).map((delta) => {
        const next = clone(doc);
        (next.stores.agreements![0] as Row).amountFen = ((next.stores.agreements![0] as Row).amountFen as number) + delta;
        return next;
      }),
      fc.string().map((checksum) => ({ ...doc, checksum })),
    )
    .map(async (next) => JSON.stringify(next));

  const unknownStore = fc
    .string({ minLength: 1, maxLength: 12 })
    .filter((name) => !Object.hasOwn(doc.stores, name))
    .map(async (name) => resealed(doc, { ...doc.stores, [name]: [] }));

  const notABackup = fc.json().map(async (json) => json);

  return fc.oneof(truncated, wrongType, wrongVersion, duplicateId, hugeString, wrongChecksum, unknownStore, notABackup);
}

describe('importing a malformed backup', () => {
  it('refuses each of 250 generated bad files and leaves the database byte-for-byte unchanged', async () => {
    const doc = await seed();
    // Every store has a record to damage, the screenshot (a Blob) included.
    expect(doc.stores.attachments).toHaveLength(1);
    const before = await dumpDatabase();
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(malformedFiles(doc), fc.constantFrom('replace' as const, 'merge' as const), async (file, mode) => {
        const text = await file;
        await expect(importBackup(text, mode)).rejects.toBeInstanceOf(BackupError);
        expect(await dumpDatabase()).toBe(before);
        refused += 1;
      }),
      { numRuns: 250 },
    );
    expect(refused).toBe(250);
    // And the pristine file still imports: the refusals above were about the damage, not the data.
    const content = await dumpContent();
    await expect(importBackup(serialiseBackup(doc), 'replace')).resolves.toBeDefined();
    expect(await dumpContent()).toBe(content);
  }, 120_000);
});
