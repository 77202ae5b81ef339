import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { base64ToBytes, bytesToBase64 } from '../crypto/bytes';
import { removeHostPermission } from '../browser/host-permission';
import { openFromStorage, sealForStorage } from '../keys/sealed-storage';
import { LockedError } from '../keys/state';
import { SYNC_STATUS_KEY } from './status';
import { SYNC_KEY_BYTES, VAULT_ID_PATTERN } from './vault/keys';
import type { VaultInput, VaultLocation } from './presets';

/**
 * This profile's sync account: where the vault is, how to sign in, which vault and which device
 * this is. Kept in storage.local, never in IndexedDB:
 * - it is this browser profile's own set-up, not the user's records: backups (which read the
 *   database) never carry the server's password, and a backup restored on another computer does
 *   not make that computer claim this one's device id;
 * - the background reads it on every wake without opening the database, and it is gone with one
 *   call when sync is turned off, the records untouched.
 *
 * Two entries: `syncAccount` (the address, the user name, the vault and device ids, the device's
 * name) in plaintext, so the options page can show where sync goes even while locked; and
 * `syncSecret` (the server password, the vault's sync key), which is sealed with the lock's key
 * when the lock is on (lib/keys/sealed-storage.ts, re-sealed with the records when the lock turns
 * on or off: lib/lock/convert.ts). While locked the secret cannot be read, and sync waits.
 */

export const SYNC_ACCOUNT_KEY = 'syncAccount';
export const SYNC_SECRET_KEY = 'syncSecret';

const hex32 = z.string().check(z.regex(VAULT_ID_PATTERN));

const inputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('jianguoyun'), folder: z.string() }),
  z.object({ kind: z.literal('nextcloud'), server: z.string(), user: z.string(), folder: z.string() }),
  z.object({ kind: z.literal('webdav'), url: z.string() }),
]);

const budgetSchema = z.object({ requests: z.int().check(z.positive()), windowMs: z.int().check(z.positive()) });

const locationSchema = z.object({
  kind: z.enum(['jianguoyun', 'nextcloud', 'webdav']),
  folderUrl: z.string().check(z.minLength(1)),
  origin: z.string().check(z.minLength(1)),
  permissionPattern: z.string().check(z.minLength(1)),
  appPassword: z.enum(['required', 'advised', 'no']),
  listingPageSize: z.optional(z.int().check(z.positive())),
  budget: z.optional(budgetSchema),
});

const accountSchema = z.object({
  v: z.literal(1),
  input: inputSchema,
  location: locationSchema,
  username: z.string(),
  vaultId: hex32,
  /** This device's folder in the vault (d/<deviceId>/): 32 hex digits, made when it joined. */
  deviceId: hex32,
  deviceName: z.string().check(z.maxLength(200)),
  joinedAt: z.int().check(z.nonnegative()),
});

const secretSchema = z.object({
  password: z.string(),
  rawSyncKey: z.string().check(z.refine((value) => base64ToBytes(value)?.length === SYNC_KEY_BYTES, { message: 'not a sync key' })),
});

export type AccountPlace = z.infer<typeof accountSchema>;

/** Everything sync needs, the secrets opened. */
export interface SyncAccount {
  readonly input: VaultInput;
  readonly location: VaultLocation;
  readonly username: string;
  readonly password: string;
  readonly vaultId: string;
  readonly deviceId: string;
  readonly deviceName: string;
  readonly rawSyncKey: Uint8Array;
  readonly joinedAt: number;
}

export type LoadedAccount =
  | { readonly kind: 'none' }
  /** Set up, but the lock is on and no key is held: where it goes is known, the secrets are not. */
  | { readonly kind: 'locked'; readonly place: AccountPlace }
  | { readonly kind: 'ready'; readonly account: SyncAccount }
  /** Stored values that do not read back (edited by hand, or sealed with a key no longer held). */
  | { readonly kind: 'damaged' };

/** Stores the account, the secrets sealed when the lock is on. Throws LockedError while locked: nothing is written then. */
export async function saveAccount(account: SyncAccount): Promise<void> {
  const place: AccountPlace = {
    v: 1,
    input: account.input,
    location: { ...account.location },
    username: account.username,
    vaultId: account.vaultId,
    deviceId: account.deviceId,
    deviceName: account.deviceName,
    joinedAt: account.joinedAt,
  };
  const checked = accountSchema.parse(place);
  const secret = secretSchema.parse({ password: account.password, rawSyncKey: bytesToBase64(account.rawSyncKey) });
  // Sealed before anything is written, so a refusal (locked) leaves storage as it was.
  const sealed = await sealForStorage(SYNC_SECRET_KEY, secret);
  await browser.storage.local.set({ [SYNC_ACCOUNT_KEY]: checked, [SYNC_SECRET_KEY]: sealed });
}

/** The account as stored, with its secrets when they can be opened now. */
export async function loadAccount(): Promise<LoadedAccount> {
  const stored = await browser.storage.local.get([SYNC_ACCOUNT_KEY, SYNC_SECRET_KEY]);
  if (stored[SYNC_ACCOUNT_KEY] === undefined) return { kind: 'none' };
  const place = accountSchema.safeParse(stored[SYNC_ACCOUNT_KEY]);
  if (!place.success) return { kind: 'damaged' };
  let opened: unknown;
  try {
    opened = await openFromStorage(SYNC_SECRET_KEY, stored[SYNC_SECRET_KEY]);
  } catch (error) {
    if (error instanceof LockedError) return { kind: 'locked', place: place.data };
    throw error;
  }
  const secret = secretSchema.safeParse(opened);
  const rawSyncKey = secret.success ? base64ToBytes(secret.data.rawSyncKey) : null;
  if (!secret.success || rawSyncKey === null) return { kind: 'damaged' };
  const { input, location, username, vaultId, deviceId, deviceName, joinedAt } = place.data;
  return { kind: 'ready', account: { input, location, username, vaultId, deviceId, deviceName, joinedAt, password: secret.data.password, rawSyncKey } };
}

/** Only the place (no secrets): what the options page shows, locked or not. */
export async function loadAccountPlace(): Promise<AccountPlace | null> {
  const stored = await browser.storage.local.get(SYNC_ACCOUNT_KEY);
  const place = accountSchema.safeParse(stored[SYNC_ACCOUNT_KEY]);
  return place.success ? place.data : null;
}

/** The requests sent to a server with a budget (坚果云), kept between wake-ups of the worker. */
export const SYNC_BUDGET_KEY = 'syncBudget';

/** The names of the vault's other devices, read for the conflicts list (lib/sync/device-names.ts). */
export const SYNC_DEVICE_NAMES_KEY = 'syncDeviceNames';

/** Keys that belong to sync and go with the account (the status, the request budget and the other devices' names live beside it). */
export const SYNC_STORAGE_KEYS = [SYNC_ACCOUNT_KEY, SYNC_SECRET_KEY, SYNC_STATUS_KEY, SYNC_BUDGET_KEY, SYNC_DEVICE_NAMES_KEY] as const;

/**
 * Turns sync off on this device: the account, its secrets, its status and the server's permission
 * go; every record stays as it is, and so does the vault on the server (the other devices keep it).
 */
export async function leaveSync(): Promise<void> {
  const place = await loadAccountPlace();
  await browser.storage.local.remove([...SYNC_STORAGE_KEYS]);
  if (place) {
    // The permission may already be gone (withdrawn in the browser's settings): not an error.
    await removeHostPermission(place.location.permissionPattern).catch(() => false);
  }
}
