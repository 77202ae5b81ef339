import * as z from 'zod/mini';
import { base64Field, envelopeSchema } from './envelope';
import { keyHeaderSchema } from './passphrase-key';

/**
 * What the at-rest lock stores (docs/lock-design.md), checked in full where it is written and
 * unlocked (lib/lock/actions.ts). The rules over it (off, locked, unlocked, auto-lock) are in
 * lock-rules.ts, re-exported here:
 *
 * - Off: no passphrase; records are stored in plaintext.
 * - Locked: a passphrase is set and no key is held (browser restarted, auto-lock, "lock now").
 * - Unlocked: the key is in storage.session (memory only, gone when the browser closes) until the
 *   idle deadline, `autoLockMinutes` after the last activity.
 */

/** storage.local: present once the user turned the lock on. */
export const lockSettingsSchema = z.object({
  v: z.literal(1),
  /** The passphrase's key parameters and check value: the passphrase itself is never stored. */
  key: keyHeaderSchema,
  /**
   * The random AES key that seals the records, sealed with the passphrase's key: a new passphrase
   * re-seals these 32 bytes, not every record.
   */
  dataKey: envelopeSchema,
  autoLockMinutes: z.int().check(z.gte(1), z.lte(24 * 60)),
  /**
   * Set while the records are being converted (lock turned on, or being turned off): some rows may
   * still be plaintext. Reads accept both; the next unlock finishes the conversion (lib/lock/convert.ts).
   */
  converting: z.optional(z.literal(true)),
});
export type LockSettings = z.infer<typeof lockSettingsSchema>;

/** storage.session while unlocked: the raw data key, and when the user was last active. */
export const unlockedSessionSchema = z.object({
  v: z.literal(1),
  rawKey: base64Field({ bytes: 32 }),
  unlockedAt: z.int().check(z.nonnegative()),
  lastActivityAt: z.int().check(z.nonnegative()),
});
export type UnlockedSession = z.infer<typeof unlockedSessionSchema>;

// The rules read by the background and every page live apart, without zod (lock-rules.ts).
export * from './lock-rules';

/**
 * What the data key's envelope is bound to (its associated data): an envelope moved into another
 * place does not open. Envelopes sealed before it existed (none) still open, and are sealed again
 * with it at the next unlock (lib/lock/actions.ts).
 */
export const DATA_KEY_AAD = 'repay-companion/lock/data-key/v1';
