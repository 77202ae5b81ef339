// Debian's Apache httpd with mod_dav, for the transport's tests: real ETags (size and mtime),
// If-Match and If-None-Match honoured, 412 for a MOVE onto an existing file without Overwrite,
// Basic auth from a password file. One process (`-X`), on a free loopback port, with a generated
// configuration and a temporary data folder, removed at stop.
//
// The package is apache2-bin (`npm test` installs it when it may: scripts/browsers.mjs). Started as
// root, the server runs as nobody, which must be able to write the data and lock folders.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const APACHE_BINARY = '/usr/sbin/apache2';
const MODULES = '/usr/lib/apache2/modules';
export const APACHE_USER = 'amy';
/** Chinese, as a user's may be. */
export const APACHE_PASSWORD = '还款协商：密码是中文';

export interface ApacheServer {
  /** The root URL, ending with '/'. */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** The folder served, for tests that change files behind the server's back. */
  readonly dataDir: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function idOf(flag: '-u' | '-g', name: string): number {
  const outcome = spawnSync('id', [flag, name], { encoding: 'utf8' });
  return Number(outcome.stdout.trim());
}

export async function startApache(): Promise<ApacheServer> {
  if (!existsSync(APACHE_BINARY)) {
    throw new Error(`${APACHE_BINARY} is missing: install Debian's apache2-bin (apt-get install -y apache2-bin; npm test does it as root or with CI=true)`);
  }
  const root = mkdtempSync(join(tmpdir(), 'repay-apache-'));
  const dataDir = join(root, 'data');
  const lockDir = join(root, 'lock');
  mkdirSync(dataDir);
  mkdirSync(lockDir);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // The server drops to nobody: it must reach the folders through the temporary root, and write them.
    chmodSync(root, 0o755);
    const uid = idOf('-u', 'nobody');
    const gid = idOf('-g', 'nobody');
    chownSync(dataDir, uid, gid);
    chownSync(lockDir, uid, gid);
  }

  const hash = spawnSync('openssl', ['passwd', '-apr1', '-stdin'], { input: `${APACHE_PASSWORD}\n`, encoding: 'utf8' });
  if (hash.status !== 0) throw new Error(`openssl passwd failed: ${hash.stderr}`);
  const passwords = join(root, 'htpasswd');
  writeFileSync(passwords, `${APACHE_USER}:${hash.stdout.trim()}\n`);
  chmodSync(passwords, 0o644);

  const port = await freePort();
  const conf = join(root, 'httpd.conf');
  const modules = ['mpm_prefork', 'authz_core', 'authn_core', 'authn_file', 'auth_basic', 'authz_user', 'dav', 'dav_fs', 'unixd'];
  writeFileSync(
    conf,
    [
      `ServerRoot "${root}"`,
      `DefaultRuntimeDir "${root}"`,
      `PidFile "${join(root, 'httpd.pid')}"`,
      ...modules.filter((name) => existsSync(join(MODULES, `mod_${name}.so`))).map((name) => `LoadModule ${name}_module ${MODULES}/mod_${name}.so`),
      ...(asRoot ? ['User nobody', 'Group nogroup'] : []),
      `Listen 127.0.0.1:${port}`,
      'ServerName 127.0.0.1',
      // One process (-X) serves one connection at a time: a kept-alive idle one would hold up the next.
      'KeepAlive Off',
      `ErrorLog "${join(root, 'error.log')}"`,
      'LogLevel warn',
      `DocumentRoot "${dataDir}"`,
      `DavLockDB "${join(lockDir, 'DavLock')}"`,
      `<Directory "${dataDir}">`,
      '  Dav On',
      '  AuthType Basic',
      '  AuthName "vault"',
      `  AuthUserFile "${passwords}"`,
      '  Require valid-user',
      '</Directory>',
      '',
    ].join('\n'),
  );

  // On the real clock, whatever this process runs under (the suite's second pass moves it with
  // faketime): the files' mtimes come from the kernel's real clock, and Apache compares them with
  // its own time to make an ETag weak or strong.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('FAKETIME') && name !== 'LD_PRELOAD'));
  const child: ChildProcess = spawn(APACHE_BINARY, ['-X', '-f', conf], { stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const state = { exited: false };
  child.on('exit', () => (state.exited = true));

  // Started in about a second here; the limit is for a loaded machine.
  const deadline = performance.now() + 20_000;
  while (!(await accepts(port))) {
    if (state.exited || performance.now() > deadline) {
      child.kill('SIGKILL');
      const log = existsSync(join(root, 'error.log')) ? readFileSync(join(root, 'error.log'), 'utf8') : '';
      rmSync(root, { recursive: true, force: true });
      throw new Error(`Apache did not start on port ${port}:\n${stderr}\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }

  return {
    url: `http://127.0.0.1:${port}/`,
    username: APACHE_USER,
    password: APACHE_PASSWORD,
    dataDir,
    async stop() {
      if (!state.exited) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
