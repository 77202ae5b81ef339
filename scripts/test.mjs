#!/usr/bin/env node
// `npm test`: every check a change must pass, in the order a failure is cheapest to see.
// Prints one closing line "N passed, N failed" and exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`Node ${process.versions.node} is too old: the toolchain (WXT, Vitest) needs Node 22 or newer.`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const results = 'test-results';
mkdirSync(results, { recursive: true });

let passed = 0;
let failed = 0;
const summary = [];

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const outcome = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = outcome.status === 0;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

/** A check that is not a test suite counts as one test. */
function check(label, command, args) {
  const ok = run(label, command, args);
  if (ok) passed += 1;
  else failed += 1;
  return ok;
}

/** A vitest run counts its own tests; a run that crashed before reporting counts as one failure. */
function suite(label, args) {
  const file = `${results}/${label}.json`;
  const ok = run(label, 'npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile=${file}`]);
  if (!existsSync(file)) {
    failed += 1;
    return false;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (ok || report.numFailedTests > 0 ? 0 : 1);
  if (report.numTotalTests === 0) failed += 1; // a suite that ran nothing proves nothing
  return ok;
}

check('typecheck', 'npx', ['tsc', '--noEmit']);
check('lint', 'npx', ['eslint', '.']);
suite('unit', []);
const chrome = check('build chrome', 'npx', ['wxt', 'build']);
const firefox = check('build firefox', 'npx', ['wxt', 'build', '-b', 'firefox', '--mv3']);
if (firefox) check('web-ext lint', 'npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv3', '--self-hosted=false']);
if (chrome && firefox) suite('e2e', ['--config', 'vitest.e2e.config.ts']);
else {
  failed += 1;
  summary.push('FAIL e2e (skipped: a build failed)');
}

console.log(`\n${summary.join('\n')}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
