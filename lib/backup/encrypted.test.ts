import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../crypto/bytes';
import { PBKDF2_ITERATIONS } from '../crypto/passphrase-key';
import { openDatabase } from '../db/database';
import { recordPayment } from '../db/payment-writes';
import { saveAgreement } from '../db/save-agreement';
import { describeDataError } from './describe-error';
import { decryptBackup, encryptBackup, encryptedBackupFileName, readEncryptedBackup, type EncryptedBackup } from './encrypted';
import { exportBackup, serialiseBackup } from './export';
import { BackupError, type BackupProblem } from './format';
import { applyBackup, importBackup, parseBackup, previewImport, type ImportMode } from './import';
import { dumpContent, dumpDatabase } from './test-support';

const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const plan = { now: NOW, hour: 9 };
// Test-only: a low iteration count keeps these tests fast (one test below uses the real count).
const FAST = { unsafeTestIterations: 1_000 };
const PASSPHRASE = '每月十五号 还借呗 1000';

async function seed() {
  const a = await saveAgreement({ lender: '借呗', kind: 'extension', amountFen: 123_456, dueDate: '2026-12-15' }, plan);
  await saveAgreement({ lender: 'Lender B', kind: 'installment', amountFen: 50_000, dueDate: '2027-01-10' }, plan);
  await recordPayment({ agreementId: a.id, amountFen: 20_000, paidOn: '2026-11-20', coverage: 'partial' }, plan);
  const db = await openDatabase();
  await db.put('notes', { id: a.id, text: '客服工号 A123', updatedAt: NOW });
}

async function wipe() {
  const db = await openDatabase();
  const tx = db.transaction([...db.objectStoreNames], 'readwrite');
  await Promise.all([...db.objectStoreNames].map((n) => tx.objectStore(n).clear()));
  await tx.done;
}

/** What the data page does with a chosen file: decrypt a protected one first, then the plain import path. */
async function importFile(text: string, passphrase: string, mode: ImportMode) {
  const encrypted = readEncryptedBackup(text);
  return importBackup(encrypted ? await decryptBackup(encrypted, passphrase, FAST) : text, mode, plan);
}

async function refusal(action: Promise<unknown>): Promise<BackupProblem> {
  const error: unknown = await action.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  return (error as BackupError).problem;
}

const asFile = (text: string) => JSON.parse(text) as EncryptedBackup;

describe('protected (encrypted) backups', () => {
  it('round-trip through the real import: export, encrypt, wipe, decrypt, preview, replace all', async () => {
    await seed();
    // A round trip gives back every record; their stamps are this profile's own and are written anew.
    const before = await dumpContent();
    const text = await encryptBackup(await exportBackup(NOW), PASSPHRASE, FAST);
    // Nothing readable is left in the file.
    for (const secret of ['借呗', 'Lender B', '123456', 'A123', 'agreements', 'amountFen']) expect(text).not.toContain(secret);
    const file = asFile(text);
    expect(file).toMatchObject({ format: 'repay-companion-encrypted-backup', formatVersion: 1, key: { params: { kdf: 'PBKDF2-SHA256', iterations: 1_000 } } });
    expect(base64ToBytes(file.key.params.salt)).toHaveLength(16);
    // Named by the user's own calendar day.
    expect(encryptedBackupFileName(NOW)).toBe(`repay-companion-backup-${format(NOW, 'yyyy-MM-dd')}-protected.json`);

    await wipe();
    expect(await dumpContent()).not.toBe(before);
    const encrypted = readEncryptedBackup(text);
    expect(encrypted).not.toBeNull();
    const parsed = await parseBackup(await decryptBackup(encrypted!, PASSPHRASE, FAST));
    expect((await previewImport(parsed)).agreements).toEqual({ added: 2, changed: 0, unchanged: 0, onlyInDatabase: 0 });
    await applyBackup(parsed, 'replace', plan);
    expect(await dumpContent()).toBe(before);
  });

  it('a wrong passphrase is refused and leaves the database byte-for-byte unchanged; the right one imports', async () => {
    await seed();
    const text = await encryptBackup(await exportBackup(NOW), PASSPHRASE, FAST);
    // The database moves on after the export, so a successful import would change it.
    await saveAgreement({ lender: 'Only here', kind: 'waiver', amountFen: 1, dueDate: '2027-02-01' }, plan);
    const before = await dumpDatabase();
    for (const wrong of ['', 'wrong passphrase!', `${PASSPHRASE} `, PASSPHRASE.slice(0, -1)]) {
      for (const mode of ['replace', 'merge'] as const) {
        expect(await refusal(importFile(text, wrong, mode))).toEqual({ code: 'wrong-passphrase' });
        expect(await dumpDatabase()).toBe(before);
      }
    }
    expect(describeDataError(new BackupError({ code: 'wrong-passphrase' }))).toContain('口令不正确');
    await importFile(text, PASSPHRASE, 'replace');
    expect(await dumpDatabase()).not.toBe(before);
    expect((await (await openDatabase()).getAll('agreements')).map((a) => ('lender' in a ? a.lender : '')).sort()).toEqual(['Lender B', '借呗']);
  });

  it('refuses a changed, truncated, weakened or newer file by name, without touching the database', async () => {
    await seed();
    const text = await encryptBackup(await exportBackup(NOW), PASSPHRASE, FAST);
    const before = await dumpDatabase();
    const file = asFile(text);
    const ct = base64ToBytes(file.payload.ct)!;
    for (const index of [0, Math.floor(ct.length / 2), ct.length - 1]) {
      const flipped = new Uint8Array(ct);
      flipped[index]! ^= 0x80;
      const changed = JSON.stringify({ ...file, payload: { ...file.payload, ct: bytesToBase64(flipped) } });
      expect(await refusal(importFile(changed, PASSPHRASE, 'replace'))).toEqual({ code: 'undecryptable' });
    }
    const otherIv = bytesToBase64(new Uint8Array(12));
    expect(await refusal(importFile(JSON.stringify({ ...file, payload: { ...file.payload, iv: otherIv } }), PASSPHRASE, 'replace'))).toEqual({
      code: 'undecryptable',
    });
    // Another salt or count derives another key: refused at the key check.
    const salt = bytesToBase64(new Uint8Array(16));
    expect(await refusal(importFile(JSON.stringify({ ...file, key: { ...file.key, params: { ...file.key.params, salt } } }), PASSPHRASE, 'merge'))).toEqual({
      code: 'wrong-passphrase',
    });
    // The check value of another file, with this file's payload: the key check fails.
    const other = asFile(await encryptBackup(await exportBackup(NOW), PASSPHRASE, FAST));
    expect(await refusal(importFile(JSON.stringify({ ...file, key: other.key }), PASSPHRASE, 'replace'))).toEqual({ code: 'undecryptable' });
    expect(await refusal(importFile(JSON.stringify({ ...file, formatVersion: 2 }), PASSPHRASE, 'replace'))).toEqual({ code: 'format-too-new', version: 2 });
    expect(await refusal(importFile(JSON.stringify({ ...file, payload: { ...file.payload, iv: 'AAAA' } }), PASSPHRASE, 'replace'))).toEqual({
      code: 'malformed',
      field: 'payload.iv',
    });
    // Truncated: not JSON any more, reported by the plain path as damaged.
    expect(readEncryptedBackup(text.slice(0, text.length / 2))).toBeNull();
    expect(await refusal(importFile(text.slice(0, text.length / 2), PASSPHRASE, 'replace'))).toEqual({ code: 'not-json' });
    // Without the test-only option, this build refuses fewer than the production iterations.
    expect(await refusal(decryptBackup(file, PASSPHRASE))).toEqual({ code: 'malformed', field: 'key.params.iterations' });
    expect(await dumpDatabase()).toBe(before);
  });

  it('plain backups take the plain path, even one whose note quotes the marker', async () => {
    await seed();
    const db = await openDatabase();
    const [agreement] = await db.getAll('agreements');
    await db.put('notes', { id: agreement!.id, text: 'format: "repay-companion-encrypted-backup"', updatedAt: NOW });
    const plain = serialiseBackup(await exportBackup(NOW));
    expect(plain).toContain('repay-companion-encrypted-backup');
    expect(readEncryptedBackup(plain)).toBeNull();
    await expect(importFile(plain, '', 'merge')).resolves.toBeDefined();
  });

  it('a file made by the page records the production iteration count and opens without test options', async () => {
    await seed();
    const text = await encryptBackup(await exportBackup(NOW), PASSPHRASE);
    const file = readEncryptedBackup(text)!;
    expect(file.key.params.iterations).toBe(PBKDF2_ITERATIONS);
    expect((await parseBackup(await decryptBackup(file, PASSPHRASE))).stores.agreements).toHaveLength(2);
  }, 30_000);
});
