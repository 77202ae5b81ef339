import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatMessage } from '../../tests/locale-messages';
import { openDatabase } from '../db/database';
import { replanAllAgreements } from '../db/replan-all';
import { ReminderPlanFailed, saveAgreement } from '../db/save-agreement';
import { describeDataError } from './describe-error';
import { exportBackup, serialiseBackup } from './export';
import { BackupError, sealBackup, type BackupDocument, type BackupProblem } from './format';
import { applyBackup, importBackup, parseBackup } from './import';
import { dumpContent, dumpDatabase, seedEveryField } from './test-support';

/**
 * An import plans every agreement's reminders before its one write transaction: the records and
 * their reminders land together, or nothing is written and the message says so.
 */

const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const PLAN = { now: NOW, hour: 9, milestones: {}, leadDays: [1] };
type Row = Record<string, unknown>;

const withStores = async (doc: BackupDocument, change: (stores: Record<string, Row[]>) => void) => {
  const stores = structuredClone(doc.stores) as Record<string, Row[]>;
  change(stores);
  const { format, formatVersion, schemaVersion, exportedAt } = doc;
  return JSON.stringify(await sealBackup({ format, formatVersion, schemaVersion, exportedAt, stores }));
};

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

async function problemOf(text: string): Promise<BackupProblem> {
  const error = await refusal(parseBackup(text, { now: NOW }));
  expect(error).toBeInstanceOf(BackupError);
  return (error as BackupError).problem;
}

describe('reminders planned with the import', () => {
  it('writes every agreement with its reminders planned in the same transaction, as a re-plan would', async () => {
    await seedEveryField(NOW);
    const doc = await exportBackup(NOW);
    // A file without any reminder: the import plans them all.
    const file = await withStores(doc, (stores) => void (stores.reminders = []));
    const db = await openDatabase();
    await db.clear('reminders');
    await importBackup(file, 'replace', PLAN);
    const agreements = await db.getAll('agreements');
    for (const agreement of agreements) expect((await db.getAllFromIndex('reminders', 'by-agreement', agreement.id)).length, agreement.id).toBeGreaterThan(0);
    const imported = await dumpDatabase();
    // Nothing is left for a re-plan with the same settings to do.
    await replanAllAgreements(PLAN);
    expect(await dumpDatabase()).toBe(imported);
  });

  it('keeps a reminder already shown as shown, replacing and merging', async () => {
    const { extension } = await seedEveryField(NOW);
    const db = await openDatabase();
    const shown = (await db.getAllFromIndex('reminders', 'by-agreement', extension.id)).filter((r) => r.notifiedAt !== null);
    expect(shown).toHaveLength(1);
    const doc = await exportBackup(NOW);
    // Every record comes back as it was (their stamps are written anew).
    const before = await dumpContent();
    await importBackup(serialiseBackup(doc), 'merge', PLAN);
    expect(await dumpContent()).toBe(before);
    await importBackup(serialiseBackup(doc), 'replace', PLAN);
    expect(await dumpContent()).toBe(before);
    expect(await db.get('reminders', shown[0]!.id)).toEqual(shown[0]);
  });

  it('merging, re-plans the agreements only in the database and drops their reminders no longer planned', async () => {
    await seedEveryField(NOW);
    const doc = await exportBackup(NOW);
    const only = await saveAgreement({ lender: 'Only here', kind: 'settlement', amountFen: 5_000, dueDate: '2027-03-01' }, PLAN);
    const db = await openDatabase();
    // A stale reminder of that agreement (from an older plan): the merge re-plans it away.
    await db.put('reminders', { id: `${only.id}:pay:2027-02-01`, agreementId: only.id, code: 'pay', dueDate: '2027-02-01', fireDate: '2027-02-01', provisional: false, fireAt: NOW, pending: 1, notifiedAt: null });
    await importBackup(serialiseBackup(doc), 'merge', PLAN);
    const reminders = await db.getAllFromIndex('reminders', 'by-agreement', only.id);
    expect(reminders.map((r) => r.dueDate)).not.toContain('2027-02-01');
    expect(reminders.map((r) => r.code)).toContain('pay');
  });

  it('refuses, writing nothing, a merge when an agreement already in the database cannot be planned', async () => {
    const { extension } = await seedEveryField(NOW);
    const doc = await exportBackup(NOW);
    const db = await openDatabase();
    // Written by an older build, which let an import through with a date no reminder can be planned for.
    await db.put('agreements', { ...extension, id: 'old-import', lender: '旧导入', dueDate: '2200-01-01' });
    const before = await dumpDatabase();
    const error = await refusal(importBackup(serialiseBackup(doc), 'merge', PLAN));
    expect(error).toBeInstanceOf(BackupError);
    expect((error as BackupError).problem).toEqual({ code: 'unplannable-existing', lender: '旧导入' });
    expect(describeDataError(error)).toBe('本机已有的协议“旧导入”无法安排提醒，请先核对并修改它的日期。');
    expect(await dumpDatabase()).toBe(before);
    // Replacing everything removes it, so that import goes through.
    await importBackup(serialiseBackup(doc), 'replace', PLAN);
    expect(await db.get('agreements', 'old-import')).toBeUndefined();
  });

  it('refuses, writing nothing, when the reminder settings cannot be planned with, and says nothing was saved', async () => {
    await seedEveryField(NOW);
    const doc = await exportBackup(NOW);
    const before = await dumpDatabase();
    const error = await refusal(applyBackup(await parseBackup(serialiseBackup(doc), { now: NOW }), 'replace', { ...PLAN, hour: 25 }));
    expect(error).toBeInstanceOf(ReminderPlanFailed);
    expect(describeDataError(error)).toBe('无法为这些日期安排提醒，未保存任何内容。请核对日期和提醒设置。');
    expect(await dumpDatabase()).toBe(before);
  });

  it('writes nothing when a reminder cannot be written (a full disk)', async () => {
    await seedEveryField(NOW);
    const doc = await exportBackup(NOW);
    const backup = await parseBackup(serialiseBackup(doc), { now: NOW });
    await saveAgreement({ lender: 'Only here', kind: 'waiver', amountFen: 1, dueDate: '2027-01-01' }, PLAN);
    const before = await dumpDatabase();
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called back with its own `this`
    const put = IDBObjectStore.prototype.put;
    let reminders = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'reminders' && ++reminders === 5) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    for (const mode of ['replace', 'merge'] as const) {
      reminders = 0;
      const error = await refusal(applyBackup(backup, mode, PLAN));
      expect(describeDataError(error)).toContain('未保存任何内容');
      expect(await dumpDatabase()).toBe(before);
    }
  });
});

describe('what planning needs is checked before anything is written', () => {
  it('refuses a negative or fractional waived amount, which the stored outline of details lets through', async () => {
    await seedEveryField(NOW);
    const doc = await exportBackup(NOW);
    const waiver = (doc.stores.agreements as Row[]).findIndex((row) => row.kind === 'waiver');
    for (const waivedFen of [-1, -8_000, 0.5]) {
      const file = await withStores(doc, (stores) => void ((stores.agreements![waiver]!.details as Row).waivedFen = waivedFen));
      expect(await problemOf(file)).toEqual({ code: 'invalid-record', store: 'agreements', index: waiver, field: 'details.waivedFen' });
    }
  });

  it('refuses a day outside the range the forms and the planner accept, and says which', async () => {
    await seedEveryField(NOW);
    const doc = await exportBackup(NOW);
    const file = await withStores(doc, (stores) => void (stores.payments![0]!.paidOn = '2101-01-01'));
    expect(await problemOf(file)).toEqual({ code: 'invalid-record', store: 'payments', index: 0, field: 'paidOn' });
    const late = await withStores(doc, (stores) => void (stores.agreements![0]!.dueDate = '2200-01-01'));
    const problem = await problemOf(late);
    expect(problem).toEqual({ code: 'day-out-of-range', store: 'agreements', index: 0, field: 'dueDate', day: '2200-01-01' });
    expect(describeDataError(new BackupError(problem))).toBe('协议第1条记录的“dueDate”字段是2200-01-01，不在2000-01-01至2100-12-31之间。');
  });

  it('refuses a plan whose periods do not add up to the amount', async () => {
    await seedEveryField(NOW);
    const doc = await exportBackup(NOW);
    const index = (doc.stores.agreements as Row[]).findIndex((row) => row.plan !== undefined);
    const file = await withStores(doc, (stores) => void (stores.agreements![index]!.amountFen = 100_000));
    const problem = await problemOf(file);
    expect(problem).toEqual({ code: 'plan-does-not-add-up', store: 'agreements', index, field: 'plan.dues', sumFen: 90_000, amountFen: 100_000 });
    expect(describeDataError(new BackupError(problem))).toBe(`协议第${String(index + 1)}条记录：各期金额合计¥900.00，与总额¥1,000.00不符。`);
  });

  it('reports a store named like a prototype property as an unknown store', async () => {
    await seedEveryField(NOW);
    const doc = await exportBackup(NOW);
    const text = serialiseBackup(doc).replace('"stores": {', '"stores": {\n    "__proto__": [],');
    const file = JSON.stringify(await sealBackup(JSON.parse(text) as BackupDocument));
    expect(file).toContain('"__proto__":[]');
    expect(await problemOf(file)).toEqual({ code: 'unknown-store', store: '__proto__' });
  });

  it('says it in English too', async () => {
    fakeBrowser.i18n.getMessage = (key: string, substitutions?: string | (string | number)[]) =>
      formatMessage('en', key, Array.isArray(substitutions) ? substitutions.map(String) : substitutions);
    const describe = (problem: BackupProblem) => describeDataError(new BackupError(problem));
    expect(describe({ code: 'unknown-field', store: 'payments', index: 0, field: '__proto__' })).toBe('Payments, record 1: the field "__proto__" is not one this version knows.');
    expect(describe({ code: 'day-out-of-range', store: 'reminders', index: 2, field: 'fireDate', day: '0099-01-01' })).toBe(
      'Reminders, record 3: the field "fireDate" is 0099-01-01, outside 2000-01-01 to 2100-12-31.',
    );
    expect(describe({ code: 'unplannable', store: 'agreements', index: 0, field: 'dueDate' })).toBe('Agreements, record 1: no reminders can be planned from the field "dueDate".');
    expect(describeDataError(new ReminderPlanFailed({ code: 'invalid-hour' }))).toBe(
      'Reminders could not be planned for these dates, so nothing was saved. Check the dates and the reminder settings.',
    );
  });
});
