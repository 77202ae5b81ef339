#!/usr/bin/env node
/**
 * Sync's figures (issue #15), on loopback: the npm webdav-server in its 坚果云 profile on 127.0.0.1,
 * two devices each with its own IndexedDB (fake-indexeddb, as in the unit tests: the engine runs in
 * Node through Vitest, bench/sync.measure.ts), the app's own engine, WebDAV client and crypto.
 *
 * - one change to the other device: requests and time on each side (goal ≤ 3 requests per side);
 * - the first sync of 1,000 agreements and 10,000 notes: the device that has them pushes, a new
 *   device pulls (goal ≤ 10 s on loopback);
 * - the background bundle's size, gzipped (goal ≤ 30 KB), and its offscreen document's script, from the Chrome build in WXT_OUT_DIR
 *   (default .output), when there is one.
 *
 * Not part of `npm test`: it times things. `node bench/sync.mjs` prints a table; bench/run.mjs
 * runs it too (`measureSync`) and puts its rows in bench/results.json. BENCH_RUNS: timed runs of
 * the one change (default 15, at least 15). fake-indexeddb is slower than a browser's IndexedDB,
 * so the times are an upper bound of the engine's; the server's answers are local.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const KB = 1024;

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1), runs: sorted.length };
}

/** The figures, as rows of bench/run.mjs's table: { id, label, unit, median, min, max, runs, budget, pass, note? }. */
export function measureSync({ log = console.log } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sync-'));
  const out = join(dir, 'sync.json');
  try {
    log('sync: two devices through webdav-server on loopback (bench/sync.measure.ts)');
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', join(ROOT, 'bench', 'vitest.sync.config.ts')], {
      cwd: ROOT,
      env: { ...process.env, BENCH_SYNC_OUT: out },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const measured = JSON.parse(readFileSync(out, 'utf8'));
    const rows = [];
    const row = (id, label, unit, values, budget = null, note = undefined) => {
      const s = stats(values);
      rows.push({ id, label, unit, ...s, budget, pass: budget === null ? null : s.median <= budget, ...(note ? { note } : {}) });
    };
    const one = measured.oneChange;
    row('sync-one-change-send-requests', 'Sync, one change: requests of the device that made it', 'requests', one.map((r) => r.sendRequests), 3, 'listing and info file with the change in its tail; 4 when the tail goes as a segment file; docs/sync-design.md, "Requests"');
    row('sync-one-change-receive-requests', '  requests of the device that receives it', 'requests', one.map((r) => r.receiveRequests), 3);
    row('sync-one-change-ms', '  time, both syncs, loopback', 'ms', one.map((r) => r.totalMs));
    row('sync-one-change-send-ms', '    of which sending', 'ms', one.map((r) => r.sendMs));
    row('sync-one-change-receive-ms', '    of which receiving', 'ms', one.map((r) => r.receiveMs));
    const first = measured.firstSync;
    const what = `${first.agreements.toLocaleString('en')} agreements, ${first.notes.toLocaleString('en')} notes`;
    row('sync-first-push-ms', `Sync, first push of ${what}`, 'ms', [first.push.ms], 10_000, `${first.push.requests} requests, ${first.push.pushed} records; one run`);
    row('sync-first-pull-ms', `Sync, first pull of ${what} on a new device`, 'ms', [first.pull.ms], 10_000, `${first.pull.requests} requests, ${first.pull.pulled} records applied; one run`);
    // The service worker (loaded at every wake) and, in Chrome, the offscreen document's script that
    // runs sync and the calendar push (loaded for a job only; lib/browser/offscreen.ts).
    const build = join(ROOT, process.env.WXT_OUT_DIR ?? '.output', 'chrome-mv3');
    const background = join(build, 'background.js');
    const jobs = join(build, 'offscreen-jobs.js');
    if (existsSync(background) && existsSync(jobs)) {
      const kb = gzipSync(readFileSync(background)).length / KB;
      rows.push({ id: 'background-gzip', label: 'Background bundle with sync, gzipped', unit: 'KB', median: kb, min: kb, max: kb, runs: 1, budget: 30, pass: kb <= 30, note: 'background.js of the Chrome build, gzip level 6; sync runs in its offscreen document' });
      const jobsKb = gzipSync(readFileSync(jobs)).length / KB;
      rows.push({ id: 'offscreen-jobs-gzip', label: '  sync and calendar push, loaded for a job, gzipped', unit: 'KB', median: jobsKb, min: jobsKb, max: jobsKb, runs: 1, budget: null, pass: null, note: 'offscreen-jobs.js of the Chrome build, gzip level 6' });
    } else {
      log(`sync: no ${background} or ${jobs}: build the Chrome extension first for the background's size`);
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = measureSync();
  const fmt = (value, unit) => (unit === 'ms' ? value.toFixed(1) : unit === 'KB' ? value.toFixed(1) : String(value));
  for (const r of rows) {
    const budget = r.budget === null ? '' : `  (goal ≤ ${fmt(r.budget, r.unit)}: ${r.pass ? 'pass' : 'MISS'})`;
    console.log(`${r.label}: ${fmt(r.median, r.unit)} ${r.unit}${r.runs > 1 ? ` [${fmt(r.min, r.unit)} – ${fmt(r.max, r.unit)}, ${r.runs} runs]` : ''}${budget}${r.note ? ` — ${r.note}` : ''}`);
  }
}
