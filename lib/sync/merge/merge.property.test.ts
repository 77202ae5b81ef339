import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRev, receive, tick, type ClockState } from '../../db/hlc';
import { possibleDuplicatePayments, type SyncedPayment } from './payments';
import { editOver, includedIn, localEdit, mergeSiblings, type Siblings } from './siblings';
import { resolveRecord } from './view';

/**
 * A model of devices that edit, delete and record payments offline, then exchange what they hold
 * in any order, any number of times. Whatever happens, once every device has seen everything they
 * all show the same thing, no payment is lost or doubled, and an edit made without seeing a
 * deletion is kept. Clocks may be hours apart.
 */

const DEVICES = ['0000000000000001', '0000000000000002', '0000000000000003'];
const RECORD_IDS = ['r1', 'r2', 'r3'];
const START = Date.UTC(2026, 11, 6, 8);

type Op =
  | { kind: 'edit'; device: number; id: string; value: number }
  | { kind: 'over'; device: number; id: string; value: number }
  | { kind: 'delete'; device: number; id: string }
  | { kind: 'pay'; device: number; agreement: string; amount: number }
  | { kind: 'undo'; device: number; pick: number }
  | { kind: 'sync'; from: number; to: number };

interface Payment {
  agreementId: string;
  amountFen: number;
  paidOn: string;
}

interface Device {
  id: string;
  clock: ClockState | undefined;
  skewMs: number;
  records: Map<string, Siblings<{ value: number }>>;
  payments: Map<string, Siblings<Payment>>;
}

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), device: fc.nat(2), id: fc.constantFrom(...RECORD_IDS), value: fc.integer({ min: 0, max: 99 }) }),
  // An edit of the version shown, leaving the others held beside it (editOver).
  fc.record({ kind: fc.constant('over' as const), device: fc.nat(2), id: fc.constantFrom(...RECORD_IDS), value: fc.integer({ min: 0, max: 99 }) }),
  fc.record({ kind: fc.constant('delete' as const), device: fc.nat(2), id: fc.constantFrom(...RECORD_IDS) }),
  fc.record({ kind: fc.constant('pay' as const), device: fc.nat(2), agreement: fc.constantFrom(...RECORD_IDS), amount: fc.constantFrom(100, 250) }),
  fc.record({ kind: fc.constant('undo' as const), device: fc.nat(2), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('sync' as const), from: fc.nat(2), to: fc.nat(2) }),
);

function stamp(device: Device, now: number): string {
  device.clock = tick(device.clock, now + device.skewMs);
  return formatRev({ ...device.clock, device: device.id });
}

/** Everything `from` holds goes to `to`, which merges it and moves its clock past what it saw. */
function send(from: Device, to: Device, now: number) {
  for (const [store, target] of [
    [from.records, to.records],
    [from.payments, to.payments],
  ] as const) {
    for (const [id, siblings] of store) {
      (target as Map<string, Siblings>).set(id, mergeSiblings((target as Map<string, Siblings>).get(id) ?? [], siblings));
    }
  }
  if (from.clock) to.clock = receive(to.clock, from.clock, now + to.skewMs);
}

function run(deviceCount: number, skews: number[], ops: Op[]) {
  const devices: Device[] = DEVICES.slice(0, deviceCount).map((id, i) => ({ id, clock: undefined, skewMs: skews[i] ?? 0, records: new Map(), payments: new Map() }));
  const recorded = new Map<string, Payment>();
  const undone = new Set<string>();
  // Every version ever made, per record: the oracle for what must survive.
  const made = new Map<string, Siblings>();
  const remember = (key: string, siblings: Siblings) => made.set(key, [...(made.get(key) ?? []), ...siblings]);
  let now = START;
  let serial = 0;
  for (const step of ops) {
    now += 1000;
    if (step.kind === 'sync') {
      const from = devices[step.from % deviceCount];
      const to = devices[step.to % deviceCount];
      if (from && to && from !== to) send(from, to, now);
      continue;
    }
    const device = devices[step.device % deviceCount];
    if (!device) continue;
    if (step.kind === 'edit') {
      device.records.set(step.id, localEdit(device.records.get(step.id) ?? [], stamp(device, now), { record: { value: step.value } }));
      remember(step.id, device.records.get(step.id) ?? []);
    } else if (step.kind === 'over') {
      const held = device.records.get(step.id) ?? [];
      const shown = resolveRecord(held).current;
      device.records.set(step.id, editOver(held, held.filter((version) => version.rev === shown?.rev), stamp(device, now), { record: { value: step.value } }));
      remember(step.id, device.records.get(step.id) ?? []);
    } else if (step.kind === 'delete') {
      const held = device.records.get(step.id);
      if (held && resolveRecord(held).current) {
        device.records.set(step.id, localEdit(held, stamp(device, now), { deleted: true }));
        remember(step.id, device.records.get(step.id) ?? []);
      }
    } else if (step.kind === 'pay') {
      serial += 1;
      const id = `p${String(serial)}`;
      const payment = { agreementId: step.agreement, amountFen: step.amount, paidOn: '2026-12-06' };
      recorded.set(id, payment);
      device.payments.set(id, localEdit([], stamp(device, now), { record: payment }));
    } else {
      const present = [...device.payments].filter(([, siblings]) => resolveRecord(siblings).current);
      const chosen = present[step.pick % Math.max(1, present.length)];
      if (chosen) {
        device.payments.set(chosen[0], localEdit(chosen[1], stamp(device, now), { deleted: true }));
        undone.add(chosen[0]);
      }
    }
  }
  // Everyone sees everything: two rounds of all-to-all.
  for (let round = 0; round < 2; round += 1) for (const from of devices) for (const to of devices) if (from !== to) send(from, to, (now += 1000));
  return { devices, recorded, undone, made };
}

/** The versions no other version made includes: what every device must hold in the end. */
function maxima(versions: Siblings): string[] {
  return versions
    .filter((v) => !versions.some((other) => includedIn(v, other)))
    .map((v) => v.rev)
    .filter((rev, i, all) => all.indexOf(rev) === i)
    .sort();
}

const view = (device: Device) => ({
  records: Object.fromEntries([...device.records].map(([id, s]) => [id, resolveRecord(s)]).sort()),
  payments: [...device.payments].filter(([, s]) => resolveRecord(s).current).map(([id]) => id).sort(),
});

describe('devices merging records version by version', () => {
  it('converge, keep every payment once, and never lose an edit to a deletion it did not see', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }),
        fc.array(fc.integer({ min: -16 * 3600_000, max: 16 * 3600_000 }), { minLength: 3, maxLength: 3 }),
        fc.array(op, { minLength: 1, maxLength: 40 }),
        (count, skews, ops) => {
          const { devices, recorded, undone, made } = run(count, skews, ops);
          const [first, ...rest] = devices.map(view);
          for (const other of rest) expect(other).toEqual(first);
          // Every payment recorded and not undone is there once; none undone is there.
          const present = first?.payments ?? [];
          expect(new Set(present).size).toBe(present.length);
          for (const id of recorded.keys()) expect(present.includes(id)).toBe(!undone.has(id));
          // Each device holds exactly the versions no other includes: no edit is lost to a
          // deletion (or another edit) that did not see it.
          for (const device of devices) {
            for (const [id, versions] of made) expect({ id, held: (device.records.get(id) ?? []).map((v) => v.rev).sort() }).toEqual({ id, held: maxima(versions) });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('merge is a union: the order, grouping and repetition of what arrives do not matter', () => {
    const history = fc.array(op, { minLength: 1, maxLength: 25 }).map((ops) => run(3, [0, 0, 0], ops).devices.map((device) => device.records.get('r1') ?? []));
    fc.assert(
      fc.property(history, ([a = [], b = [], c = []]) => {
        const norm = (s: Siblings) => JSON.stringify(mergeSiblings([], s));
        expect(norm(mergeSiblings(a, b))).toBe(norm(mergeSiblings(b, a)));
        expect(norm(mergeSiblings(mergeSiblings(a, b), c))).toBe(norm(mergeSiblings(a, mergeSiblings(b, c))));
        expect(norm(mergeSiblings(a, a))).toBe(norm(a));
      }),
      { numRuns: 200 },
    );
  });
});

describe('the rules the user sees', () => {
  const A = '00000000000000aa';
  const B = '00000000000000bb';
  const at = (minute: number, device: string) => formatRev({ wall: START + minute * 60_000, counter: 0, device });
  const base = localEdit<{ text: string }>([], at(0, A), { record: { text: 'v0' } });

  it('a later edit that saw the earlier one wins outright', () => {
    const edited = localEdit(base, at(1, B), { record: { text: 'v1' } });
    const merged = mergeSiblings(base, edited);
    expect(resolveRecord(merged)).toEqual({ current: edited[0], conflicts: [], editedWhileDeleted: false });
  });

  it('two edits made apart: the later stamp is shown on both devices, the other is kept as a conflict', () => {
    const onA = localEdit(base, at(5, A), { record: { text: 'from A' } });
    const onB = localEdit(base, at(3, B), { record: { text: 'from B' } });
    for (const merged of [mergeSiblings(onA, onB), mergeSiblings(onB, onA)]) {
      const resolved = resolveRecord(merged);
      expect(resolved.current?.record).toEqual({ text: 'from A' });
      expect(resolved.conflicts.map((version) => version.record)).toEqual([{ text: 'from B' }]);
    }
    // Restoring the other version is an edit that includes both: the conflict is gone everywhere.
    const restored = localEdit(mergeSiblings(onA, onB), at(9, B), { record: { text: 'from B' } });
    expect(resolveRecord(mergeSiblings(mergeSiblings(onA, onB), restored))).toEqual({ current: restored[0], conflicts: [], editedWhileDeleted: false });
  });

  it('an edit over the version shown keeps every other version beside it, this device\'s own earlier one too', () => {
    const onA = localEdit(base, at(3, A), { record: { text: 'from A' } });
    const onB = localEdit(base, at(5, B), { record: { text: 'from B' } });
    const held = mergeSiblings(onA, onB);
    const shown = held.filter((version) => version.rev === at(5, B));
    // On B, whose version is shown: A's stays, and the conflict with it.
    const editedOnB = editOver(held, shown, at(7, B), { record: { text: 'B again' } });
    expect(resolveRecord(editedOnB).conflicts.map((version) => version.record)).toEqual([{ text: 'from A' }]);
    expect(resolveRecord(mergeSiblings(held, editedOnB))).toEqual(resolveRecord(editedOnB));
    // On A, whose own earlier version is the other one: it stays too, left out by its stamp.
    const editedOnA = editOver(held, shown, at(7, A), { record: { text: 'A again' } });
    const merged = mergeSiblings(held, editedOnA);
    expect(resolveRecord(merged).current?.record).toEqual({ text: 'A again' });
    expect(resolveRecord(merged).conflicts.map((version) => version.record)).toEqual([{ text: 'from A' }]);
    // Merged on B, in either order, with B's own edit over its version: three versions, none including another.
    expect(mergeSiblings(editedOnB, editedOnA).map((version) => version.rev)).toEqual(mergeSiblings(editedOnA, editedOnB).map((version) => version.rev));
    expect(mergeSiblings(editedOnB, editedOnA).map((version) => version.record)).toEqual([{ text: 'B again' }, { text: 'A again' }, { text: 'from A' }]);
    // Answering on A (an edit over everything held) ends it everywhere.
    const answered = localEdit(merged, at(9, A), { record: { text: 'from A' } });
    expect(mergeSiblings(mergeSiblings(editedOnB, editedOnA), answered).map((version) => version.rev)).toEqual([at(9, A), at(7, B)]);
  });

  it('an edit made while another device deleted the record keeps it, flagged', () => {
    const deleted = localEdit(base, at(9, A), { deleted: true });
    const edited = localEdit(base, at(2, B), { record: { text: 'still here' } });
    const resolved = resolveRecord(mergeSiblings(deleted, edited));
    expect(resolved.current?.record).toEqual({ text: 'still here' });
    expect(resolved.editedWhileDeleted).toBe(true);
  });

  it('a note edited on two devices keeps both texts', () => {
    const onA = localEdit(base, at(5, A), { record: { text: 'A wrote this' } });
    const onB = localEdit(base, at(3, B), { record: { text: 'B wrote that' } });
    const combine = (records: readonly { text: string }[]) => ({ text: records.map((record) => record.text).join('\n\n') });
    const resolved = resolveRecord(mergeSiblings(onB, onA), { combine });
    expect(resolved.current?.record).toEqual({ text: 'A wrote this\n\nB wrote that' });
    expect(resolved.conflicts).toEqual([]);
  });

  it('asks about two payments with the same agreement, amount and day from two devices, and only those', () => {
    const pay = (id: string, device: string, amountFen = 10_000): SyncedPayment => ({ id, agreementId: 'a1', amountFen, paidOn: '2026-12-06', firstRev: at(1, device) });
    const payments = [pay('p1', A), pay('p2', B), pay('p3', A), pay('p4', B, 5_000)];
    expect(possibleDuplicatePayments(payments).map(([x, y]) => `${x.id}+${y.id}`)).toEqual(['p1+p2', 'p2+p3']);
    expect(possibleDuplicatePayments(payments, new Set(['p1+p2'])).map(([x, y]) => `${x.id}+${y.id}`)).toEqual(['p2+p3']);
  });
});
