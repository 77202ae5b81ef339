import { openDatabase } from '../db/database';
import { encodeBlobs } from './blobs';
import { canonicalJson } from './canonical';

/** Every store's records, Blobs included, as one string: two equal dumps mean byte-identical data. */
export async function dumpDatabase(): Promise<string> {
  const db = await openDatabase();
  const names = [...db.objectStoreNames].sort();
  const tx = db.transaction(names, 'readonly');
  const rows = await Promise.all(names.map((name) => tx.objectStore(name).getAll()));
  await tx.done;
  const encoded = await Promise.all(names.map(async (name, i): Promise<[string, unknown]> => [name, await encodeBlobs(rows[i])]));
  const dump = { version: db.version, stores: Object.fromEntries(encoded) };
  return canonicalJson(dump);
}

