import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { hasHostPermission } from '../browser/host-permission';
import { loadAccount, SYNC_BUDGET_KEY, SYNC_DEVICE_NAMES_KEY } from './account';
import { remoteFor } from './setup';
import { vaultKeysFrom } from './vault/keys';
import { readDeviceInfo } from './vault/reader';
import type { VaultContext } from './vault/writer';

/**
 * The names the user gave the other devices of the vault ("家里的笔记本"), for the conflicts list.
 * A name is in that device's info file on the server, sealed with the vault's key; the sync itself
 * never reads it, so the options page reads the ones it needs, once, and keeps them in
 * storage.local with the vault's id (a name never changes once given; another vault's are ignored;
 * they go with the account when sync is turned off).
 * Reading costs one request per device not yet named, counted in the request budget as a sync's
 * requests are. Anything that fails leaves the device unnamed ("another device"), never an error.
 */

const cacheSchema = z.object({ vaultId: z.string(), names: z.record(z.string(), z.string()) });

/** The names in the devices' info files; a device with none is left out; stops at the first failure, keeping what it read. */
export async function readDeviceNames(ctx: VaultContext, devices: readonly string[]): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const device of devices) {
    try {
      const info = await readDeviceInfo(ctx, device);
      if (info) names[device] = info.name;
    } catch (error) {
      console.warn('Device name not read', error);
      break;
    }
  }
  return names;
}

/** Names of the vault devices `devices`, read from the server for those not known yet. */
export async function loadDeviceNames(devices: readonly string[]): Promise<Record<string, string>> {
  const loaded = await loadAccount();
  if (loaded.kind !== 'ready') return {};
  const { account } = loaded;
  const stored = cacheSchema.safeParse((await browser.storage.local.get(SYNC_DEVICE_NAMES_KEY))[SYNC_DEVICE_NAMES_KEY]);
  const known = stored.success && stored.data.vaultId === account.vaultId ? stored.data.names : {};
  const missing = [...new Set(devices)].filter((device) => !Object.hasOwn(known, device));
  if (missing.length === 0 || !(await hasHostPermission(account.location.permissionPattern))) return known;

  const sent: unknown = (await browser.storage.local.get(SYNC_BUDGET_KEY))[SYNC_BUDGET_KEY];
  let budget: readonly number[] = Array.isArray(sent) ? sent.filter((time): time is number => typeof time === 'number' && Number.isFinite(time)) : [];
  const remote = remoteFor(account, { budgetStore: { get: () => budget, set: (next) => void (budget = next) } });
  const keys = await vaultKeysFrom(account.vaultId, account.rawSyncKey);
  const read = await readDeviceNames({ remote, keys }, missing);
  const names = { ...known, ...read };
  await browser.storage.local.set({
    [SYNC_DEVICE_NAMES_KEY]: { vaultId: account.vaultId, names },
    ...(account.location.budget ? { [SYNC_BUDGET_KEY]: [...budget] } : {}),
  });
  return names;
}
