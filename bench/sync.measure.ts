// Run by bench/sync.mjs through Vitest (for fake-indexeddb and WXT's fake browser, as the unit tests
// have them), never by `npm test`: it times things. Two devices, each with its own IndexedDB, sync
// through the npm webdav-server on 127.0.0.1 in its 坚果云 profile (tests/servers/webdav.ts), with
// the app's own engine, transport and crypto. Writes its figures as JSON to BENCH_SYNC_OUT.
import { writeFileSync } from 'node:fs';
import { it, vi } from 'vitest';
import { startWebDavServer } from '../tests/servers/webdav';
import { saveAgreement } from '../lib/db/save-agreement';
import { addNote, createSession } from '../lib/db/sessions';
import { localInstant } from '../lib/domain/dates';
import { syncDevice } from '../lib/sync/engine';
import { newTestDevice, on, type TestDevice } from '../lib/sync/engine/test-support';
import { createVault } from '../lib/sync/vault/vault-file';
import { FAST, PASSPHRASE } from '../lib/sync/vault/test-support';
import { createWebDavRemote } from '../lib/sync/webdav/client';
import { PRESET_LENDERS } from '../lib/domain/agreement-draft';

const RUNS = Math.max(15, Number(process.env.BENCH_RUNS ?? 15));
const AGREEMENTS = 1_000;
const NOTES_PER_AGREEMENT = 10;
const T = localInstant('2026-11-21', 10);
const minute = 60_000;

it('sync figures', async () => {
  vi.useRealTimers();
  // The jianguoyun profile's page size and its 503s, with a request rate no bench run reaches.
  const server = await startWebDavServer({ profile: 'jianguoyun', jianguoyun: { requestsPerWindow: 1_000_000 } });
  try {
    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests += 1;
      return fetch(input, init);
    };
    await createWebDavRemote({ folderUrl: `${server.url}repay/`, username: server.username, password: server.password }).makeFolder('');
    const vaultRemote = (folder: string) =>
      createWebDavRemote({ folderUrl: `${server.url}repay/${folder}/`, username: server.username, password: server.password, fetch: counting, listingPageSize: 750 });

    async function setUp(folder: string) {
      const remote = vaultRemote(folder);
      await remote.makeFolder('');
      const vault = await createVault(remote, PASSPHRASE, FAST);
      return { remote, keys: vault.keys };
    }
    const timed = async (device: TestDevice, ctx: Awaited<ReturnType<typeof setUp>>, now: number) => {
      requests = 0;
      const started = performance.now();
      const report = await on(device, () => syncDevice({ remote: ctx.remote, keys: ctx.keys, deviceId: device.vaultDevice, deviceName: device.name, now: () => now }));
      return { ms: performance.now() - started, requests, report };
    };

    // One change to the other device.
    const small = await setUp('one-change');
    const [a, b] = [newTestDevice('家里的电脑'), newTestDevice('办公室电脑')];
    const agreement = await on(a, () => saveAgreement({ lender: '借呗', kind: 'settlement', amountFen: 300_000, dueDate: '2026-12-15' }, { now: T }));
    let clock = T + minute;
    for (const device of [a, b, a, b]) await timed(device, small, (clock += minute));
    const oneChange: { sendMs: number; receiveMs: number; totalMs: number; sendRequests: number; receiveRequests: number }[] = [];
    // Each run changes another record (an edit, then a new agreement, in turn), so the changes
    // gather in the info file's tail until it is full and goes as a segment file: the figures
    // include those runs, as a user's day of edits would.
    for (let run = 0; run < RUNS + 2; run += 1) {
      const edit = { lender: '借呗', kind: 'settlement', amountFen: 300_000 + run, dueDate: '2026-12-15' } as const;
      await on(a, () => saveAgreement(edit, run % 2 === 0 ? { id: agreement.id, now: (clock += minute) } : { now: (clock += minute) }));
      const send = await timed(a, small, (clock += minute));
      const receive = await timed(b, small, (clock += minute));
      if (send.report.pushed !== 1 || receive.report.pulled !== 1) throw new Error(`one change did not travel: ${JSON.stringify([send.report, receive.report])}`);
      if (run >= 2) oneChange.push({ sendMs: send.ms, receiveMs: receive.ms, totalMs: send.ms + receive.ms, sendRequests: send.requests, receiveRequests: receive.requests });
    }

    // The first sync of 1,000 agreements and 10,000 notes.
    const big = await setUp('first-sync');
    const [c, d] = [newTestDevice('旧电脑'), newTestDevice('新电脑')];
    const filledAt = performance.now();
    await on(c, async () => {
      for (let i = 0; i < AGREEMENTS; i += 1) {
        const lender = PRESET_LENDERS[i % PRESET_LENDERS.length] ?? '借呗';
        const saved = await saveAgreement({ lender, kind: 'settlement', amountFen: 100_000 + i, dueDate: '2027-01-15' }, { now: T + i });
        const session = await createSession({ id: `session-${String(i)}`, agreementId: saved.id, lender, startedAt: T + i });
        for (let n = 0; n < NOTES_PER_AGREEMENT; n += 1) {
          await addNote({ id: `note-${String(i)}-${String(n)}`, sessionId: session.id, at: T + i * 100 + n, text: `第${String(n + 1)}次沟通：同意分期，每月十五号还款 ${String(i)}` });
        }
      }
    });
    const fillMs = performance.now() - filledAt;
    const push = await timed(c, big, T + 10 * 60 * minute);
    const pull = await timed(d, big, T + 11 * 60 * minute);
    if (pull.report.pulled < AGREEMENTS) throw new Error(`the first sync brought ${String(pull.report.pulled)} records`);

    writeFileSync(
      process.env.BENCH_SYNC_OUT ?? 'bench-sync.json',
      JSON.stringify({ runs: RUNS, oneChange, firstSync: { agreements: AGREEMENTS, notes: AGREEMENTS * NOTES_PER_AGREEMENT, fillMs, push: { ms: push.ms, requests: push.requests, pushed: push.report.pushed }, pull: { ms: pull.ms, requests: pull.requests, pulled: pull.report.pulled } } }),
    );
  } finally {
    await server.stop();
  }
}, 1_800_000);
