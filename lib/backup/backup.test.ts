import { describe, expect, it } from 'vitest';
import { getAgreement } from '../db/agreements';
import { addAttachment } from '../db/attachments';
import { openDatabase } from '../db/database';
import { DB_VERSION } from '../db/migrations';
import { recordPayment } from '../db/payment-writes';
import { saveAgreement } from '../db/save-agreement';
import { decodeBlobs, encodeBlobs } from './blobs';
import { canonicalJson } from './canonical';
import { exportBackup, serialiseBackup } from './export';
import { BACKUP_FORMAT, BackupError, sealBackup, type BackupProblem } from './format';
import { applyBackup, parseBackup, previewImport } from './import';
import { dumpContent } from './test-support';

const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const plan = { now: NOW, hour: 9 };
/** A screenshot's bytes: every byte value, so any re-encoding shows. */
const SHOT_BYTES = new Uint8Array(3_000).map((_, i) => (i * 7) % 256);

async function seed() {
  const a = await saveAgreement({ lender: '借呗', kind: 'extension', amountFen: 123_456, dueDate: '2026-12-15' }, plan);
  const b = await saveAgreement({ lender: 'Lender B', kind: 'installment', amountFen: 50_000, dueDate: '2027-01-10' }, plan);
  await recordPayment({ agreementId: a.id, amountFen: 20_000, paidOn: '2026-11-20', coverage: 'partial' }, plan);
  const db = await openDatabase();
  await db.put('notes', { id: a.id, text: '客服工号 A123\n"quoted", commas', updatedAt: NOW });
  const shot = await addAttachment({ ownerType: 'session', ownerId: 's1', kind: 'screenshot', blob: new Blob([SHOT_BYTES], { type: 'image/png' }), url: 'https://lender.example/chat', title: '客服', capturedAt: NOW });
  return { a, b, shot };
}

async function refusal(text: string): Promise<BackupProblem> {
  const error: unknown = await parseBackup(text).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  return (error as BackupError).problem;
}

async function wipe() {
  const db = await openDatabase();
  const tx = db.transaction([...db.objectStoreNames], 'readwrite');
  await Promise.all([...db.objectStoreNames].map((n) => tx.objectStore(n).clear()));
  await tx.done;
}

describe('backup export and import', () => {
  it('round-trips every store: export, wipe, replace-all import gives the same database', async () => {
    await seed();
    // A round trip gives back every record; their stamps are this profile's own and are written anew.
    const before = await dumpContent();
    const doc = await exportBackup(NOW);
    expect(doc.format).toBe(BACKUP_FORMAT);
    expect(doc.schemaVersion).toBe(DB_VERSION);
    expect(doc.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.stores.agreements).toHaveLength(2);
    expect(doc.stores.payments).toHaveLength(1);
    expect(doc.stores.reminders?.length).toBeGreaterThan(0);
    expect(doc.stores.attachments).toEqual([expect.objectContaining({ mimeType: 'image/png', byteLength: 3_000, blob: { $blob: { type: 'image/png', base64: expect.any(String) } } })]);

    await wipe();
    expect(await dumpContent()).not.toBe(before);
    const parsed = await parseBackup(serialiseBackup(doc));
    const preview = await previewImport(parsed);
    expect(preview.agreements).toEqual({ added: 2, changed: 0, unchanged: 0, onlyInDatabase: 0 });
    expect(preview.attachments).toEqual({ added: 1, changed: 0, unchanged: 0, onlyInDatabase: 0 });
    await applyBackup(parsed, 'replace', plan);
    expect(await dumpContent()).toBe(before);
    // The screenshot is a Blob again, byte for byte.
    const db = await openDatabase();
    const [restored] = await db.getAll('attachments');
    const image = restored && 'blob' in restored ? restored.blob : undefined;
    expect(image).toBeInstanceOf(Blob);
    expect(new Uint8Array(await image!.arrayBuffer())).toEqual(SHOT_BYTES);
  });

  it('refuses a screenshot whose bytes do not match its recorded size, or that is not an image', async () => {
    await seed();
    const doc = await exportBackup(NOW);
    const body = { format: doc.format, formatVersion: doc.formatVersion, schemaVersion: doc.schemaVersion, exportedAt: doc.exportedAt, stores: doc.stores };
    const [shot] = doc.stores.attachments as Record<string, unknown>[];
    const withShot = async (change: Record<string, unknown>) =>
      JSON.stringify(await sealBackup({ ...body, stores: { ...doc.stores, attachments: [{ ...shot, ...change }] } }));
    expect(await refusal(await withShot({ byteLength: 2_999 }))).toEqual({ code: 'invalid-record', store: 'attachments', index: 0, field: 'byteLength' });
    expect(await refusal(await withShot({ blob: { $blob: { type: 'image/png', base64: '@@@' } } }))).toEqual({ code: 'invalid-record', store: 'attachments', index: 0, field: 'blob' });
    expect(await refusal(await withShot({ blob: 'iVBORw0KGgo=' }))).toEqual({ code: 'invalid-record', store: 'attachments', index: 0, field: 'blob' });
    expect(await refusal(await withShot({ mimeType: 'text/html', blob: { $blob: { type: 'text/html', base64: 'PGI+' } }, byteLength: 3 }))).toEqual({
      code: 'invalid-record',
      store: 'attachments',
      index: 0,
      field: 'mimeType',
    });
  });

  it('the checksum ignores indentation and key order but not values', async () => {
    await seed();
    const doc = await exportBackup(NOW);
    const reordered = JSON.stringify({ checksum: doc.checksum, stores: doc.stores, exportedAt: doc.exportedAt, schemaVersion: doc.schemaVersion, formatVersion: doc.formatVersion, format: doc.format });
    await expect(parseBackup(reordered)).resolves.toBeDefined();
    const tampered = JSON.parse(serialiseBackup(doc)) as { stores: { agreements: { amountFen: number }[] } };
    tampered.stores.agreements[0]!.amountFen += 1;
    expect(await refusal(JSON.stringify(tampered))).toEqual({ code: 'checksum' });
  });

  it('merge previews added / changed / unchanged per store and keeps records the file lacks', async () => {
    const { a, b } = await seed();
    const doc = await exportBackup(NOW);
    const db = await openDatabase();
    await db.delete('agreements', b.id);
    await db.put('agreements', { ...a, lender: '借呗 (edited)' });
    const extra = await saveAgreement({ lender: 'Only here', kind: 'waiver', amountFen: 1, dueDate: '2027-02-01' }, plan);

    const parsed = await parseBackup(serialiseBackup(doc));
    expect((await previewImport(parsed)).agreements).toEqual({ added: 1, changed: 1, unchanged: 0, onlyInDatabase: 1 });
    await applyBackup(parsed, 'merge', plan);
    const ids = (await db.getAll('agreements')).map((r) => r.id).sort();
    expect(ids).toEqual([a.id, b.id, extra.id].sort());
    expect((await getAgreement(a.id))?.lender).toBe('借呗');
    expect((await previewImport(parsed)).agreements).toEqual({ added: 0, changed: 0, unchanged: 2, onlyInDatabase: 1 });

    await applyBackup(parsed, 'replace', plan);
    expect((await db.getAll('agreements')).map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('sets the settled flag the badge reads from the payments, for agreements in the file and, merging, those only in the database', async () => {
    const { a, b } = await seed();
    const doc = await exportBackup(NOW);
    const [partial] = doc.stores.payments as Record<string, unknown>[];
    // The file: b only, plus a payment that pays off a (whose agreement is not in the file).
    const payoff = { ...partial, id: 'payoff', agreementId: a.id, amountFen: 123_456 - 20_000 };
    const file = JSON.stringify(
      await sealBackup({ ...doc, stores: { ...doc.stores, agreements: (doc.stores.agreements as { id: string }[]).filter((r) => r.id === b.id), payments: [partial, payoff] } }),
    );
    const db = await openDatabase();
    const flags = async () => Object.fromEntries((await db.getAll('agreements')).map((row) => [row.id, (row as { settled?: unknown }).settled]));
    await applyBackup(await parseBackup(file), 'merge', plan);
    expect(await flags()).toEqual({ [a.id]: 1, [b.id]: 0 });
    await applyBackup(await parseBackup(serialiseBackup(doc)), 'replace', plan);
    expect(await flags()).toEqual({ [a.id]: 0, [b.id]: 0 });
  });

  it('names what is wrong', async () => {
    await seed();
    const doc = await exportBackup(NOW);
    const body = { format: doc.format, formatVersion: doc.formatVersion, schemaVersion: doc.schemaVersion, exportedAt: doc.exportedAt, stores: doc.stores };
    expect(await refusal('{"format": ')).toEqual({ code: 'not-json' });
    expect(await refusal('[]')).toEqual({ code: 'not-backup' });
    expect(await refusal(JSON.stringify({ ...doc, formatVersion: 2 }))).toEqual({ code: 'format-too-new', version: 2 });
    expect(await refusal(JSON.stringify({ ...doc, schemaVersion: DB_VERSION + 1 }))).toEqual({ code: 'schema-too-new', version: DB_VERSION + 1 });
    expect(await refusal(JSON.stringify({ ...doc, exportedAt: 'yesterday' }))).toEqual({ code: 'malformed', field: 'exportedAt' });
    const sealed = async (stores: Record<string, unknown[]>) => JSON.stringify(await sealBackup({ ...body, stores }));
    expect(await refusal(await sealed({ ...doc.stores, sessions2: [] }))).toEqual({ code: 'unknown-store', store: 'sessions2' });
    const agreements = doc.stores.agreements as Record<string, unknown>[];
    expect(await refusal(await sealed({ ...doc.stores, agreements: [agreements[0], { ...agreements[1], amountFen: '500' }] }))).toEqual({
      code: 'invalid-record',
      store: 'agreements',
      index: 1,
      field: 'amountFen',
    });
    expect(await refusal(await sealed({ ...doc.stores, agreements: [agreements[0], agreements[0]] }))).toEqual({
      code: 'duplicate-id',
      store: 'agreements',
      id: agreements[0]!.id,
    });
  });

  it('accepts an older schema version and a file without some stores', async () => {
    await seed();
    const doc = await exportBackup(NOW);
    const older = Object.fromEntries(Object.entries(doc.stores).filter(([name]) => name !== 'payments'));
    const file = JSON.stringify(await sealBackup({ ...doc, schemaVersion: 1, stores: older }));
    const parsed = await parseBackup(file);
    expect(parsed.stores.payments).toEqual([]);
    expect(parsed.stores.agreements).toHaveLength(2);
  });
});

describe('blobs in records', () => {
  it('encode as base64 and decode to the same bytes and type', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    const record = { id: 'shot', images: [new Blob([bytes], { type: 'image/png' })], nested: { more: new Blob(['hi'], { type: 'text/plain' }) } };
    const encoded = await encodeBlobs(record);
    const text = canonicalJson(encoded);
    expect(text).toContain('"$blob"');
    const decoded = decodeBlobs(JSON.parse(text)) as typeof record;
    expect(decoded.images[0]).toBeInstanceOf(Blob);
    expect(decoded.images[0]!.type).toBe('image/png');
    expect(new Uint8Array(await decoded.images[0]!.arrayBuffer())).toEqual(bytes);
    expect(await decoded.nested.more.text()).toBe('hi');
  });

  it('refuses a tag that is not base64', () => {
    expect(() => decodeBlobs({ a: { $blob: { type: 'image/png', base64: 'not base64!' } } })).toThrow(/a/);
  });
});

describe('a store holding images', () => {
  it('imports Blob values from base64 and checks them with the store schema', async () => {
    const { parseBackupWith } = await import('./import');
    const z = await import('zod/mini');
    const registry = { shots: z.object({ id: z.string(), image: z.instanceof(Blob) }) };
    const bytes = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 255]);
    const stores = { shots: [await encodeBlobs({ id: 's1', image: new Blob([bytes], { type: 'image/png' }) })] };
    const file = JSON.stringify(await sealBackup({ format: BACKUP_FORMAT, formatVersion: 1, schemaVersion: 1, exportedAt: 0, stores }));
    const parsed = await parseBackupWith(file, registry);
    const image = parsed.stores.shots?.[0]?.image;
    expect(image).toBeInstanceOf(Blob);
    expect((image as Blob).type).toBe('image/png');
    expect(new Uint8Array(await (image as Blob).arrayBuffer())).toEqual(bytes);

    // A store of images refuses a record whose image is not a Blob.
    const plain = JSON.stringify(await sealBackup({ format: BACKUP_FORMAT, formatVersion: 1, schemaVersion: 1, exportedAt: 0, stores: { shots: [{ id: 's1', image: 'x' }] } }));
    await expect(parseBackupWith(plain, registry)).rejects.toMatchObject({ problem: { code: 'invalid-record', store: 'shots', index: 0, field: 'image' } });
  });
});
