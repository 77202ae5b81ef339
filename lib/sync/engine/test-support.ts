import { IDBFactory } from 'fake-indexeddb';
import { closeDatabase } from '../../db/database';
import { forgetRememberedClock } from '../../db/write';
import { newDeviceId } from '../vault/layout';
import type { VaultContext } from '../vault/writer';
import { syncDevice, type SyncReport } from './index';

/**
 * Unit tests only: several devices in one test process. lib/db holds one connection per context
 * (a module-level singleton, as each extension page has one), so each device gets its own
 * IndexedDB (a fake-indexeddb factory of its own) and the test switches between them: the
 * connection and the remembered clock are dropped, and `indexedDB` points at that device's. Each
 * step runs on one device at a time, as separate browser profiles would.
 */
export interface TestDevice {
  readonly name: string;
  readonly vaultDevice: string;
  readonly factory: IDBFactory;
}

let active: TestDevice | null = null;

export function newTestDevice(name: string): TestDevice {
  return { name, vaultDevice: newDeviceId(), factory: new IDBFactory() };
}

/** Runs `step` on `device`'s own database. */
export async function on<T>(device: TestDevice, step: () => Promise<T>): Promise<T> {
  if (active !== device || globalThis.indexedDB !== device.factory) {
    await closeDatabase();
    forgetRememberedClock();
    globalThis.indexedDB = device.factory;
    active = device;
  }
  return step();
}

/** One sync of `device` against the vault, at `now`; `tailLimit: 0` sends every change as a segment file, never in the info file's tail. */
export function syncOn(device: TestDevice, ctx: VaultContext, now: number, options: { tailLimit?: number } = {}): Promise<SyncReport> {
  return on(device, () => syncDevice({ remote: ctx.remote, keys: ctx.keys, deviceId: device.vaultDevice, deviceName: device.name, now: () => now, ...options }));
}
