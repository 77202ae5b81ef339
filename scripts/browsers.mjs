// The Debian packages `npm test` and `npm start` need besides npm's (browsers, faketime, the real
// servers the sync tests talk to), and how
// they get them: checked with `dpkg -s`; installed with apt-get when this process may (root, or
// CI=true through `sudo -n`), saying what it installs; otherwise the one command to run is printed.
import { spawnSync } from 'node:child_process';

/** What each package is for, as said when it is installed or missing. */
export const PACKAGES = {
  chromium: 'the Chromium E2E suites and `npm start`',
  'chromium-l10n': 'Chromium in Chinese (the suites run it in zh-CN)',
  'firefox-esr': 'the Firefox E2E suites',
  faketime: 'the unit tests run again with the clock moved ahead',
  'apache2-bin': 'Apache httpd with mod_dav: the sync transport’s tests against a real WebDAV server (ETags, If-Match)',
  radicale: 'a real CalDAV server, for tests that talk to a calendar server',
};

const isRoot = process.getuid?.() === 0;
let updated = false;

function succeeds(command, args) {
  const outcome = spawnSync(command, args, { stdio: 'ignore' });
  return outcome.status === 0;
}

/** True when `dpkg -s` says the package is installed (not merely known, or removed with its config left). */
export function isInstalled(name) {
  const outcome = spawnSync('dpkg', ['-s', name], { encoding: 'utf8' });
  return outcome.status === 0 && /^Status: install ok installed$/m.test(outcome.stdout);
}

/** Root may install; so may CI (through passwordless sudo when it is not root). */
export function mayInstall() {
  return isRoot || process.env.CI === 'true';
}

function installCommand(names) {
  return `${isRoot ? '' : 'sudo '}apt-get install -y ${names.join(' ')}`;
}

/** Runs apt-get (through `sudo -n` unless root) quietly; on failure prints the end of its output. */
function aptGet(args) {
  const [command, prefix] = isRoot ? ['apt-get', []] : ['sudo', ['-n', 'apt-get']];
  const outcome = spawnSync(command, [...prefix, '-q', '-y', '-o', 'DPkg::Lock::Timeout=300', ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (outcome.status === 0) return true;
  const output = `${outcome.stdout ?? ''}${outcome.stderr ?? ''}`.trimEnd().split('\n').slice(-30).join('\n');
  console.error(`apt-get ${args.join(' ')} failed${outcome.error ? ` (${outcome.error.message})` : ''}:\n${output}`);
  return false;
}

/**
 * Makes sure the Debian packages `names` are installed. Returns the ones still missing afterwards
 * (empty when all is well). `options.mayInstall` overrides the root-or-CI rule.
 */
export function ensurePackages(names, options = {}) {
  if (!succeeds('dpkg', ['--version'])) {
    console.warn(`No dpkg here (not Debian?): cannot check for ${names.join(', ')}; install their equivalents yourself.`);
    return [];
  }
  const missing = names.filter((name) => !isInstalled(name));
  if (missing.length === 0) return [];

  const what = missing.map((name) => `  ${name}: ${PACKAGES[name] ?? 'needed'}`).join('\n');
  if (!(options.mayInstall ?? mayInstall())) {
    console.error(`\nMissing Debian packages:\n${what}\nInstall them with:\n\n  ${installCommand(missing)}\n`);
    console.error('(`npm test` and `npm start` install them themselves when run as root or with CI=true.)');
    return missing;
  }

  console.log(`\nInstalling from Debian's packages: ${missing.join(' ')}\n${what}`);
  const started = Date.now();
  if (!updated) {
    console.log('apt-get update');
    updated = aptGet(['update']);
  }
  if (updated) {
    console.log(`apt-get install -y ${missing.join(' ')}`);
    aptGet(['install', ...missing]);
  }
  const still = missing.filter((name) => !isInstalled(name));
  if (still.length === 0) console.log(`Installed ${missing.join(' ')} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  else console.error(`Could not install ${still.join(' ')}. Try yourself:\n\n  ${installCommand(still)}\n`);
  return still;
}
