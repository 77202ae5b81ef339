import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../db/attachments';
import { DB_VERSION } from '../db/migrations';
import { MAX_FEN } from '../domain/money';
import { t } from '../i18n';
import { describeDataError, STORE_LABELS } from './describe-error';
import { exportBackup, serialiseBackup } from './export';
import { BACKUP_FORMAT_VERSION, BackupError, sealBackup, type BackupDocument } from './format';
import { importBackup, type ImportMode } from './import';
import type { BackupStoreName } from './stores';
import { dumpContent, dumpDatabase, seedEveryField } from './test-support';

/**
 * A refused file changes nothing, and says why. From a valid backup holding every field of every
 * store, each case below damages one thing (every field of every store in turn, with values of the
 * wrong type, out of range, negative or fractional money, days that do not exist or lie outside
 * DAY_RANGE, oversized strings; prototype keys; unknown stores; plans that do not add up; bad
 * details…), imports it, and checks that the import is refused with a message naming the store,
 * the record and the field, and that the database (every store, Blob bytes included) is
 * byte-for-byte what it was.
 */

const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const PLAN = { now: NOW, hour: 9, milestones: {}, leadDays: [1] };
type Row = Record<string, unknown>;
type Path = (string | number)[];

/** What a case must be refused with: a record's problem (store, record, field) or just a code. */
type Expected = { store: string; index: number; field: string; code?: string | readonly string[] } | { code: string; store?: string };

interface Case {
  name: string;
  text: string;
  expected: Expected;
}

const body = (doc: BackupDocument) => ({ format: doc.format, formatVersion: doc.formatVersion, schemaVersion: doc.schemaVersion, exportedAt: doc.exportedAt, stores: doc.stores });
const resealed = async (doc: BackupDocument, stores: Record<string, unknown[]>) => JSON.stringify(await sealBackup({ ...body(doc), stores }));
const clone = <T,>(value: T): T => structuredClone(value);

/** Sets an own property, even `__proto__` (which plain assignment would take as the prototype). */
function setOwn(target: Row, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function at(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], root);
}

function isBlobTag(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && '$blob' in value;
}

/** Every leaf of a record (a Blob tag counts as one), and every object inside it, with concrete paths. */
function walk(value: unknown, path: Path = [], out: { leaves: Path[]; objects: Path[] } = { leaves: [], objects: [] }) {
  if (Array.isArray(value)) value.forEach((inner, index) => walk(inner, [...path, index], out));
  else if (typeof value === 'object' && value !== null && !isBlobTag(value)) {
    out.objects.push(path);
    for (const [key, inner] of Object.entries(value)) walk(inner, [...path, key], out);
  } else out.leaves.push(path);
  return out;
}

/** `plan.dues.*.date`: a path with its array positions replaced, to look its kind of field up. */
const shape = (store: string, path: Path) => `${store}:${path.map((key) => (typeof key === 'number' ? '*' : key)).join('.')}`;

const long = (length: number, char = '借') => char.repeat(length);
const text = (max: number, { nonBlank = false } = {}) => [long(max + 1), long(max + 1, 'a'), 42, null, ...(nonBlank ? ['   '] : [])];

const DAY = ['2026-02-30', '2026-04-31', '0099-01-01', '2200-01-01', '1999-12-31', '2101-01-01', '2026-1-5', ' 2026-12-15', '', 20261215];
const ID = ['', long(257, 'x'), 42, null];
const REF = ['', 42, null];
const MONEY = [-1, -10_000, 0.5, 12.34, MAX_FEN + 1, 1e300, '100', null];
const POSITIVE_MONEY = [0, -1, 0.5, MAX_FEN + 1, '100', null];
const TIME = [-1, 1.5, 2 ** 53, '1795140000000', null];
const ANY_INT = [1.5, 2 ** 53, '1', null];
const NULLABLE_TIME = [1.5, 2 ** 53, '1', true];
const BOOL = ['true', 1, null];
const ENUM = ['bogus', '', 42, null];
const NULLABLE_ENUM = ['bogus', '', 42];

/**
 * The values each field of each store must refuse, by field. A field in the seeded file that is
 * missing here fails the test: every field is damaged.
 */
const BAD: Record<string, unknown[]> = {
  'agreements:id': ID,
  'agreements:lender': text(60, { nonBlank: true }),
  'agreements:kind': ENUM,
  'agreements:amountFen': MONEY,
  'agreements:dueDate': DAY,
  'agreements:createdAt': TIME,
  'agreements:updatedAt': TIME,
  'agreements:demo': BOOL,
  'agreements:followUps.*.date': DAY,
  'agreements:followUps.*.text': text(200),
  'agreements:reminders.off': BOOL,
  'agreements:escalation.collection': DAY,
  'agreements:escalation.lawyerLetter': DAY,
  'agreements:escalation.mediation': DAY,
  'agreements:reminders.leadDays.*': [-1, 91, 0.5, '1', null],
  'agreements:plan.method': ENUM,
  'agreements:plan.dayOfMonth': [0, 32, 1.5, '10', null],
  'agreements:plan.annualRatePercent': [-1, 101, '7.2', null],
  'agreements:plan.dues.*.date': DAY,
  'agreements:plan.dues.*.amountFen': MONEY,
  'agreements:details.originalDueDate': DAY,
  'agreements:details.startDate': DAY,
  'agreements:details.deferralEndDate': DAY,
  'agreements:details.submittedOn': DAY,
  'agreements:details.reason': text(500, { nonBlank: true }),
  'agreements:details.condition': text(500, { nonBlank: true }),
  'agreements:details.debitAccount': text(500, { nonBlank: true }),
  'agreements:details.partyName': text(500, { nonBlank: true }),
  'agreements:details.licence': text(500, { nonBlank: true }),
  'agreements:details.waivedFen': MONEY,
  'agreements:details.scope': ENUM,
  'agreements:details.interest': ENUM,
  'agreements:details.hardshipReason': ENUM,
  'agreements:details.partyType': ENUM,
  'agreements:details.documents.*': ['bogus', 42, null],
  'reminders:id': ID,
  'reminders:agreementId': REF,
  'reminders:code': ENUM,
  'reminders:dueDate': DAY,
  'reminders:fireDate': DAY,
  'reminders:untilDate': DAY,
  'reminders:provisional': BOOL,
  'reminders:fireAt': ANY_INT,
  'reminders:pending': [2, -1, 0.5, '1', null],
  'reminders:notifiedAt': NULLABLE_TIME,
  'notes:id': ID,
  'notes:text': text(200_000),
  'notes:updatedAt': TIME,
  'payments:id': ID,
  'payments:agreementId': REF,
  'payments:dueDate': DAY,
  'payments:paidOn': DAY,
  'payments:amountFen': POSITIVE_MONEY,
  'payments:coverage': ENUM,
  'payments:recordedAt': TIME,
  'payments:receiptRef': text(200),
  'sessions:id': ID,
  'sessions:agreementId': [42, true, {}],
  'sessions:lender': text(60),
  'sessions:channel': ENUM,
  'sessions:startedAt': TIME,
  'sessions:agentName': text(60),
  'sessions:ticket': text(80),
  'sessions:confirmationAskedAt': NULLABLE_TIME,
  'sessions:confirmationReceivedAt': NULLABLE_TIME,
  'sessions:confirmationChannel': NULLABLE_ENUM,
  'sessions:draft': text(200_000),
  'sessionNotes:id': ID,
  'sessionNotes:sessionId': REF,
  'sessionNotes:at': TIME,
  'sessionNotes:text': text(200_000),
  'sessionNotes:tags.*': ['bogus', 42, null],
  'attachments:id': ID,
  'attachments:ownerType': ENUM,
  'attachments:ownerId': REF,
  'attachments:kind': ENUM,
  'attachments:blob': ['iVBORw0KGgo=', { $blob: { type: 'image/png', base64: '@@@' } }, { $blob: 5 }, { $blob: { type: 'image/png' } }, 42, null],
  'attachments:mimeType': ['text/plain', 'image/gif', 'image/', 42, null],
  'attachments:byteLength': [-1, 1.5, '600', MAX_ATTACHMENT_BYTES + 1, 0, null],
  'attachments:capturedAt': TIME,
  'attachments:url': text(8_192),
  'attachments:title': text(1_000),
  'scriptState:id': ID,
  'scriptState:figures.monthly': text(500),
  'scriptState:figures.event': text(500),
  'scriptState:ticks.*': [long(41, 'x'), 42, null],
  'scriptState:updatedAt': TIME,
  'holidayYears:id': [...ID, '2028'],
  'holidayYears:year': [1999, 2101, 1.5, '2027', null],
  'holidayYears:holidays.*.name': ENUM,
  'holidayYears:holidays.*.from': DAY,
  'holidayYears:holidays.*.to': [...DAY, '2027-01-20'],
  'holidayYears:workdays.*': [...DAY, '2027-09-27', '2027-10-02'],
  'holidayYears:savedAt': TIME,
};

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];
const UNKNOWN_STORES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'Agreements', 'agreement', ' agreements', '', 'settings'];

async function corpus(doc: BackupDocument): Promise<Case[]> {
  const cases: Case[] = [];
  const recordCase = async (name: string, store: string, index: number, field: Path, damage: (row: Row) => void, code?: string | readonly string[]) => {
    const stores = clone(doc.stores);
    damage(stores[store]![index] as Row);
    cases.push({ name, text: await resealed(doc, stores), expected: { store, index, field: field.join('.'), ...(code ? { code } : {}) } });
  };

  // Every field of every store, each with every value its kind of field must refuse.
  const seen = new Set<string>();
  for (const [store, rows] of Object.entries(doc.stores)) {
    for (const [index, row] of rows.entries()) {
      const { leaves, objects } = walk(row);
      for (const path of leaves) {
        const key = shape(store, path);
        if (seen.has(key)) continue;
        seen.add(key);
        const values = BAD[key];
        if (!values) throw new Error(`No bad values listed for ${key}: every field is damaged, add it to BAD`);
        for (const value of values) {
          const last = path[path.length - 1]!;
          await recordCase(`${key} = ${JSON.stringify(value).slice(0, 30)}`, store, index, path, (target) => {
            (at(target, path.slice(0, -1)) as Record<string | number, unknown>)[last] = value;
          });
        }
      }
      // Prototype keys and unknown fields, at the top of the record and in each object inside it.
      for (const path of objects) {
        const key = `${shape(store, path)}{}`;
        if (seen.has(key)) continue;
        seen.add(key);
        for (const name of [...PROTOTYPE_KEYS, 'settled', 'extra']) {
          // A record-typed object (keys from a list) may refuse the key itself rather than drop it.
          await recordCase(`${key} + ${name}`, store, index, [...path, name], (target) => setOwn(at(target, path) as Row, name, 1), ['unknown-field', 'invalid-record']);
        }
      }
    }
  }
  for (const key of Object.keys(BAD)) if (!seen.has(key)) throw new Error(`${key} is listed but the seeded file has no such field`);

  const agreements = doc.stores.agreements as Row[];
  const indexOf = (kind: string) => agreements.findIndex((row) => row.kind === kind);
  const planned = indexOf('installment');
  const dues = (agreements[planned]!.plan as { dues: { date: string; amountFen: number }[] }).dues;

  // A plan whose periods do not add up to the agreement's amount.
  for (const [name, damage] of [
    ['amount one fen more', (row: Row) => void (row.amountFen = (row.amountFen as number) + 1)],
    ['amount one fen less', (row: Row) => void (row.amountFen = (row.amountFen as number) - 1)],
    ['amount zero', (row: Row) => void (row.amountFen = 0)],
    ['first period 100 fen more', (row: Row) => void ((row.plan as typeof dues & { dues: typeof dues }).dues[0]!.amountFen += 100)],
    ['last period zero', (row: Row) => void ((row.plan as { dues: typeof dues }).dues[dues.length - 1]!.amountFen = 0)],
    ['a period dropped', (row: Row) => void (row.plan as { dues: typeof dues }).dues.pop()],
  ] as const) {
    await recordCase(`plan: ${name}`, 'agreements', planned, ['plan', 'dues'], damage, 'plan-does-not-add-up');
  }
  // A plan's due date that is none of its periods.
  for (const day of ['2027-01-11', '2027-04-10', '2026-12-10']) {
    await recordCase(`plan: due date ${day}`, 'agreements', planned, ['dueDate'], (row) => void (row.dueDate = day), 'invalid-record');
  }
  // Details of another kind, or unknown to this version.
  const detailCases: [string, string, unknown][] = [
    ['extension', 'waivedFen', 100],
    ['settlement', 'reason', '工资晚发'],
    ['installment', 'reason', '工资晚发'],
    ['waiver', 'debitAccount', '招行'],
    ['deferral', 'documents', ['income-proof']],
    ['hardship', 'partyType', 'law-firm'],
  ];
  for (const [kind, field, value] of detailCases) {
    await recordCase(`details of another kind: ${kind}.${field}`, 'agreements', indexOf(kind), ['details', field], (row) => {
      row.details = { ...(row.details as Row | undefined), [field]: value };
    }, 'invalid-record');
  }
  for (const field of ['foo', 'newDueDate', 'amountFen']) {
    await recordCase(`unknown detail ${field}`, 'agreements', indexOf('extension'), ['details', field], (row) => setOwn(row.details as Row, field, 'x'), 'unknown-field');
  }

  // The same id twice in a store.
  for (const [store, rows] of Object.entries(doc.stores)) {
    if (rows.length === 0) continue;
    const stores = clone(doc.stores);
    stores[store]!.push(clone(rows[0]));
    cases.push({ name: `duplicate id in ${store}`, text: await resealed(doc, stores), expected: { code: 'duplicate-id', store } });
  }

  // Stores this version does not know, prototype names included.
  for (const store of UNKNOWN_STORES) {
    const stores = clone(doc.stores);
    setOwn(stores, store, []);
    cases.push({ name: `unknown store ${JSON.stringify(store)}`, text: await resealed(doc, stores), expected: { code: 'unknown-store', store } });
  }

  // The envelope: unknown fields, wrong versions, a wrong checksum, damaged JSON.
  const pristine = serialiseBackup(doc);
  for (const field of ['__proto__', 'constructor', 'extra']) {
    const file = JSON.parse(pristine) as Row;
    setOwn(file, field, 1);
    cases.push({ name: `envelope + ${field}`, text: JSON.stringify(file), expected: { code: 'malformed' } });
  }
  for (const [field, value, code] of [
    ['formatVersion', BACKUP_FORMAT_VERSION + 1, 'format-too-new'],
    ['schemaVersion', DB_VERSION + 1, 'schema-too-new'],
    ['formatVersion', 0, 'malformed'],
    ['schemaVersion', 1.5, 'malformed'],
    ['exportedAt', -1, 'malformed'],
    ['exportedAt', 'yesterday', 'malformed'],
    ['stores', [], 'malformed'],
    ['format', 'repay-companion-encrypted-backup', 'not-backup'],
  ] as const) {
    cases.push({ name: `envelope ${field} = ${String(value)}`, text: JSON.stringify({ ...JSON.parse(pristine), [field]: value }), expected: { code } });
  }
  cases.push({ name: 'checksum of another file', text: JSON.stringify({ ...doc, checksum: '0'.repeat(64) }), expected: { code: 'checksum' } });
  cases.push({ name: 'a value changed after export', text: pristine.replace(`"amountFen": ${String(agreements[0]!.amountFen)}`, `"amountFen": ${String((agreements[0]!.amountFen as number) + 1)}`), expected: { code: 'checksum' } });
  for (const length of [0, 1, 100, Math.floor(pristine.length / 2), pristine.length - 3]) {
    cases.push({ name: `truncated at ${String(length)}`, text: pristine.slice(0, length), expected: { code: 'not-json' } });
  }
  for (const text of ['null', '[]', '42', '"repay-companion-backup"', '{}']) cases.push({ name: `not a backup: ${text}`, text, expected: { code: 'not-backup' } });
  return cases;
}

/** The refusal matches what the case damaged, and its message (in the UI language) names it. */
function checkRefusal(error: unknown, { name, expected }: Case): void {
  expect(error, name).toBeInstanceOf(BackupError);
  const problem = (error as BackupError).problem as Record<string, unknown>;
  if (expected.code !== undefined) expect([expected.code].flat(), name).toContain(problem.code);
  if (expected.store !== undefined) expect(problem.store, name).toBe(expected.store);
  if (!('index' in expected)) return;
  expect(problem.index, name).toBe(expected.index);
  const field = String(problem.field);
  // The damaged field itself, or the part of it a rule is about (a list's element, a plan's periods).
  const related = field === expected.field || field.startsWith(`${expected.field}.`) || expected.field.startsWith(`${field}.`);
  expect(related, `${name}: reported "${field}"`).toBe(true);
  const message = describeDataError(error);
  expect(message, name).toContain(`第${String(expected.index + 1)}条`);
  expect(message, name).toContain(describeStore(expected.store));
  if (problem.code !== 'plan-does-not-add-up') expect(message, name).toContain(field.slice(0, 80));
}

const describeStore = (store: string) => (Object.hasOwn(STORE_LABELS, store) ? t(STORE_LABELS[store as BackupStoreName]) : store);

describe('importing a malformed backup', () => {
  it('refuses every one of at least 300 damaged files by name, and leaves the database byte-for-byte unchanged', async () => {
    await seedEveryField(NOW);
    const doc = await exportBackup(NOW);
    const pristine = serialiseBackup(doc);
    // Every store has a record to damage (a new store needs one in seedEveryField).
    expect(Object.keys(doc.stores).filter((store) => doc.stores[store]?.length === 0), 'stores without a record: seed one in seedEveryField (test-support.ts), list its fields in BAD').toEqual([]);
    const cases = await corpus(doc);
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const before = await dumpDatabase();
    for (const [i, item] of cases.entries()) {
      const mode: ImportMode = i % 2 === 0 ? 'replace' : 'merge';
      const error: unknown = await importBackup(item.text, mode, PLAN).then(
        () => null,
        (e: unknown) => e,
      );
      checkRefusal(error, item);
      expect(await dumpDatabase(), item.name).toBe(before);
    }
    // And the pristine file imports, reminders planned as they were: the refusals were about the damage.
    // (Every record comes back as it was; their stamps are written anew.)
    const content = await dumpContent();
    await importBackup(pristine, 'replace', PLAN);
    expect(await dumpContent()).toBe(content);
  }, 60_000);

  it('refuses random damage too: truncation, wrong types, versions, duplicates, huge strings, checksums, unknown stores, any JSON', async () => {
    await seedEveryField(NOW);
    const doc = await exportBackup(NOW);
    const before = await dumpDatabase();
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(randomFiles(doc), fc.constantFrom('replace' as const, 'merge' as const), async (file, mode) => {
        await expect(importBackup(await file, mode, PLAN)).rejects.toBeInstanceOf(BackupError);
        expect(await dumpDatabase()).toBe(before);
        refused += 1;
      }),
      { numRuns: 120 },
    );
    expect(refused).toBe(120);
  }, 60_000);
});

/** A value whose JSON type differs from the original's, so no schema field can accept both. */
function wrongTypeFor(original: unknown): fc.Arbitrary<unknown> {
  const all: [string, fc.Arbitrary<unknown>][] = [
    ['string', fc.string()],
    ['number', fc.double({ noNaN: true, noDefaultInfinity: true })],
    ['boolean', fc.boolean()],
    ['array', fc.array(fc.integer(), { maxLength: 3 })],
    ['object', fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }), fc.integer(), { minKeys: 1, maxKeys: 2 })],
  ];
  const kind = Array.isArray(original) ? 'array' : original === null ? 'null' : typeof original;
  return fc.oneof(...all.filter(([k]) => k !== kind).map(([, arb]) => arb));
}

/** Randomly damaged files, each of which must be refused. */
function randomFiles(doc: BackupDocument): fc.Arbitrary<Promise<string>> {
  const text = serialiseBackup(doc);
  const stores = Object.entries(doc.stores).filter(([, rows]) => rows.length > 0);

  const truncated = fc.nat({ max: text.length - 2 }).map(async (length) => text.slice(0, length));

  const wrongType = fc
    .constantFrom(...stores)
    .chain(([store, rows]) =>
      fc.nat({ max: rows.length - 1 }).chain((index) => {
        const row = rows[index] as Row;
        return fc.constantFrom(...Object.keys(row)).chain((field) => wrongTypeFor(row[field]).map((value) => ({ store, index, field, value })));
      }),
    )
    .map(async ({ store, index, field, value }) => {
      const next = clone(doc.stores);
      (next[store]![index] as Row)[field] = value;
      return resealed(doc, next);
    });

  const wrongVersion = fc
    .record({
      field: fc.constantFrom('formatVersion', 'schemaVersion'),
      value: fc.oneof(
        fc.integer({ min: 1, max: 1000 }).map((n) => n + Math.max(BACKUP_FORMAT_VERSION, DB_VERSION)),
        fc.integer({ min: -5, max: 0 }),
        fc.double({ min: 0.1, max: 0.9 }),
        fc.string(),
        fc.constant(null),
      ),
      reseal: fc.boolean(),
    })
    .map(async ({ field, value, reseal }) => {
      const next = { ...body(doc), [field]: value };
      return JSON.stringify(reseal ? await sealBackup(next) : { ...next, checksum: doc.checksum });
    });

  const duplicateId = fc
    .constantFrom(...stores)
    .chain(([store, rows]) => fc.tuple(fc.constant(store), fc.nat({ max: rows.length - 1 }), fc.nat({ max: rows.length })))
    .map(async ([store, from, at]) => {
      const next = clone(doc.stores);
      const rows = next[store]!;
      rows.splice(at, 0, clone(rows[from]));
      return resealed(doc, next);
    });

  const hugeString = fc
    .record({
      target: fc.constantFrom(['agreements', 'lender', 61], ['notes', 'text', 200_001], ['agreements', 'id', 257], ['payments', 'id', 257], ['attachments', 'url', 8_193], ['attachments', 'mimeType', 1]),
      extra: fc.nat({ max: 2_000_000 }),
      char: fc.constantFrom('a', '借', ' ', '"'),
    })
    .map(async ({ target: [store, field, min], extra, char }) => {
      const next = clone(doc.stores);
      (next[store as string]![0] as Row)[field as string] = `x${char.repeat((min as number) + extra)}x`;
      return resealed(doc, next);
    });

  const wrongChecksum = fc
    .oneof(
      fc.tuple(fc.nat({ max: 63 }), fc.constantFrom(...'0123456789abcdef'.split(''))).map(([at, hex]) => {
        const flipped = doc.checksum[at] === hex ? (hex === '0' ? '1' : '0') : hex;
        return { ...doc, checksum: doc.checksum.slice(0, at) + flipped + doc.checksum.slice(at + 1) };
      }),
      fc.integer({ min: 1, max: 1000 }).map((delta) => {
        const next = clone(doc);
        (next.stores.agreements![0] as Row).amountFen = ((next.stores.agreements![0] as Row).amountFen as number) + delta;
        return next;
      }),
      fc.string().map((checksum) => ({ ...doc, checksum })),
    )
    .map(async (next) => JSON.stringify(next));

  const unknownStore = fc
    .string({ minLength: 1, maxLength: 12 })
    .filter((name) => !Object.hasOwn(doc.stores, name))
    .map(async (name) => {
      const next = clone(doc.stores);
      setOwn(next, name, []);
      return resealed(doc, next);
    });

  const notABackup = fc.json().map(async (json) => json);

  return fc.oneof(truncated, wrongType, wrongVersion, duplicateId, hugeString, wrongChecksum, unknownStore, notABackup);
}
