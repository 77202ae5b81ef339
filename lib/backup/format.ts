import * as z from 'zod/mini';
import { DB_VERSION } from '../db/migrations';
import { canonicalJson, sha256Hex } from './canonical';

/** Identifies our files among any JSON a user might pick. */
export const BACKUP_FORMAT = 'repay-companion-backup';
/** The layout of the file itself (see docs/backup-format.md); bumped only if the envelope changes. */
export const BACKUP_FORMAT_VERSION = 1;
/** Larger files are refused before parsing: no real backup comes near it. */
export const MAX_BACKUP_BYTES = 200 * 1024 * 1024;

/** What the checksum covers: everything in the file but the checksum itself. */
export interface BackupBody {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  /** The database schema version (DB_VERSION) the records were read at. */
  schemaVersion: number;
  /** Epoch milliseconds. */
  exportedAt: number;
  /** Store name → its records in key order, Blobs encoded (see blobs.ts). */
  stores: Record<string, unknown[]>;
}

export interface BackupDocument extends BackupBody {
  /** SHA-256, lowercase hex, of canonicalJson(body). */
  checksum: string;
}

export const backupEnvelopeSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.int().check(z.positive()),
  schemaVersion: z.int().check(z.positive()),
  exportedAt: z.int().check(z.nonnegative()),
  stores: z.record(z.string(), z.array(z.unknown())),
  checksum: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
});

/** Everything an import can find wrong with a file, each with what the user needs to hear. */
export type BackupProblem =
  | { code: 'too-large'; bytes: number }
  | { code: 'not-json' }
  | { code: 'not-backup' }
  | { code: 'format-too-new'; version: number }
  | { code: 'schema-too-new'; version: number }
  | { code: 'malformed'; field: string }
  | { code: 'checksum' }
  | { code: 'unknown-store'; store: string }
  | { code: 'invalid-record'; store: string; index: number; field: string }
  /** A field this version does not know (a newer build's, a typo, `__proto__`): refused rather than dropped. */
  | { code: 'unknown-field'; store: string; index: number; field: string }
  /** A real day outside DAY_RANGE, the days the forms accept and reminders are planned for. */
  | { code: 'day-out-of-range'; store: string; index: number; field: string; day: string }
  /** An installment plan whose periods do not add up to the agreement's amount. */
  | { code: 'plan-does-not-add-up'; store: string; index: number; field: string; sumFen: number; amountFen: number }
  /** No reminders could be planned from this record (checked before anything is written). */
  | { code: 'unplannable'; store: string; index: number; field: string }
  /** Merging: an agreement already in the database cannot be planned, so nothing was written. */
  | { code: 'unplannable-existing'; lender: string }
  | { code: 'duplicate-id'; store: string; id: string }
  // A protected file (encrypted.ts): the passphrase does not open it, or it opens but its content was changed.
  | { code: 'wrong-passphrase' }
  | { code: 'undecryptable' };

export class BackupError extends Error {
  constructor(readonly problem: BackupProblem) {
    super(`Backup refused: ${JSON.stringify(problem)}`);
    this.name = 'BackupError';
  }
}

/** Adds the checksum to a body: the last step of an export, and how tests build valid files. */
export async function sealBackup(body: BackupBody): Promise<BackupDocument> {
  return { ...bodyOf(body), checksum: await checksumOf(body) };
}

/** The checksum of a body's fields as they are: a file's own values (not a schema's copy of them) are checked with it. */
export async function checksumOf(body: Readonly<Record<keyof BackupBody, unknown>>): Promise<string> {
  return sha256Hex(canonicalJson(bodyOf(body)));
}

function bodyOf<T extends Readonly<Record<keyof BackupBody, unknown>>>({ format, formatVersion, schemaVersion, exportedAt, stores }: T): Pick<T, keyof BackupBody> {
  return { format, formatVersion, schemaVersion, exportedAt, stores };
}

export function newBackupBody(stores: Record<string, unknown[]>, exportedAt: number): BackupBody {
  return { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, schemaVersion: DB_VERSION, exportedAt, stores };
}

/** "repay-companion-backup-2026-11-22.json", in the user's local day. */
export function backupFileName(exportedAt: number): string {
  const d = new Date(exportedAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${BACKUP_FORMAT}-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.json`;
}
