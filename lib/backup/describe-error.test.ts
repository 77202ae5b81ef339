import { describe, expect, it, vi } from 'vitest';
import { AttachmentTooLargeError, NotAnImageError } from '../db/attachments';
import { DatabaseTooNewError } from '../db/database';
import { saveAgreement } from '../db/save-agreement';
import { describeDataError, isQuotaExceeded } from './describe-error';
import { exportBackup, serialiseBackup } from './export';
import { BackupError } from './format';
import { applyBackup, parseBackup } from './import';
import { dumpDatabase } from './test-support';

const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('describeDataError', () => {
  it('says what the user needs to know, in the UI language', () => {
    expect(isQuotaExceeded(quotaError())).toBe(true);
    expect(isQuotaExceeded(new Error('x'))).toBe(false);
    expect(describeDataError(quotaError())).toBe('存储空间不足，未保存任何内容。请释放磁盘空间或删除旧的证据后重试。');
    expect(describeDataError(new DatabaseTooNewError())).toContain('更新版本');
    expect(describeDataError(new BackupError({ code: 'invalid-record', store: 'payments', index: 2, field: 'amountFen' }))).toBe(
      '还款记录第3条记录的“amountFen”字段有误。',
    );
    expect(describeDataError(new BackupError({ code: 'checksum' }))).toContain('校验和不符');
    expect(describeDataError(new Error('boom'))).toBe('出错了：boom');
    expect(describeDataError(new AttachmentTooLargeError(30_000_000))).toBe('图片超过20 MB，未保存。');
    expect(describeDataError(new NotAnImageError('application/pdf'))).toBe('该文件不是图片，未保存。');
  });
});

describe('a write that runs out of space', () => {
  it('an import that fails half-way writes nothing', async () => {
    const plan = { now: NOW, hour: 9 };
    for (const lender of ['A', 'B', 'C']) await saveAgreement({ lender, kind: 'extension', amountFen: 100, dueDate: '2026-12-15' }, plan);
    const backup = await parseBackup(serialiseBackup(await exportBackup(NOW)));
    await saveAgreement({ lender: 'Only here', kind: 'waiver', amountFen: 1, dueDate: '2027-01-01' }, plan);
    const before = await dumpDatabase();

    // The third put finds the disk full, after the stores were cleared and two records written.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called back with its own `this`
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      calls += 1;
      if (calls === 3) throw quotaError();
      return put.apply(this, args);
    });
    const failure: unknown = await applyBackup(backup, 'replace').catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(isQuotaExceeded(failure)).toBe(true);
    expect(describeDataError(failure)).toContain('未保存任何内容');
    expect(await dumpDatabase()).toBe(before);
  });

  it('saving an agreement that fails leaves no agreement without reminders', async () => {
    const before = await dumpDatabase();
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called back with its own `this`
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'reminders') throw quotaError();
      return put.apply(this, args);
    });
    const failure: unknown = await saveAgreement({ lender: 'A', kind: 'extension', amountFen: 100, dueDate: '2026-12-15' }, { now: NOW, hour: 9 }).catch(
      (e: unknown) => e,
    );
    vi.restoreAllMocks();
    expect(isQuotaExceeded(failure)).toBe(true);
    expect(await dumpDatabase()).toBe(before);
  });
});
