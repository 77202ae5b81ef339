import { saveAccount, type SyncAccount } from './account';
import { RemoteError, type RemoteFiles } from './remote';
import { problemOf, type SyncProblem } from './status';
import { VaultError } from './vault/errors';
import { CONTENT_VERSION, type DeviceInfo } from './vault/contents';
import { newVaultId, type VaultKeys } from './vault/keys';
import { listDevices, readDeviceInfo } from './vault/reader';
import { createVault, joinVault, type JoinedVault, type VaultOptions } from './vault/vault-file';
import { writeDeviceInfo } from './vault/writer';
import { createWebDavRemote, type WebDavOptions } from './webdav/client';
import type { VaultInput, VaultLocation } from './presets';

/**
 * Setting sync up from the options page, in the steps the user takes: create a new vault, or open
 * an existing one with its passphrase, see what is in it (its devices, by name, and when each last
 * changed something), and only then join it. The page has been granted the server's origin in the
 * click that started this (lib/browser/host-permission.ts), so its requests are not subject to
 * CORS. Nothing is stored on this device before the step that stores it succeeds.
 */

export interface ServerSignIn {
  readonly input: VaultInput;
  readonly location: VaultLocation;
  readonly username: string;
  readonly password: string;
}

export type SetupProblem = SyncProblem | 'vault-exists' | 'wrong-passphrase' | 'parent-missing';
export type SetupResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: SetupProblem };

export interface SetupOptions {
  /** TEST ONLY: fewer key-derivation iterations (lib/sync/vault/vault-file.ts). */
  readonly vault?: VaultOptions;
  readonly fetch?: typeof fetch;
}

export function remoteFor(signIn: Pick<ServerSignIn, 'location' | 'username' | 'password'>, extra: Pick<WebDavOptions, 'fetch' | 'signal' | 'now' | 'budgetStore'> = {}) {
  const { location } = signIn;
  return createWebDavRemote({
    folderUrl: location.folderUrl,
    username: signIn.username,
    password: signIn.password,
    ...(location.budget ? { budget: location.budget } : {}),
    ...(location.listingPageSize ? { listingPageSize: location.listingPageSize } : {}),
    ...extra,
  });
}

function setupProblemOf(error: unknown): SetupProblem {
  if (error instanceof VaultError && (error.kind === 'vault-exists' || error.kind === 'wrong-passphrase')) return error.kind;
  return problemOf(error);
}

/** The vault folder itself; its parent must exist (we never create folders outside the vault). */
async function makeVaultFolder(remote: RemoteFiles): Promise<SetupProblem | null> {
  try {
    await remote.makeFolder('');
    return null;
  } catch (error) {
    if (error instanceof RemoteError && error.kind === 'conflict') return 'parent-missing';
    throw error;
  }
}

async function announceDevice(remote: RemoteFiles, keys: VaultKeys, deviceId: string, deviceName: string): Promise<void> {
  const info: DeviceInfo = { v: CONTENT_VERSION, kind: 'info', device: deviceId, name: deviceName, lastChangeAt: null, lastSeq: 0 };
  await writeDeviceInfo({ remote, keys }, info);
}

function accountOf(signIn: ServerSignIn, vault: JoinedVault, deviceId: string, deviceName: string, now: number): SyncAccount {
  return {
    input: signIn.input,
    location: signIn.location,
    username: signIn.username,
    password: signIn.password,
    vaultId: vault.keys.vaultId,
    deviceId,
    deviceName,
    rawSyncKey: vault.rawSyncKey,
    joinedAt: now,
  };
}

/**
 * Makes a new vault in the folder (refused when one is there: join it instead), writes this
 * device's name into it, and stores the account.
 */
export async function createSyncVault(
  signIn: ServerSignIn,
  passphrase: string,
  deviceName: string,
  now: number,
  options: SetupOptions = {},
): Promise<SetupResult<SyncAccount>> {
  const remote = remoteFor(signIn, options.fetch ? { fetch: options.fetch } : {});
  try {
    const folderProblem = await makeVaultFolder(remote);
    if (folderProblem) return { ok: false, problem: folderProblem };
    const vault = await createVault(remote, passphrase, options.vault);
    const deviceId = newVaultId();
    await announceDevice(remote, vault.keys, deviceId, deviceName);
    const account = accountOf(signIn, vault, deviceId, deviceName, now);
    await saveAccount(account);
    return { ok: true, value: account };
  } catch (error) {
    return { ok: false, problem: setupProblemOf(error) };
  }
}

export interface FoundDevice {
  readonly id: string;
  /** null: the device has not written its name yet. */
  readonly name: string | null;
  readonly lastChangeAt: number | null;
}

export interface OpenedVault {
  readonly vault: JoinedVault;
  readonly devices: readonly FoundDevice[];
}

/** Opens the vault with its passphrase and lists its devices; nothing is written anywhere. */
export async function openSyncVault(signIn: ServerSignIn, passphrase: string, options: SetupOptions = {}): Promise<SetupResult<OpenedVault>> {
  const remote = remoteFor(signIn, options.fetch ? { fetch: options.fetch } : {});
  try {
    const vault = await joinVault(remote, passphrase, options.vault);
    const ctx = { remote, keys: vault.keys };
    let ids: string[] = [];
    try {
      ids = (await listDevices(ctx)).devices;
    } catch (error) {
      // A vault no device has written to yet has no device folder.
      if (!(error instanceof RemoteError && error.kind === 'not-found')) throw error;
    }
    const devices: FoundDevice[] = [];
    for (const id of ids) {
      const info = await readDeviceInfo(ctx, id);
      devices.push({ id, name: info?.name ?? null, lastChangeAt: info?.lastChangeAt ?? null });
    }
    devices.sort((a, b) => (b.lastChangeAt ?? -1) - (a.lastChangeAt ?? -1));
    return { ok: true, value: { vault, devices } };
  } catch (error) {
    return { ok: false, problem: setupProblemOf(error) };
  }
}

/** Joins the vault opened by `openSyncVault` as a new device of it, and stores the account. */
export async function joinSyncVault(signIn: ServerSignIn, vault: JoinedVault, deviceName: string, now: number, options: SetupOptions = {}): Promise<SetupResult<SyncAccount>> {
  const remote = remoteFor(signIn, options.fetch ? { fetch: options.fetch } : {});
  try {
    const deviceId = newVaultId();
    await announceDevice(remote, vault.keys, deviceId, deviceName);
    const account = accountOf(signIn, vault, deviceId, deviceName, now);
    await saveAccount(account);
    return { ok: true, value: account };
  } catch (error) {
    return { ok: false, problem: setupProblemOf(error) };
  }
}
