#!/usr/bin/env node
/**
 * `npm run bench`: the performance figures of the built Chrome extension, measured in real
 * Chromium (Debian's /usr/bin/chromium, headless, driven by playwright-core). Not part of
 * `npm test`: it times things. Prints a table and writes bench/results.json.
 *
 * Data is realistic and in the app's own shapes: agreements of every kind and every preset lender,
 * and their reminders planned by the app's own milestone engine (lib/domain/reminder-plan.ts,
 * loaded here through jiti), each record checked with the app's zod schemas before it is written.
 * Records are written with raw IndexedDB from inside an extension page, after the app has created
 * the database. The 30-day query and the edit are the app's own functions (lib/db/reminders.ts,
 * lib/db/save-agreement.ts), bundled with Vite and evaluated in the extension page; re-arming is
 * timed as the popup's real 'data-changed' message round trip to the background. Screens count as
 * shown at the start of the frame after the app's own mark ('first-screen' in the popup,
 * 'panel-ready' in the side panel), when the frame with the data has been painted.
 * Budgets missed are printed as MISS; the exit code is 0 unless the bench itself failed.
 *
 * The floor: in the same run, with the same WXT and React, the bench builds an empty React 19 popup
 * and a static page with no script (bench/floor.mjs) and serves both from the same extension, so the
 * popup's figures are also given as ratios to the empty React popup, its runs interleaved with the
 * floor's (floor React, static page, popup, again and again), each ratio the median of the paired
 * runs. The popup's "content painted" is the frame after its kept first screen was painted before
 * React (entrypoints/popup-snapshot.ts): the popup is opened again with nothing changed, as a user
 * opens it the second time; "interactive" is the frame after React shows the live data.
 *
 * Options (environment): BENCH_RUNS (timed runs per figure, default 15, at least 15),
 * CHROMIUM_PATH (default /usr/bin/chromium), WXT_OUT_DIR (the build folder, as for `wxt build`),
 * BENCH_ONLY=popup (the popup's figures at its three sizes and nothing else; bench/results.json is
 * left as it was), BENCH_PROFILE=dir (a CPU profile of one popup load at each size).
 */
/* global chrome -- functions passed to page.evaluate and worker.evaluate run in the extension */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createJiti } from 'jiti';
import { build } from 'vite';
import { addFloorPages, FLOOR_REACT_PAGE, FLOOR_STATIC_PAGE } from './floor.mjs';
import { measureCaldav } from './caldav.mjs';
import { measureSync } from './sync.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUTPUT_DIR = join(ROOT, process.env.WXT_OUT_DIR ?? '.output', 'chrome-mv3');
const RESULTS_FILE = join(ROOT, 'bench', 'results.json');
const RUNS = Math.max(15, Number(process.env.BENCH_RUNS ?? 15));
const POPUP_ONLY = process.env.BENCH_ONLY === 'popup';
const WARMUP = 2;
const DB_NAME = 'repay-companion';
const DAY_MS = 24 * 60 * 60 * 1000;
const KB = 1024;
/** The note box's label in zh-CN, the UI language the launcher starts Chromium in. */
const NOTES_LABEL = JSON.parse(readFileSync(join(ROOT, 'public', '_locales', 'zh_CN', 'messages.json'), 'utf8')).noteBoxLabel.message;

const started = performance.now();
const log = (message) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);

// ---------------------------------------------------------------------------------------------
// The app's own code, in Node (planning, schemas) and in the page (queries, saving).

const jiti = createJiti(import.meta.url);
const { planReminders } = await jiti.import('../lib/domain/reminder-plan.ts');
const { toIsoDate, addDaysIso } = await jiti.import('../lib/domain/dates.ts');
const { AGREEMENT_KINDS } = await jiti.import('../lib/domain/agreement.ts');
const { PRESET_LENDERS } = await jiti.import('../lib/domain/agreement-draft.ts');
const { agreementRecordSchema, reminderRecordSchema } = await jiti.import('../lib/db/schema.ts');
const { sessionRecordSchema, sessionNoteRecordSchema } = await jiti.import('../lib/db/sessions.ts');
const { ALARM_NEXT_DUE } = await jiti.import('../lib/browser/alarms.ts');
const { launchChromium } = await jiti.import('../tests/e2e/support/chromium.ts');

async function bundleInPageCode() {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    build: {
      write: false,
      minify: true,
      lib: { entry: join(ROOT, 'bench', 'in-page.mjs'), formats: ['iife'], name: '__repayBench' },
    },
  });
  const chunk = (Array.isArray(out) ? out[0] : out).output[0];
  // Evaluated as a function body so the bundle's top-level `var` lands on globalThis explicitly.
  return `(() => { ${chunk.code}; globalThis.__repayBench = __repayBench; })()`;
}

// ---------------------------------------------------------------------------------------------
// Statistics and output.

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

const figures = [];
/** One row of the table. `budget` is an upper bound in the figure's unit, or null (no budget). */
function record(id, label, unit, values, budget = null, note = undefined) {
  const s = stats(values);
  const row = { id, label, unit, ...s, budget, pass: budget === null ? null : s.median <= budget, ...(note ? { note } : {}) };
  figures.push(row);
  return row;
}

function fmt(value, unit) {
  if (value === null || value === undefined) return '';
  if (unit === 'ms') return value < 10 ? value.toFixed(2) : value.toFixed(1);
  if (unit === 'KB' || unit === 'MB') return value.toFixed(1);
  if (unit === '×') return value.toFixed(2);
  return String(value);
}

function printTable() {
  const header = ['Figure', 'Median', 'Min', 'Max', 'Unit', 'Runs', 'Budget', 'Result'];
  const rows = figures.map((f) => [
    f.label,
    fmt(f.median, f.unit),
    fmt(f.min, f.unit),
    fmt(f.max, f.unit),
    f.unit,
    String(f.runs),
    f.budget === null ? '—' : `≤ ${fmt(f.budget, f.unit)}`,
    f.pass === null ? '' : f.pass ? 'pass' : 'MISS',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of rows) console.log(line(r));
  const misses = figures.filter((f) => f.pass === false);
  console.log(misses.length === 0 ? '\nAll budgets met.' : `\n${misses.length} budget(s) MISSED: ${misses.map((f) => f.label.trim()).join('; ')}`);
  for (const f of figures.filter((x) => x.note)) console.log(`- ${f.label.trim()}: ${f.note}`);
}

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  const memKb = Number(/^MemTotal:\s*(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? totalmem() / 1024);
  let os = 'unknown';
  try {
    os = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os;
  } catch {
    // not Linux
  }
  let chromium = 'unknown';
  try {
    chromium = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    // reported as unknown
  }
  const nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  return { nproc, cpu: model, memoryGiB: Math.round((memKb / 1024 / 1024) * 10) / 10, os, chromium, node: process.version };
}

// ---------------------------------------------------------------------------------------------
// Realistic data, planned by the app's engine.

let seed = 20261122;
/** Deterministic pseudo-random numbers, so every run seeds the same data. */
function random() {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

let serial = 0;
function makeAgreement(dueDate, now) {
  serial += 1;
  const createdAt = now - between(1, 400) * DAY_MS;
  return agreementRecordSchema.parse({
    id: `bench-${String(serial).padStart(6, '0')}-${Math.floor(random() * 1e9).toString(36)}`,
    lender: pick(PRESET_LENDERS),
    kind: AGREEMENT_KINDS[serial % AGREEMENT_KINDS.length],
    // 500 to 200,000 yuan, in fen.
    amountFen: between(500, 200_000) * 100 + between(0, 99),
    dueDate,
    createdAt,
    updatedAt: createdAt + between(0, 30) * DAY_MS,
  });
}

/**
 * The agreement's reminders as the app would have stored them: planned on `planDay` (the day it was
 * entered), then any whose time has passed by `now` already shown by the background.
 */
function remindersOf(agreement, planDay, now) {
  const planned = planReminders(agreement, { now, today: planDay });
  if (!planned.ok) throw new Error(`planReminders failed for ${agreement.dueDate}: ${JSON.stringify(planned.error)}`);
  return planned.value.map((plan) => {
    const shown = plan.fireAt <= now;
    return reminderRecordSchema.parse({ ...plan, pending: shown ? 0 : 1, notifiedAt: shown ? plan.fireAt : null });
  });
}

/** Agreements a heavy user has open: a few overdue, most due within the next six months. */
function openAgreements(count, now) {
  const today = toIsoDate(now);
  const agreements = [];
  const reminders = [];
  for (let i = 0; i < count; i++) {
    const dueDate = addDaysIso(today, random() < 0.05 ? -between(1, 20) : between(0, 180));
    const agreement = makeAgreement(dueDate, now);
    agreements.push(agreement);
    reminders.push(...remindersOf(agreement, today, now));
  }
  return { agreements, reminders };
}

/** A session's worth of short notes (500 of them), the way people type them during a chat. */
function sessionNotes(sessionId, count, startedAt) {
  return longNote(count)
    .split('\n')
    .map((text, i) =>
      sessionNoteRecordSchema.parse({
        id: `${sessionId}:${i + 1}`,
        sessionId,
        at: startedAt + i * 20_000,
        text,
        tags: i % 7 === 0 ? ['offer'] : i % 11 === 0 ? ['promise', 'date'] : [],
      }),
    );
}

/** A 500-line negotiation note, the way people write them during a call. */
function longNote(lines) {
  const phrases = [
    '客服说可以申请延期还款，需要提供收入证明',
    'Asked for a 12-month installment plan, agent will call back',
    '对方同意减免部分罚息，本金分24期',
    'Reference number 2026-11-%n, agent Wang',
    '要求书面确认协商结果，发到邮箱',
    'Deposit before the 15th, debit from the linked card',
    '二次协商需要在延期结束前14天申请',
    'Recorded the call, 14:%n',
  ];
  const out = [];
  for (let i = 0; i < lines; i++) out.push(`${i + 1}. ${phrases[i % phrases.length].replace('%n', String(i % 60).padStart(2, '0'))}`);
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// In the browser.

/** Runs in an extension page: writes records with raw IndexedDB into the app's existing database. */
async function writeInPage({ dbName, clear, store, records, remove = [] }) {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName);
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
  try {
    const stores = [...new Set([...clear, ...(store ? [store] : [])])];
    if (stores.length === 0) return;
    const tx = db.transaction(stores, 'readwrite');
    for (const name of clear) tx.objectStore(name).clear();
    if (store) for (const value of records) tx.objectStore(store).put(value);
    if (store) for (const key of remove) tx.objectStore(store).delete(key);
    await new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
    });
  } finally {
    db.close();
  }
}

async function write(page, { clear = [], store = null, records = [] }) {
  if (records.length === 0) {
    await page.evaluate(writeInPage, { dbName: DB_NAME, clear, store, records: [] });
    return;
  }
  for (let i = 0; i < records.length; i += 10_000) {
    await page.evaluate(writeInPage, { dbName: DB_NAME, clear: i === 0 ? clear : [], store, records: records.slice(i, i + 10_000) });
  }
}

async function countInPage(page) {
  return page.evaluate(async (dbName) => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open(dbName);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const count = (name) =>
      new Promise((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('count failed'));
      });
    const result = { agreements: await count('agreements'), reminders: await count('reminders'), notes: await count('notes') };
    db.close();
    return result;
  }, DB_NAME);
}

/** Tells the background data changed, as the popup does, and waits for its answer. */
async function dataChanged(page) {
  return page.evaluate(() => chrome.runtime.sendMessage({ name: 'data-changed', payload: {} }));
}

/** Lets the page collect the garbage of seeding and the disk settle before a timed series. */
async function settle(ext, page) {
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

/** Times the popup's 'data-changed' round trip to the background (it answers once re-armed). */
async function rearmRuns(page) {
  const times = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const timing = await page.evaluate(async () => {
      const t0 = performance.now();
      const answer = await chrome.runtime.sendMessage({ name: 'data-changed', payload: {} });
      return { ms: performance.now() - t0, answer };
    });
    if (!('nextFireAt' in (timing.answer ?? {}))) throw new Error(`data-changed answered ${JSON.stringify(timing.answer)}`);
    if (i >= WARMUP) times.push(timing.ms);
  }
  return times;
}

/**
 * Runs in every page before the app: when the app sets one of its marks, marks `<name>:painted` at
 * the start of the next frame. The app marks inside a requestAnimationFrame callback or an effect,
 * that is before the browser lays out and paints the frame that shows the data; the next frame's
 * start is when that paint is done. Content put in the page without such a mark (the popup's kept
 * snapshot, painted by a classic script before React; the static floor page) is counted the same
 * way: the second frame start after it is in the document.
 */
function markNextFrame() {
  // When each script and module preload was put in the page, parsed or added by the app's code
  // (resource timing lists no extension file): loadedScripts counts those in before a mark.
  const added = new Map();
  Object.assign(globalThis, { __benchScriptsAdded: added });
  new MutationObserver((records) => {
    const at = performance.now();
    for (const record of records) {
      for (const node of record.addedNodes) {
        const url = node instanceof HTMLScriptElement ? node.src : node instanceof HTMLLinkElement && node.rel === 'modulepreload' ? node.href : '';
        if (url !== '' && !added.has(url)) added.set(url, at);
      }
    }
  }).observe(document, { childList: true, subtree: true });
  const twoFramesOn = (name) => requestAnimationFrame(() => requestAnimationFrame(() => performance.mark(name)));
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'first-screen' || entry.name === 'panel-ready') {
        requestAnimationFrame(() => performance.mark(`${entry.name}:painted`));
      }
    }
  }).observe({ type: 'mark' });
  // A mutation observer runs right after the painting script, before any module script: the mark
  // does not wait for React to be compiled.
  new MutationObserver((_, observer) => {
    if (!document.documentElement.hasAttribute('data-snapshot')) return;
    observer.disconnect();
    twoFramesOn('snapshot:painted');
  }).observe(document, { childList: true, subtree: true, attributes: true });
  if (location.pathname.endsWith('floor-static.html')) document.addEventListener('DOMContentLoaded', () => twoFramesOn('static:painted'));
}

/** Opens an extension page, waits for the app's mark and the frame after it; returns both times. */
async function openUntilMark(ext, path, mark, viewport) {
  const page = await ext.openPage(path, viewport);
  const painted = `${mark}:painted`;
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, painted, { timeout: 20_000 });
  const [at, paintedAt] = await page.evaluate(
    (names) => names.map((name) => performance.getEntriesByName(name)[0].startTime),
    [mark, painted],
  );
  return { page, at, paintedAt };
}

/**
 * Waits for a performance mark with a plain evaluate: Playwright's waitForFunction first adds its
 * own script to the page (about 0.5 MiB of heap), which a heap figure must not count.
 */
async function waitForMark(page, name, timeout = 20_000) {
  await page.evaluate(
    ({ name, timeout }) =>
      new Promise((resolve, reject) => {
        if (performance.getEntriesByName(name).length > 0) return resolve();
        const timer = setTimeout(() => reject(new Error(`no mark ${name} within ${timeout} ms`)), timeout);
        new PerformanceObserver((list, observer) => {
          if (list.getEntriesByName(name).length === 0) return;
          clearTimeout(timer);
          observer.disconnect();
          resolve();
        }).observe({ type: 'mark' });
      }),
    { name, timeout },
  );
}

/**
 * The scripts a page had asked for by its mark (`mark`, the app's own): its entry, its preloads, and
 * what it imported lazily before the mark, as markNextFrame saw them put in the page. What it loads
 * after (the side panel's note parser and screenshots, once it is ready) is not counted. The size
 * check in `npm test` (.size-limit.mjs) counts the entry and its preloads only.
 */
async function loadedScripts(page, mark) {
  const scripts = await page.evaluate((name) => {
    const at = performance.getEntriesByName(name)[0]?.startTime;
    const added = globalThis.__benchScriptsAdded;
    if (at === undefined || !(added instanceof Map)) throw new Error(`no mark ${name}, or no record of the scripts`);
    return [...added].filter(([url, when]) => when <= at && url.endsWith('.js')).map(([url]) => new URL(url).pathname);
  }, mark);
  if (scripts.length === 0) throw new Error(`no script recorded before the mark ${mark}`);
  return [...new Set(scripts)];
}

function gzippedKb(buildDir, paths) {
  let bytes = 0;
  for (const path of paths) bytes += gzipSync(readFileSync(join(buildDir, path))).length;
  return bytes / KB;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const host = machine();
  log(`${host.chromium}, ${host.nproc} CPU (${host.cpu}), ${host.memoryGiB} GiB; ${RUNS} timed runs per figure after ${WARMUP} warm-up runs`);
  const inPageCode = await bundleInPageCode();
  const now = Date.now();
  const today = toIsoDate(now);

  // A private copy of the build: other work in this tree may rebuild .output while the bench runs.
  const buildDir = mkdtempSync(join(tmpdir(), 'repay-bench-build-'));
  cpSync(OUTPUT_DIR, buildDir, { recursive: true });
  log('building the floor: an empty React 19 popup and a static page, same WXT');
  addFloorPages(ROOT, buildDir);
  let ext = await launchChromium({ buildDir });
  await ext.context.addInitScript(markNextFrame);
  try {
    // The bench's own page, which writes and reads through the app's functions. The background
    // creates the database at its first start; wait for it before writing anything.
    const openHome = async () => {
      const page = await ext.openPage('popup.html');
      await page.waitForFunction(async (name) => (await indexedDB.databases()).some((d) => d.name === name), DB_NAME);
      await page.evaluate(inPageCode);
      return page;
    };
    let home = await openHome();

    // --- Popup, empty database -------------------------------------------------------------
    log('popup, empty database');
    /** Opens a floor page until its content is painted; returns that time. */
    const floorRun = async (path, mark) => {
      const page = await ext.openPage(path);
      await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark, { timeout: 20_000 });
      const at = await page.evaluate((name) => performance.getEntriesByName(name)[0].startTime, mark);
      await page.close();
      return at;
    };
    // Each size starts without a kept snapshot: the first warm-up run keeps the one the others paint.
    const forgetSnapshot = () => home.evaluate(() => localStorage.removeItem('repay-companion:popup-snapshot'));
    const popupRuns = async (label, { counters = true } = {}) => {
      await forgetSnapshot();
      const floorReact = [];
      const floorStatic = [];
      const snapshot = [];
      const times = [];
      const painted = [];
      const work = { TaskDuration: [], ScriptDuration: [], LayoutDuration: [], RecalcStyleDuration: [] };
      let scripts = [];
      let fromView = 0;
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const reactAt = await floorRun(FLOOR_REACT_PAGE, 'first-screen:painted');
        const staticAt = await floorRun(FLOOR_STATIC_PAGE, 'static:painted');
        const { page, at, paintedAt } = await openUntilMark(ext, 'popup.html', 'first-screen');
        const snapshotAt = await page.evaluate(() => performance.getEntriesByName('snapshot:painted')[0]?.startTime ?? null);
        if (i >= 1 && snapshotAt === null) throw new Error(`The popup (${label}) did not paint its kept first screen when opened again`);
        if (i >= WARMUP && (await page.evaluate(() => performance.getEntriesByName('first-screen-from-view').length > 0))) fromView += 1;
        if (i >= WARMUP) {
          floorReact.push(reactAt);
          floorStatic.push(staticAt);
          snapshot.push(snapshotAt);
          times.push(at);
          painted.push(paintedAt);
          const cdp = await ext.context.newCDPSession(page);
          if (counters) {
            // Where the time goes: Chromium's main-thread counters (seconds) only count once enabled, so
            // they come from a reload of the same page, a separate load that is not in `times`. The old
            // page is emptied first so that tearing down its 1,000 rows is not counted.
            await cdp.send('Performance.enable');
            await page.evaluate(() => document.body.replaceChildren());
            await new Promise((resolve) => setTimeout(resolve, 100));
            const before = await cdp.send('Performance.getMetrics');
            await page.reload();
            await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, 'first-screen:painted', { timeout: 20_000 });
            const after = await cdp.send('Performance.getMetrics');
            const value = (list, key) => list.metrics.find((m) => m.name === key)?.value ?? NaN;
            for (const key of Object.keys(work)) work[key].push((value(after, key) - value(before, key)) * 1000);
          }
          // BENCH_PROFILE=dir: one more reload under the CPU profiler, written as a .cpuprofile
          // (open it in Chromium's DevTools, Performance panel) to see where a miss comes from.
          if (process.env.BENCH_PROFILE && i === WARMUP) {
            await page.evaluate(() => document.body.replaceChildren());
            await cdp.send('Profiler.enable');
            await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
            await cdp.send('Profiler.start');
            await page.reload();
            await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, 'first-screen:painted', { timeout: 20_000 });
            const { profile } = await cdp.send('Profiler.stop');
            mkdirSync(process.env.BENCH_PROFILE, { recursive: true });
            writeFileSync(join(process.env.BENCH_PROFILE, `popup-${label.replace(/\W+/g, '-')}.cpuprofile`), JSON.stringify(profile));
          }
          await cdp.detach();
        }
        if (i === WARMUP) scripts = await loadedScripts(page, 'first-screen');
        await page.close();
      }
      const { heaps, heapsAfterGc } = await heapsAlone('popup.html');
      const floorHeap = await heapsAlone(FLOOR_REACT_PAGE);
      log(`  ${label}: painted ${stats(painted).median.toFixed(1)} ms, snapshot ${stats(snapshot).median.toFixed(1)} ms, floor React ${stats(floorReact).median.toFixed(1)} ms, static ${stats(floorStatic).median.toFixed(1)} ms, heap after GC ${stats(heapsAfterGc).median.toFixed(2)} MiB (floor ${stats(floorHeap.heapsAfterGc).median.toFixed(2)}), live first screen read from the view in ${fromView} of ${RUNS} timed openings`);
      return { times, painted, heaps, heapsAfterGc, floorHeapsAfterGc: floorHeap.heapsAfterGc, work, scripts, floorReact, floorStatic, snapshot, fromView };
    };
    /**
     * A page's JS heap once its first screen is painted and the page is idle, with and without a forced GC, measured with
     * that page alone in the extension's renderer: every page of an extension runs in one process
     * and one V8 isolate, so a heap figure counts every other open page of the extension (the
     * bench's own page holds the app's functions, bundled, and React's popup). The bench's page is
     * closed for these runs and opened again after them.
     */
    const heapsAlone = async (path) => {
      await home.close();
      const heaps = [];
      const heapsAfterGc = [];
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const page = await ext.openPage(path);
        await waitForMark(page, 'first-screen:painted');
        // Measured once the page is done with what follows its first screen (the rows' later reads,
        // chunks loaded after paint, the kept snapshot written): a heap taken at the mark itself
        // caught some runs before that work and some after (2.0 and 3.1 MiB in one run).
        await page.evaluate(() => new Promise((done) => setTimeout(() => requestIdleCallback(() => done(undefined), { timeout: 3_000 }), 1_000)));
        if (i >= WARMUP) {
          const cdp = await ext.context.newCDPSession(page);
          heaps.push((await cdp.send('Runtime.getHeapUsage')).usedSize / KB / KB);
          await cdp.send('HeapProfiler.collectGarbage');
          heapsAfterGc.push((await cdp.send('Runtime.getHeapUsage')).usedSize / KB / KB);
          await cdp.detach();
        }
        await page.close();
      }
      home = await openHome();
      return { heaps, heapsAfterGc };
    };
    const empty = await popupRuns('empty');
    const rearmEmpty = await rearmRuns(home);

    // --- 1,000 agreements ------------------------------------------------------------------
    log('seeding 1,000 agreements of all kinds with their reminders (planned by the app)');
    const open = openAgreements(1000, now);
    await write(home, { store: 'agreements', records: open.agreements });
    await write(home, { store: 'reminders', records: open.reminders });
    await dataChanged(home); // the background shows what was overdue once, as after a real save
    log(`  stored ${JSON.stringify(await countInPage(home))}`);
    await settle(ext, home);
    const loaded = await popupRuns('1,000 agreements');
    // Where the popup's time goes: its two reads, the app's own functions, timed in a page.
    const reads = { listAgreements: [], nextPendingFor: [] };
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const timing = await home.evaluate(async () => {
        const t0 = performance.now();
        const list = await globalThis.__repayBench.listAgreements();
        const t1 = performance.now();
        // The popup asks for the next step of the rows on its first screen only (at most 15 a group).
        await globalThis.__repayBench.nextPendingFor(list.slice(0, 75).map((a) => a.id));
        return { listAgreements: t1 - t0, nextPendingFor: performance.now() - t1 };
      });
      if (i >= WARMUP) for (const key of Object.keys(reads)) reads[key].push(timing[key]);
    }

    /** The popup against the floor, run by run: each ratio is the median of the paired runs' ratios. */
    const floorFigures = (size, id, runs, liveBudget) => {
      const paired = (a, b) => a.map((value, i) => value / b[i]);
      const ratioRow = (rowId, label, values, budget, note) => {
        const s = stats(values);
        figures.push({ id: rowId, label, unit: '×', ...s, budget, pass: budget === null ? null : s.median <= budget, ...(note ? { note } : {}) });
      };
      record(`floor-react-${id}`, `Floor: empty React 19 popup painted (beside the popup, ${size})`, 'ms', runs.floorReact, null, 'an empty React 19 root built by the same WXT, in the same extension; its mark is set as the popup sets its own');
      ratioRow(`floor-static-ratio-${id}`, '  static page, no script ÷ empty React popup', paired(runs.floorStatic, runs.floorReact), null);
      ratioRow(`popup-content-ratio-${id}`, `Popup content painted (kept snapshot) ÷ empty React, ${size}`, paired(runs.snapshot, runs.floorReact), 0.7, 'the second opening with nothing changed: the first screen kept from the last one, painted before React');
      ratioRow(`popup-live-ratio-${id}`, `Popup interactive with live data ÷ empty React, ${size}`, paired(runs.painted, runs.floorReact), liveBudget, `the live first screen read from the view (lib/db/first-screen-view.ts) in ${runs.fromView} of ${runs.painted.length} openings`);
    };
    floorFigures('empty database', 'empty', empty, null);
    floorFigures('1,000 agreements', '1000', loaded, 1.3);

    const ratio = (id, label, a, b, note) => {
      const sa = stats(a);
      const sb = stats(b);
      const median = sa.median / sb.median;
      figures.push({ id, label, unit: '×', median, min: sa.min / sb.min, max: sa.max / sb.max, runs: RUNS, budget: 1.5, pass: median <= 1.5, ...(note ? { note } : {}) });
    };
    // The first screen is on screen when the frame after the app's mark starts (see markNextFrame).
    record('popup-first-screen-empty', 'Popup first screen painted, empty database', 'ms', empty.painted, null, "start of the frame after the app's 'first-screen' mark: the frame that shows the data has been laid out and painted");
    record('popup-first-screen-1000', 'Popup first screen painted, 1,000 agreements', 'ms', loaded.painted, 150);
    ratio('popup-first-screen-ratio', 'Popup first screen painted, 1,000 ÷ empty', loaded.painted, empty.painted, 'ratio of the two medians (min ÷ min, max ÷ max beside it), measured in the same browser one after the other');
    record('popup-mark-empty', "  the app's 'first-screen' mark itself, empty", 'ms', empty.times, null, "App.tsx sets the mark in a requestAnimationFrame callback queued when the data arrives, which can run before React has rendered the list");
    record('popup-mark-1000', "  the app's 'first-screen' mark itself, 1,000 agreements", 'ms', loaded.times, 150);
    ratio('popup-mark-ratio', "  the app's mark, 1,000 ÷ empty", loaded.times, empty.times);
    for (const [key, label] of [
      ['TaskDuration', 'all tasks'],
      ['ScriptDuration', 'script'],
      ['LayoutDuration', 'layout'],
      ['RecalcStyleDuration', 'style'],
    ]) {
      const note = key === 'TaskDuration' ? 'Chromium main-thread counters (CDP Performance.getMetrics) over a reload of the popup until the frame after its mark' : undefined;
      record(`popup-main-${key}-empty`, `  main thread in ${label} until painted, empty`, 'ms', empty.work[key], null, note);
      record(`popup-main-${key}-1000`, `  main thread in ${label}, 1,000 agreements`, 'ms', loaded.work[key]);
    }
    record('popup-read-agreements-1000', '  of which listAgreements (alone)', 'ms', reads.listAgreements);
    record('popup-read-next-steps-1000', '  of which nextPendingFor, 75 rows (alone)', 'ms', reads.nextPendingFor);
    record('popup-heap-1000', 'Popup JS heap after first screen, 1,000 agreements', 'MB', loaded.heaps, null, 'V8 used heap (CDP Runtime.getHeapUsage) once the first screen is painted, no GC forced');
    record('popup-heap-1000-gc', 'Popup JS heap after first screen + GC, 1,000 agreements', 'MB', loaded.heapsAfterGc, 3, 'MB here are MiB (1,024 × 1,024 bytes); the popup alone in the extension\'s renderer (see heapsAlone)');
    record('floor-heap-1000-gc', '  the empty React popup\'s, measured the same way', 'MB', loaded.floorHeapsAfterGc);

    let panelScripts = [];
    if (!POPUP_ONLY) {
      // --- Side panel with a session of 500 notes ---------------------------------------------
      log('side panel with a session of 500 notes');
      const SESSION_ID = 'bench-session';
      const startedAt = now - 500 * 20_000;
      const seeded = sessionNotes(SESSION_ID, 500, startedAt);
      await write(home, {
        store: 'sessions',
        records: [
          sessionRecordSchema.parse({
            id: SESSION_ID,
            agreementId: null,
            lender: '网商贷',
            channel: 'web-chat',
            startedAt,
            agentName: '王女士 8821',
            ticket: 'T-118',
            confirmationAskedAt: null,
            confirmationReceivedAt: null,
            confirmationChannel: null,
            draft: '',
          }),
        ],
      });
      await write(home, { store: 'sessionNotes', records: seeded });
      const panelTimes = [];
      const panelPainted = [];
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const { page, at, paintedAt } = await openUntilMark(ext, 'sidepanel.html', 'panel-ready', { width: 400, height: 800 });
        if (i >= WARMUP) {
          panelTimes.push(at);
          panelPainted.push(paintedAt);
        }
        if (i === WARMUP) {
          panelScripts = await loadedScripts(page, 'panel-ready');
          // A long session opens on its latest 50 notes (components/SessionView.tsx), all 500 read.
          const shown = await page.locator('.note-stream > li .note-text').allTextContents();
          const latest = seeded.slice(-50).map((n) => n.text);
          if (JSON.stringify(shown) !== JSON.stringify(latest)) throw new Error(`The side panel did not show the latest 50 of the ${seeded.length} seeded notes`);
          if (await page.getByRole('textbox', { name: NOTES_LABEL, exact: true }).isDisabled()) throw new Error('The note box is disabled');
        }
        await page.close();
      }
      record(
        'panel-interactive-500-notes',
        'Side panel time to interactive, session of 500 notes',
        'ms',
        panelTimes,
        null,
        `the latest general session: its 500 timestamped notes read and validated, the latest 50 shown with tags (recognised amounts/dates follow); the agreement picker lists the 1,000 agreements`,
      );
      record('panel-painted-500-notes', '  next frame after the mark (painted)', 'ms', panelPainted);

      // --- Keystroke to durable --------------------------------------------------------------
      log('note keystroke to durable in IndexedDB');
      {
        const { page } = await openUntilMark(ext, 'sidepanel.html', 'panel-ready', { width: 400, height: 800 });
        const box = page.getByRole('textbox', { name: NOTES_LABEL, exact: true });
        await box.focus();
        await box.evaluate((el) => el.setSelectionRange(el.value.length, el.value.length));
        const delays = [];
        let expected = await box.inputValue();
        for (let i = 0; i < WARMUP + RUNS; i++) {
          const key = String.fromCharCode(97 + (i % 26));
          expected += key;
          // Polls the session's saved draft from the page, each read in its own transaction: a committed
          // write is what another transaction (or the next start of the browser) can read.
          const durable = page.evaluate(
            async ({ dbName, length, last, sessionId }) => {
              const keydown = new Promise((resolve) =>
                document.addEventListener('keydown', (e) => resolve(e.timeStamp), { once: true, capture: true }),
              );
              window.__benchArmed = true;
              const db = await new Promise((resolve, reject) => {
                const request = indexedDB.open(dbName);
                request.onsuccess = () => resolve(request.result);
                request.onerror = () => reject(request.error ?? new Error('open failed'));
              });
              const read = () =>
                new Promise((resolve, reject) => {
                  const request = db.transaction('sessions').objectStore('sessions').get(sessionId);
                  request.onsuccess = () => resolve(request.result);
                  request.onerror = () => reject(request.error ?? new Error('read failed'));
                });
              const pressed = await keydown;
              for (;;) {
                const session = await read();
                const draft = session?.draft ?? '';
                if (draft.length === length && draft.endsWith(last)) break;
                await new Promise((resolve) => setTimeout(resolve, 2));
              }
              const seen = performance.now();
              db.close();
              return seen - pressed;
            },
            { dbName: DB_NAME, length: expected.length, last: key, sessionId: SESSION_ID },
          );
          await page.waitForFunction(() => window.__benchArmed === true);
          await page.evaluate(() => (window.__benchArmed = false));
          await page.keyboard.press(key);
          const delay = await durable;
          if (i >= WARMUP) delays.push(delay);
        }
        if ((await box.inputValue()) !== expected) throw new Error('The notes box does not hold what was typed');
        await page.close();
        record('note-keystroke-durable', 'Note keystroke → committed in IndexedDB', 'ms', delays, 500, 'includes the 300 ms autosave pause (lib/notes/autosave.ts)');
      }

    }
    // --- Re-arm after an edit at 10,000 agreements -----------------------------------------
    log('seeding up to 10,000 agreements');
    const more = openAgreements(9000, now);
    await write(home, { store: 'agreements', records: more.agreements });
    await write(home, { store: 'reminders', records: more.reminders });
    await dataChanged(home);
    await settle(ext, home);
    const counts10k = await countInPage(home);
    log(`  stored ${JSON.stringify(counts10k)}`);
    if (counts10k.agreements !== 10_000) throw new Error(`expected 10,000 agreements, found ${counts10k.agreements}`);
    log('popup, 10,000 agreements');
    const large = await popupRuns('10,000 agreements', { counters: false });
    floorFigures('10,000 agreements', '10000', large, 1.35);
    record('popup-first-screen-10000', 'Popup first screen painted, 10,000 agreements', 'ms', large.painted);
    record('popup-heap-10000-gc', 'Popup JS heap after first screen + GC, 10,000 agreements', 'MB', large.heapsAfterGc);
    if (!POPUP_ONLY) {
      const editable = more.agreements.filter((a) => a.dueDate > addDaysIso(today, 40));
      const saves = [];
      const rearms = [];
      let lastNextFireAt = null;
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const agreement = editable[i];
        const edit = { lender: agreement.lender, kind: agreement.kind, amountFen: agreement.amountFen + 100, dueDate: addDaysIso(agreement.dueDate, 1) };
        const timing = await home.evaluate(
          async ({ id, fields }) => {
            const t0 = performance.now();
            await globalThis.__repayBench.saveAgreement(fields, { id, now: Date.now() });
            const saved = performance.now();
            // The write announces itself ('data-changed', lib/db/write.ts), and the background
            // re-arms for it. The round trip timed below is a second re-arm, once that one is done:
            // timed at once, it waited for the first in IndexedDB and counted parts of both.
            await new Promise((resolve) => setTimeout(resolve, 300));
            const t1 = performance.now();
            const answer = await chrome.runtime.sendMessage({ name: 'data-changed', payload: {} });
            const t2 = performance.now();
            return { save: saved - t0, rearm: t2 - t1, answer };
          },
          { id: agreement.id, fields: edit },
        );
        if (typeof timing.answer?.nextFireAt !== 'number') throw new Error(`data-changed answered ${JSON.stringify(timing.answer)}`);
        lastNextFireAt = timing.answer.nextFireAt;
        if (i >= WARMUP) {
          saves.push(timing.save);
          rearms.push(timing.rearm);
        }
      }
      const alarm = await (await ext.worker()).evaluate((name) => chrome.alarms.get(name), ALARM_NEXT_DUE);
      if (!alarm || alarm.scheduledTime !== lastNextFireAt) {
        throw new Error(`next-due alarm ${JSON.stringify(alarm)} does not match nextFireAt ${lastNextFireAt}`);
      }
      // Where the re-arm's time goes: reconcile's parts, the app's own functions run in the worker.
      const worker = await ext.worker();
      await worker.evaluate(inPageCode);
      const parts = { claim: [], count: [], rawCount: [], alarms: [], badge: [] };
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const timing = await worker.evaluate(
          async ({ alarmName, day }) => {
            const bench = globalThis.__repayBench;
            const t0 = performance.now();
            const { nextFireAt } = await bench.claimDueReminders(Date.now());
            const t1 = performance.now();
            await bench.countDueOnOrBefore(day);
            const t2 = performance.now();
            const db = await new Promise((resolve, reject) => {
              const request = indexedDB.open('repay-companion');
              request.onsuccess = () => resolve(request.result);
              request.onerror = () => reject(request.error ?? new Error('open failed'));
            });
            const r0 = performance.now();
            await new Promise((resolve, reject) => {
              const request = db.transaction('agreements').objectStore('agreements').index('by-dueDate').count(IDBKeyRange.upperBound(day));
              request.onsuccess = () => resolve(request.result);
              request.onerror = () => reject(request.error ?? new Error('count failed'));
            });
            const rawCount = performance.now() - r0;
            db.close();
            const a0 = performance.now();
            if (nextFireAt !== null) await chrome.alarms.create(alarmName, { when: nextFireAt });
            await chrome.alarms.get('sweep');
            const t3 = performance.now();
            const text = await chrome.action.getBadgeText({});
            await chrome.action.setBadgeText({ text });
            await chrome.action.setBadgeBackgroundColor({ color: '#c62828' });
            const t4 = performance.now();
            return { claim: t1 - t0, count: t2 - t1, rawCount, alarms: t3 - a0, badge: t4 - t3 };
          },
          { alarmName: ALARM_NEXT_DUE, day: today },
        );
        if (i >= WARMUP) for (const key of Object.keys(parts)) parts[key].push(timing[key]);
      }
      record('rearm-empty', 'Re-arm round trip, empty database', 'ms', rearmEmpty, null, 'the same message with no data: the fixed cost of messaging and the alarms and badge APIs');
      record('rearm-10000', 'Re-arm next-due alarm after an edit, 10,000 agreements', 'ms', rearms, 20, `'data-changed' round trip popup → background (reconcile: claim due, arm alarm, badge count) → answer; ${counts10k.reminders} reminders stored`);
      record('rearm-part-claim', '  of which claimDueReminders (in the worker)', 'ms', parts.claim);
      const dueByToday = [...open.agreements, ...more.agreements].filter((a) => a.dueDate <= today).length;
      record('rearm-part-count', '  of which countDueOnOrBefore (badge count)', 'ms', parts.count, null, `${dueByToday} agreements are due on or before today; the raw row below counts them on the by-dueDate index`);
      record('rearm-part-count-raw', '  same count, raw IndexedDB (no idb wrapper)', 'ms', parts.rawCount);
      record('rearm-part-alarms', '  of which alarms.create + alarms.get', 'ms', parts.alarms);
      record('rearm-part-badge', '  of which setBadgeText + setBadgeBackgroundColor', 'ms', parts.badge);
      record('edit-save-10000', 'Edit one agreement (saveAgreement), 10,000 agreements', 'ms', saves, null, 'the app\'s saveAgreement in the popup page: plans the milestones and replaces the reminders in one transaction');
    }

    if (!POPUP_ONLY) {
      // --- Initial JavaScript, gzipped -------------------------------------------------------
      const backgroundScripts = ['/background.js'];
      const size = (id, label, scripts, budget) => {
        const kb = gzippedKb(buildDir, scripts);
        const note = `${scripts.join(' + ')} (gzip level 6, KB = 1,024 bytes)`;
        figures.push({ id, label, unit: 'KB', median: kb, min: kb, max: kb, runs: 1, budget, pass: kb <= budget, note });
      };
      size('js-popup', 'Popup JS loaded by its first screen, gzipped', loaded.scripts, 100);
      size('js-panel', 'Side panel JS loaded by ready (500 notes), gzipped', panelScripts, 110);
      size('js-background', 'Background JS, gzipped', backgroundScripts, 30);
      // --- "Due in the next 30 days" at 1k, 10k, 100k reminders --------------------------------
      log('planning reminders for the query test');
      const windowEnd = now + 30 * DAY_MS;
      const inWindow = (r) => r.fireAt >= now && r.fireAt < windowEnd;
      // What falls in the window: reminders of agreements due soon.
      const soon = [];
      while (soon.length < 2500) {
        const agreement = makeAgreement(addDaysIso(today, between(0, 40)), now);
        soon.push(...remindersOf(agreement, today, now).filter((r) => r.pending === 1 && inWindow(r)));
      }
      // Everything else a long-time user has stored: old agreements' reminders, all shown, and
      // reminders of agreements due months or years ahead.
      const rest = [];
      while (rest.length < 100_000) {
        const past = rest.length % 2 === 0;
        const due = past ? addDaysIso(today, -between(60, 4 * 365)) : addDaysIso(today, between(75, 3 * 365));
        const agreement = makeAgreement(due, now);
        const planDay = past ? addDaysIso(due, -45) : today;
        rest.push(...remindersOf(agreement, planDay, now).filter((r) => !inWindow(r)));
      }
      const querySets = [
        { total: 1_000, results: 250, budget: null },
        { total: 10_000, results: 250, budget: null },
        { total: 100_000, results: 250, budget: 10 },
        { total: 100_000, results: 2_500, budget: null },
      ];
      // In a fresh profile: clearing the 60,000 records above would leave LevelDB compacting the
      // deletes in the background while the queries run.
      await ext.close();
      ext = await launchChromium({ buildDir });
      await ext.context.addInitScript(markNextFrame);
      const fresh = await ext.openPage('popup.html');
      await fresh.waitForFunction(async (name) => (await indexedDB.databases()).some((d) => d.name === name), DB_NAME);
      await fresh.evaluate(inPageCode);
      let stored = new Map();
      for (const set of querySets) {
        // Writes only the difference from the previous set: seeding 100k twice would take a minute.
        const records = [...soon.slice(0, set.results), ...rest.slice(0, set.total - set.results)];
        const wanted = new Map(records.map((r) => [r.id, r]));
        const remove = [...stored.keys()].filter((id) => !wanted.has(id));
        await write(fresh, { store: 'reminders', records: records.filter((r) => !stored.has(r.id)) });
        await fresh.evaluate(writeInPage, { dbName: DB_NAME, clear: [], store: 'reminders', records: [], remove });
        stored = wanted;
        const { reminders: total } = await countInPage(fresh);
        if (total !== set.total) throw new Error(`expected ${set.total} reminders, found ${total}`);
        await settle(ext, fresh);
        const times = [];
        const rawTimes = [];
        let found = 0;
        for (let i = 0; i < WARMUP + RUNS; i++) {
          const timing = await fresh.evaluate(
            async ({ from, to, dbName }) => {
              const t0 = performance.now();
              const rows = await globalThis.__repayBench.listPendingReminders(from, to);
              const t1 = performance.now();
              // The same index read without the app's zod validation, to tell where the time goes.
              const db = await new Promise((resolve, reject) => {
                const request = indexedDB.open(dbName);
                request.onsuccess = () => resolve(request.result);
                request.onerror = () => reject(request.error ?? new Error('open failed'));
              });
              const t2 = performance.now();
              const raw = await new Promise((resolve, reject) => {
                const request = db
                  .transaction('reminders')
                  .objectStore('reminders')
                  .index('by-pending-fireAt')
                  .getAll(IDBKeyRange.bound([1, from], [1, to], false, true));
                request.onsuccess = () => resolve(request.result);
                request.onerror = () => reject(request.error ?? new Error('read failed'));
              });
              const t3 = performance.now();
              db.close();
              if (raw.length !== rows.length) throw new Error('raw and app query disagree');
              return { app: t1 - t0, raw: t3 - t2, count: rows.length };
            },
            { from: now, to: windowEnd, dbName: DB_NAME },
          );
          found = timing.count;
          if (i >= WARMUP) {
            times.push(timing.app);
            rawTimes.push(timing.raw);
          }
        }
        if (found !== set.results) throw new Error(`the query found ${found} reminders, ${set.results} expected`);
        const size = `${set.total / 1000}k reminders, ${set.results} due`;
        log(`  ${size}: median ${stats(times).median.toFixed(2)} ms`);
        record(`query-30d-${set.total}-${set.results}`, `"Due in the next 30 days", ${size}`, 'ms', times, set.budget, set.results === 2500 ? 'ten times the results at the same total: the cost follows the results' : undefined);
        record(`query-30d-${set.total}-${set.results}-raw`, `  same, index read only (no zod)`, 'ms', rawTimes);
      }
    }

  } finally {
    await ext.close();
    rmSync(buildDir, { recursive: true, force: true });
  }

  if (POPUP_ONLY) {
    printTable();
    return;
  }
  // Sync (bench/sync.mjs): requests and time of one change between two devices, the first sync of
  // 1,000 agreements and 10,000 notes, and the background's size, on loopback.
  figures.push(...measureSync({ log }));
  // The calendar push (bench/caldav.mjs): 1,000 events to Radicale on loopback, when it is installed.
  if (existsSync('/usr/bin/radicale')) figures.push(...(await measureCaldav({ log })));
  else log('caldav: /usr/bin/radicale is not installed; the calendar push is not measured');

  printTable();
  const results = {
    measuredAt: new Date().toISOString(),
    machine: host,
    runsPerFigure: RUNS,
    warmupRuns: WARMUP,
    durationSeconds: Math.round((performance.now() - started) / 100) / 10,
    figures,
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${RESULTS_FILE}`);
}

await main();
