import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatMessage } from '../../tests/locale-messages';
import { RemoteError } from './remote';
import { describeSyncStatus, EMPTY_STATUS, formatClock, problemOf, readSyncStatus, SYNC_PROBLEMS, syncProblemText, writeSyncStatus, type SyncStatus } from './status';
import { VaultError } from './vault/errors';

// Friday 20 November 2026, 09:00 on this computer's clock, whatever its zone (the suite also runs in
// Los Angeles): the times shown are local.
const TEST_NOW = new Date(2026, 10, 20, 9, 0).getTime();
const MINUTE = 60_000;

beforeEach(() => {
  vi.setSystemTime(TEST_NOW);
});

function inEnglish(): void {
  fakeBrowser.i18n.getMessage = (key: string, substitutions?: string | (string | number)[]) =>
    formatMessage('en', key, Array.isArray(substitutions) ? substitutions.map(String) : substitutions);
  fakeBrowser.i18n.getUILanguage = () => 'en';
}

const synced = (at: number): SyncStatus => ({ v: 1, failures: 0, lastAttemptAt: at, lastSyncedAt: at, report: { pulled: 2, pushed: 3, conflicts: 0, problems: 0 } });

describe('the sync status in the user’s words', () => {
  it('says when it last synced and what it did, in Chinese', () => {
    expect(describeSyncStatus(EMPTY_STATUS, TEST_NOW)).toEqual({ tone: 'never', headline: '还没有同步过', details: [] });
    expect(describeSyncStatus(synced(TEST_NOW - 20_000), TEST_NOW)).toEqual({ tone: 'ok', headline: '刚刚同步过', details: ['收到2项更改，发出3项。'] });
    expect(describeSyncStatus(synced(TEST_NOW - 2 * MINUTE), TEST_NOW).headline).toBe('2分钟前同步过');
    expect(describeSyncStatus(synced(TEST_NOW - 61 * MINUTE), TEST_NOW).headline).toBe('今天07:59同步过');
    expect(describeSyncStatus(synced(TEST_NOW - 24 * 60 * MINUTE), TEST_NOW).headline).toBe('11月19日 周四 09:00同步过');
  });

  it('says the same in English', () => {
    inEnglish();
    expect(describeSyncStatus(synced(TEST_NOW - 20_000), TEST_NOW, 'en')).toEqual({ tone: 'ok', headline: 'Synced just now', details: ['Changes received: 2; sent: 3.'] });
    expect(describeSyncStatus(synced(TEST_NOW - MINUTE), TEST_NOW, 'en').headline).toBe('Synced 1 minute ago');
    expect(describeSyncStatus(synced(TEST_NOW - 2 * MINUTE), TEST_NOW, 'en').headline).toBe('Synced 2 minutes ago');
    expect(describeSyncStatus(synced(TEST_NOW - 61 * MINUTE), TEST_NOW, 'en').headline).toBe('Synced today at 07:59');
    expect(describeSyncStatus(synced(TEST_NOW - 24 * 60 * MINUTE), TEST_NOW, 'en').headline).toBe('Synced Thu 19 Nov, 09:00');
  });

  it('says when a busy server is tried again, and what the last success was', () => {
    const busy: SyncStatus = { ...synced(TEST_NOW - 10 * MINUTE), problem: 'busy', failures: 1, retryAt: TEST_NOW + 5 * MINUTE };
    expect(describeSyncStatus(busy, TEST_NOW)).toEqual({ tone: 'problem', headline: '同步服务器繁忙，将在09:05重试。', details: ['10分钟前同步过'] });
    // Once the time has passed, no stale time is shown.
    expect(describeSyncStatus(busy, TEST_NOW + 6 * MINUTE).headline).toBe('同步服务器繁忙，稍后会自动重试。');
    inEnglish();
    expect(describeSyncStatus(busy, TEST_NOW, 'en').headline).toBe('Server busy, retrying at 09:05.');
    expect(describeSyncStatus({ ...EMPTY_STATUS, problem: 'network', failures: 2, retryAt: TEST_NOW + 20 * 60 * MINUTE }, TEST_NOW, 'en')).toEqual({
      tone: 'problem',
      headline: 'Could not reach the sync server, retrying at Sat 21 Nov, 05:00.',
      details: ['Not synced yet'],
    });
  });

  it('names every problem in both languages, and progress while running', () => {
    const zh = SYNC_PROBLEMS.map(syncProblemText);
    expect(new Set(zh).size).toBe(SYNC_PROBLEMS.length);
    expect(zh.every((text) => /[\u4e00-\u9fff]/.test(text))).toBe(true);
    expect(syncProblemText('auth')).toBe('同步服务器拒绝了用户名或密码。');
    expect(describeSyncStatus({ ...EMPTY_STATUS, running: { since: TEST_NOW, phase: 'pull', done: 3, total: 10 } }, TEST_NOW).headline).toBe('正在同步：接收更改（3/10）');
    inEnglish();
    expect(syncProblemText('no-permission')).toBe('No permission for this server. Choose “Allow access to the sync server”, then sync.');
    expect(syncProblemText('auth')).toBe('Wrong user name or password: the sync server refused them.');
    expect(describeSyncStatus({ ...EMPTY_STATUS, running: { since: TEST_NOW, done: 0, total: 0 } }, TEST_NOW).headline).toBe('Syncing…');
  });

  it('writes times as a clock today and with the day otherwise', () => {
    expect(formatClock(TEST_NOW, TEST_NOW, 'zh-CN')).toBe('09:00');
    expect(formatClock(TEST_NOW + 24 * 60 * MINUTE, TEST_NOW, 'zh-CN')).toBe('11月21日 周六 09:00');
  });
});

describe('errors as problems', () => {
  it('maps the transport’s and the vault’s errors, and anything else to a server error', () => {
    expect(problemOf(new RemoteError('auth', 'x', 401))).toBe('auth');
    expect(problemOf(new RemoteError('busy', 'x', 503, 1000))).toBe('busy');
    expect(problemOf(new RemoteError('truncated', 'x'))).toBe('damaged');
    expect(problemOf(new RemoteError('precondition', 'x', 412))).toBe('server');
    expect(problemOf(new VaultError('vault-replaced', 'vault.json'))).toBe('vault-replaced');
    expect(problemOf(new VaultError('file-unsupported', 'd/x'))).toBe('unsupported');
    expect(problemOf(new VaultError('file-damaged', 'd/x'))).toBe('damaged');
    expect(problemOf(new Error('?'))).toBe('server');
  });
});

describe('the stored status', () => {
  it('reads back what was written, and an unreadable one as empty', async () => {
    expect(await readSyncStatus()).toEqual(EMPTY_STATUS);
    await writeSyncStatus(synced(TEST_NOW));
    expect(await readSyncStatus()).toEqual(synced(TEST_NOW));
    await fakeBrowser.storage.local.set({ syncStatus: { v: 9 } });
    expect(await readSyncStatus()).toEqual(EMPTY_STATUS);
  });
});
