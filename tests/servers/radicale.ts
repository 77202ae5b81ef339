import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DavRequest } from '../../lib/calendar/caldav/request';

/**
 * A real CalDAV server for tests: Debian's Radicale on a free loopback port, with a generated
 * config, its own storage folder and a throwaway user whose password is hashed by
 * `openssl passwd -apr1` (htpasswd md5). `/usr/bin/radicale`, not `python3 -m radicale`: the
 * python3 first on PATH may not be Debian's.
 *
 * Nothing here reads the clock: unit tests fake Date, so waiting for the server counts attempts,
 * and the real timers (which are not faked) space them. `stop()` then `start()` runs it again on
 * the same port and storage, as a server that went away and came back.
 */

export interface RadicaleServer {
  /** http://127.0.0.1:PORT/ */
  url: string;
  user: string;
  password: string;
  start: () => Promise<void>;
  stop: () => Promise<void>;
  /** Stops it and deletes its folder. */
  dispose: () => Promise<void>;
}

const RADICALE = '/usr/bin/radicale';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startRadicale(): Promise<RadicaleServer> {
  const dir = mkdtempSync(join(tmpdir(), 'radicale-'));
  const storage = join(dir, 'collections');
  mkdirSync(storage);
  const user = 'repay-test';
  const password = randomBytes(12).toString('hex');
  const hash = execFileSync('openssl', ['passwd', '-apr1', password], { encoding: 'utf8' }).trim();
  writeFileSync(join(dir, 'users'), `${user}:${hash}\n`);
  const port = await freePort();
  const config = join(dir, 'config');
  writeFileSync(
    config,
    [
      '[server]',
      `hosts = 127.0.0.1:${String(port)}`,
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${join(dir, 'users')}`,
      'htpasswd_encryption = md5',
      // Radicale waits after a failed login; a test of a wrong password need not.
      'delay = 0',
      '[rights]',
      'type = owner_only',
      '[storage]',
      `filesystem_folder = ${storage}`,
      '[logging]',
      'level = error',
      '',
    ].join('\n'),
  );

  const url = `http://127.0.0.1:${String(port)}/`;
  let child: ChildProcess | null = null;
  let output = '';

  const start = async () => {
    output = '';
    const process_ = spawn(RADICALE, ['--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = process_;
    process_.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    process_.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const state = { exited: false };
    process_.once('exit', () => (state.exited = true));
    for (let attempt = 0; attempt < 300; attempt += 1) {
      if (state.exited) throw new Error(`Radicale exited at start:\n${output}`);
      try {
        await fetch(url, { method: 'OPTIONS' });
        return;
      } catch {
        await sleep(50);
      }
    }
    throw new Error(`Radicale did not answer on ${url}:\n${output}`);
  };

  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };

  await start();
  return {
    url,
    user,
    password,
    start,
    stop,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A DavRequest over Node's fetch with Basic auth, as the extension's transport will make one. */
export function davRequest(user: string, password: string): DavRequest {
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  return async (method, url, init) => {
    const response = await fetch(url, { method, headers: { authorization, ...init.headers }, body: init.body });
    return { status: response.status, headers: response.headers, body: await response.text(), url: response.url };
  };
}
