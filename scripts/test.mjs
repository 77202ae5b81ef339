#!/usr/bin/env node
// `npm test`: every check a change must pass, in the order a failure is cheapest to see.
// Prints one closing line "N passed, N failed" and exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensurePackages } from './browsers.mjs';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  // npm scripts run the project's own Node 22 (the `node` dev dependency, in node_modules/.bin).
  console.error(`This is Node ${process.versions.node}; the toolchain (WXT, Vitest) needs Node 22 or newer.`);
  console.error('Run `npm install && npm test`: npm brings Node 22 with the project and runs this file with it.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// The unit suite runs a second time with the clock moved more than a year ahead, in a zone west
// of Greenwich (vitest.config.ts takes the zone from UNIT_TZ), so no test depends on today or on
// the zone. Debian's faketime moves the clock for the whole process tree.
const LATER = '+400 days';
const WEST = 'America/Los_Angeles';

const results = 'test-results';
mkdirSync(results, { recursive: true });
// scripts/attention-reporter.mjs lists here the tests that failed or passed only when run again.
const attention = `${results}/attention.txt`;
rmSync(attention, { force: true });

let passed = 0;
let failed = 0;
const summary = [];

function run(label, command, args, env = {}) {
  const shown = [command, ...args].map((word) => (/\s/.test(word) ? `'${word}'` : word));
  console.log(`\n▶ ${label}: ${shown.join(' ')}`);
  const started = Date.now();
  const outcome = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (outcome.error) console.error(`${label}: ${outcome.error.message}`);
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

/** A step that could not run counts as one failure. */
function skip(label, reason) {
  failed += 1;
  summary.push(`FAIL ${label} (skipped: ${reason})`);
}

/**
 * A vitest run (`command args` then the reporters) counts its own tests; a run that crashed before
 * reporting counts as one failure. `name` names its JSON report.
 */
function suite(label, name, command, args, env = {}) {
  const file = `${results}/${name}.json`;
  rmSync(file, { force: true }); // an old report must not stand in for a run that crashed
  const reporters = ['--reporter=default', '--reporter=json', '--reporter=./scripts/attention-reporter.mjs'];
  const ok = run(label, command, [...args, ...reporters, `--outputFile.json=${file}`], { ...env, ATTENTION_FILE: attention });
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

try {
  // Like `playwright install --with-deps`: what the suites need from Debian, installed when we may.
  const missing = ensurePackages(['chromium', 'chromium-l10n', 'firefox-esr', 'faketime', 'apache2-bin', 'radicale']);
  // The unit suite starts Apache itself (lib/sync/webdav/apache.test.ts); without it those tests fail, saying why.
  if (missing.includes('apache2-bin')) console.error('apache2-bin is missing: the unit suite’s Apache WebDAV tests will fail.');

  check('typecheck', 'npx', ['tsc', '--noEmit']);
  check('lint', 'npx', ['eslint', '.']);
  check('dependency rules', 'npx', ['depcruise', 'lib', 'components', 'entrypoints', '--config', '.dependency-cruiser.cjs']);
  suite('unit', 'unit', 'npx', ['vitest', 'run']);
  const later = `unit (clock ${LATER}, ${WEST})`;
  if (missing.includes('faketime')) skip(later, 'faketime is not installed');
  else {
    suite(later, 'unit-later-west', 'faketime', [LATER, process.execPath, 'node_modules/vitest/vitest.mjs', 'run'], {
      TZ: WEST,
      UNIT_TZ: WEST,
    });
  }
  const chrome = check('build chrome', 'npx', ['wxt', 'build']);
  if (chrome) check('size budgets', 'npx', ['size-limit']);
  const firefox = check('build firefox', 'npx', ['wxt', 'build', '-b', 'firefox', '--mv3']);
  if (firefox) check('web-ext lint', 'npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv3', '--self-hosted=false']);
  const browsersMissing = missing.filter((name) => ['chromium', 'chromium-l10n', 'firefox-esr'].includes(name));
  if (!chrome || !firefox) skip('e2e', 'a build failed');
  else if (browsersMissing.length > 0) skip('e2e', `${browsersMissing.join(', ')} not installed`);
  else suite('e2e', 'e2e', 'npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts']);
} catch (error) {
  console.error(error);
  failed += 1;
  summary.push(`FAIL npm test itself: ${error instanceof Error ? error.message : String(error)}`);
}

console.log(`\n${summary.join('\n')}\n`);
if (existsSync(attention)) console.log(`To look at:\n${readFileSync(attention, 'utf8')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
