import * as z from 'zod/mini';
import { openDatabase } from '../../db/database';
import type { ReadTx, WriteTx } from '../../db/write';
import { deviceOfRev } from '../merge/version-vector';
import type { Change } from '../vault/contents';
import { parseRow, prefixRange } from './store';

/**
 * Which vault device made a version. A version's stamp names the write path's device id (16 hex
 * digits, one per browser profile, lib/db/hlc.ts); the vault knows devices by another id (32 hex
 * digits, made when the profile joined) and keeps their names in their info files. A device only
 * ever pushes versions stamped by itself, so every change read from a vault device's folder tells
 * which write-path device that vault device is. Kept in the `sync` store as `peer/<write-path id>`,
 * written as changes are applied; the conflicts list uses it to name the device of a version.
 */

const peerSchema = z.object({ writer: z.string(), device: z.string() });

const peerKey = (writer: string) => `peer/${writer}`;

/** Inside the transaction that applies `changes`, read from vault device `device`. */
export async function rememberPeers(tx: WriteTx, device: string, changes: readonly Change[]): Promise<void> {
  const writers = new Set(changes.map((change) => deviceOfRev(change.rev)).filter((writer) => writer !== ''));
  for (const writer of writers) await tx.objectStore('sync').put({ key: peerKey(writer), value: { writer, device } });
}

/** Write-path device id → vault device id, for every device whose changes were applied here. */
export async function readPeers(tx?: ReadTx): Promise<Map<string, string>> {
  const rows = tx ? await tx.objectStore('sync').getAll(prefixRange('peer/')) : await (await openDatabase()).getAll('sync', prefixRange('peer/'));
  const peers = new Map<string, string>();
  for (const row of rows) {
    const peer = parseRow(peerSchema, row);
    if (peer) peers.set(peer.writer, peer.device);
  }
  return peers;
}
