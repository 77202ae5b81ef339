import * as z from 'zod/mini';
import { envelopeSchema, openText, seal } from '../crypto/envelope';
import { keyHeaderSchema, newPassphraseKey, unlockPassphraseKey, type KeyOptions } from '../crypto/passphrase-key';
import { BackupError, backupFileName, MAX_BACKUP_BYTES, type BackupDocument } from './format';

/**
 * A backup protected with a passphrase (docs/backup-format.md, "Protected backups"): the plain
 * backup JSON sealed with AES-GCM under a key derived from the passphrase, in a small JSON
 * wrapper of its own format. Import decrypts first, and only then runs the plain file through the
 * usual checks, preview and single-transaction apply: no crypto ever runs inside a transaction,
 * and a wrong passphrase is refused at the key check, before anything is read or written.
 */

export const ENCRYPTED_BACKUP_FORMAT = 'repay-companion-encrypted-backup';
/** Bumped if the wrapper changes, including a new key derivation or cipher. */
export const ENCRYPTED_BACKUP_FORMAT_VERSION = 1;
/** The payload is base64 (4/3 of the plain size) plus a small header. */
const MAX_ENCRYPTED_BACKUP_CHARS = Math.ceil((MAX_BACKUP_BYTES * 4) / 3) + 64 * 1024;
/** Binds the payload to its role: a key-check or another envelope cannot be swapped in. */
const PAYLOAD_AAD = 'repay-companion/encrypted-backup/v1';

const encryptedBackupSchema = z.object({
  format: z.literal(ENCRYPTED_BACKUP_FORMAT),
  formatVersion: z.int().check(z.positive()),
  key: keyHeaderSchema,
  payload: envelopeSchema,
});

export type EncryptedBackup = z.infer<typeof encryptedBackupSchema>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const fieldOf = (path: readonly PropertyKey[]) => path.map(String).join('.') || '(root)';

/** "repay-companion-backup-2026-11-22-protected.json": still .json, so the import picker accepts it. */
export function encryptedBackupFileName(exportedAt: number): string {
  return backupFileName(exportedAt).replace(/\.json$/, '-protected.json');
}

/**
 * The file's text, encrypted under a new key (a new salt each time) for this passphrase. The
 * passphrase rule (lib/crypto/passphrase-rule.ts) is the page's to apply before calling this.
 * `options` is for tests only (a low iteration count).
 */
export async function encryptBackup(document: BackupDocument, passphrase: string, options: KeyOptions = {}): Promise<string> {
  const { key, header } = await newPassphraseKey(passphrase, options);
  const file: EncryptedBackup = {
    format: ENCRYPTED_BACKUP_FORMAT,
    formatVersion: ENCRYPTED_BACKUP_FORMAT_VERSION,
    key: header,
    // Compact: nobody reads the inside of a sealed file, and indentation would only make it larger.
    payload: await seal(key, JSON.stringify(document), PAYLOAD_AAD),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * A protected backup's wrapper, checked; null when the text is not one (the plain import path
 * then reports what it is: a plain backup, damaged JSON, or something else). A protected file
 * that is malformed or from a newer build throws a BackupError.
 */
export function readEncryptedBackup(text: string): EncryptedBackup | null {
  // A plain file never carries the marker (short of a note quoting it): skip a second parse of a large backup.
  if (!text.includes(ENCRYPTED_BACKUP_FORMAT)) return null;
  if (text.length > MAX_ENCRYPTED_BACKUP_CHARS) throw new BackupError({ code: 'too-large', bytes: text.length });
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return null;
  }
  if (!isRecord(raw) || raw.format !== ENCRYPTED_BACKUP_FORMAT) return null;
  if (typeof raw.formatVersion === 'number' && raw.formatVersion > ENCRYPTED_BACKUP_FORMAT_VERSION) {
    throw new BackupError({ code: 'format-too-new', version: raw.formatVersion });
  }
  const parsed = encryptedBackupSchema.safeParse(raw);
  if (!parsed.success) throw new BackupError({ code: 'malformed', field: fieldOf(parsed.error.issues[0]?.path ?? []) });
  return parsed.data;
}

/**
 * The plain backup text inside a protected file, for parseBackup. Throws a BackupError:
 * wrong-passphrase (refused at the key check, the payload is not even opened), undecryptable (the
 * key is right but the payload was changed), malformed (e.g. fewer iterations than this build
 * accepts). Takes about a second (the key derivation): show the user it is working.
 */
export async function decryptBackup(file: EncryptedBackup, passphrase: string, options: KeyOptions = {}): Promise<string> {
  const unlocked = await unlockPassphraseKey(passphrase, file.key, options);
  if (!unlocked.ok) {
    if (unlocked.problem === 'wrong-passphrase') throw new BackupError({ code: 'wrong-passphrase' });
    throw new BackupError({ code: 'malformed', field: unlocked.problem === 'too-weak' ? 'key.params.iterations' : 'key' });
  }
  const opened = await openText(unlocked.value, file.payload, PAYLOAD_AAD);
  if (!opened.ok) throw new BackupError(opened.problem === 'failed' ? { code: 'undecryptable' } : { code: 'malformed', field: 'payload' });
  return opened.value;
}
