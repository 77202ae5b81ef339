import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startWebDavServer, type WebDavTestServer } from '../../../tests/servers/webdav';
import { saveAgreement } from '../../db/save-agreement';
import { localInstant } from '../../domain/dates';
import { createVault } from '../vault/vault-file';
import { FAST, PASSPHRASE } from '../vault/test-support';
import { createWebDavRemote } from '../webdav/client';
import { syncDevice } from './index';
import { newTestDevice, on, type TestDevice } from './test-support';

/**
 * What one change costs in requests, counted by method and path on a real WebDAV server (the npm
 * webdav-server, in its 坚果云 profile): the device that made the change pushes it, the other one
 * pulls it. The engine checks the vault file itself, so this is all a sync asks of the server. Each request costs the user a share of 坚果云's free plan (about 600
 * requests per 30 minutes), so these figures are kept, and a change that adds one must change
 * this test (docs/sync-design.md, "Requests").
 */

const T = localInstant('2026-11-21', 10);
const minute = 60_000;

beforeEach(() => {
  vi.useRealTimers();
});

describe('requests per change against a real WebDAV server', () => {
  let server: WebDavTestServer;
  beforeAll(async () => {
    server = await startWebDavServer({ profile: 'jianguoyun' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('one change: the sending device and the receiving device each make few requests, and say which', async () => {
    const log: string[] = [];
    const folderUrl = `${server.url}repay/vault/`;
    const counting: typeof fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const path = decodeURIComponent(url.pathname).slice(new URL(folderUrl).pathname.length);
      // Device folders and random names are opaque: the test names them by their role.
      log.push(`${init?.method ?? 'GET'} ${path.replace(/[0-9a-f]{32}/g, (id) => (id === a.vaultDevice ? 'A' : id === b.vaultDevice ? 'B' : '<random>'))}`);
      return fetch(input, init);
    };
    const remote = createWebDavRemote({ folderUrl, username: server.username, password: server.password, fetch: counting, listingPageSize: 750 });
    await createWebDavRemote({ folderUrl: `${server.url}repay/`, username: server.username, password: server.password }).makeFolder('');
    await remote.makeFolder('');
    const vault = await createVault(remote, PASSPHRASE, FAST);
    const [a, b] = [newTestDevice('家里的电脑'), newTestDevice('办公室电脑')];
    const sync = async (device: TestDevice, now: number, tailLimit?: number) => {
      log.length = 0;
      const report = await on(device, () => syncDevice({ remote, keys: vault.keys, deviceId: device.vaultDevice, deviceName: device.name, now: () => now, tailLimit }));
      return { report, requests: [...log] };
    };

    // Both devices have synced before: their folders (A's first change went as a segment file), info files and cursors are there.
    const agreement = await on(a, () => saveAgreement({ lender: '借呗', kind: 'settlement', amountFen: 300_000, dueDate: '2026-12-15' }, { now: T }));
    await sync(a, T + minute, 0);
    await sync(b, T + 2 * minute);
    await sync(a, T + 3 * minute);

    await on(a, () => saveAgreement({ lender: '借呗（已协商）', kind: 'settlement', amountFen: 300_000, dueDate: '2026-12-15' }, { id: agreement.id, now: T + 4 * minute }));
    const push = await sync(a, T + 5 * minute);
    expect(push.report).toMatchObject({ pushed: 1, pulled: 0, problems: [] });
    const pull = await sync(b, T + 6 * minute);
    expect(pull.report).toMatchObject({ pushed: 0, pulled: 1, problems: [] });
    const idle = await sync(a, T + 7 * minute);
    expect(idle.report).toMatchObject({ pushed: 0, pulled: 0, problems: [] });

    // Sending: the vault folder's listing (vault file and info files, unchanged but for A's own),
    // then A's info file in place, with the change in its tail.
    expect(push.requests).toEqual(['PROPFIND ', 'PUT info-A']);
    // Receiving: the listing shows A's info file changed; the change is in it.
    expect(pull.requests).toEqual(['PROPFIND ', 'GET info-A']);
    // Nothing new anywhere: the listing alone.
    expect(idle.requests).toEqual(['PROPFIND ']);

    // A change too big for the tail (here: any) goes as a segment file, with what the tail held.
    await on(a, () => saveAgreement({ lender: '借呗（已结清）', kind: 'settlement', amountFen: 300_000, dueDate: '2026-12-15' }, { id: agreement.id, now: T + 8 * minute }));
    const filed = await sync(a, T + 9 * minute, 0);
    expect(filed.report).toMatchObject({ pushed: 1, problems: [] });
    const fetched = await sync(b, T + 10 * minute);
    expect(fetched.report).toMatchObject({ pulled: 1, problems: [] });
    // Sending: the segment under a temporary name beside the vault file; the listing, which shows
    // its size; the segment moved to its name; the info file. Receiving: the listing, the info file,
    // the segment by its name.
    expect(filed.requests).toEqual(['PUT t-A-<random>', 'PROPFIND ', 'MOVE t-A-<random>', 'PUT info-A']);
    expect(fetched.requests).toEqual(['PROPFIND ', 'GET info-A', 'GET d/A/s/000000/0000000002']);
    const hourLater = await sync(b, T + 75 * minute);
    expect(hourLater.report).toMatchObject({ pulled: 0, problems: [] });
    // Hourly, each other device's folders are listed whatever its info file says.
    expect(hourLater.requests).toEqual(['PROPFIND ', 'PROPFIND d/A/c/', 'PROPFIND d/A/s/', 'PROPFIND d/A/s/000000/', 'PROPFIND d/A/c/']);
  }, 30_000);
});
