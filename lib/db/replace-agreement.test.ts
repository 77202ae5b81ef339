import { describe, expect, it } from 'vitest';
import { exportBackup, serialiseBackup } from '../backup/export';
import { applyBackup, parseBackup } from '../backup/import';
import type { AgreementFields } from '../domain/agreement';
import { agreementStanding } from '../domain/agreement-dues';
import { localInstant } from '../domain/dates';
import { buildFirstScreenView, overviewItemOf, readFirstScreenView } from '../domain/first-screen-view';
import { groupByLender } from '../domain/lender-view';
import { groupByUrgency, totals } from '../domain/overview';
import { lockForTest, unlockedForTest } from '../keys/test-support';
import { countDueOnOrBefore, getAgreement, listAgreements } from './agreements';
import { openDatabase } from './database';
import { recordPayment } from './payment-writes';
import { listPaymentsByAgreement } from './payments';
import { listRemindersFor } from './reminders';
import { replanAllAgreements } from './replan-all';
import { ReplacedAgreementMissing, saveAgreement } from './save-agreement';
import { putRawRow, rawRows } from './test-support';

const NOW = localInstant('2026-12-01', 10);
const TODAY = '2026-12-01';
const old: AgreementFields = { lender: '网商贷', kind: 'settlement', amountFen: 1_000_000, dueDate: '2026-11-25' };
const fresh: AgreementFields = { lender: '网商贷', kind: 'extension', amountFen: 800_000, dueDate: '2026-12-20' };

async function listed() {
  const [list, payments] = await Promise.all([listAgreements(NOW), listPaymentsByAgreement()]);
  return list.map((agreement) => {
    const own = payments.get(agreement.id) ?? [];
    return { agreement, payments: own, standing: agreementStanding(agreement, own) };
  });
}

describe('a new agreement that replaces another', () => {
  it('marks the old one replaced, stops its reminders and leaves it out of the badge, in one write', async () => {
    const a = await saveAgreement(old, { now: NOW });
    expect((await listRemindersFor(a.id)).length).toBeGreaterThan(0);
    expect(await countDueOnOrBefore(TODAY)).toBe(1);

    const b = await saveAgreement(fresh, { now: NOW + 1000, replaces: a.id });
    const closed = await getAgreement(a.id);
    expect(closed).toEqual({ ...a, replacedBy: b.id, updatedAt: NOW + 1000 });
    expect(await listRemindersFor(a.id)).toEqual([]);
    expect((await listRemindersFor(b.id)).length).toBeGreaterThan(0);
    // Overdue before, replaced now: the badge counts neither it nor the new one (due later).
    expect(await countDueOnOrBefore(TODAY)).toBe(0);
    // Re-planning every agreement (settings or holidays saved) brings no reminders back.
    await replanAllAgreements({ now: NOW + 2000 });
    expect(await listRemindersFor(a.id)).toEqual([]);
    // Editing the old one in the form keeps it replaced.
    await saveAgreement({ ...old, amountFen: 999_900 }, { id: a.id, now: NOW + 3000 });
    expect((await getAgreement(a.id))?.replacedBy).toBe(b.id);
    expect(await listRemindersFor(a.id)).toEqual([]);
  });

  it('writes nothing when the agreement to replace is gone or replaced already', async () => {
    const a = await saveAgreement(old, { now: NOW });
    await saveAgreement(fresh, { now: NOW, replaces: a.id });
    const before = await listAgreements(NOW);
    await expect(saveAgreement(fresh, { now: NOW, replaces: a.id })).rejects.toBeInstanceOf(ReplacedAgreementMissing);
    await expect(saveAgreement(fresh, { now: NOW, replaces: 'no-such-agreement' })).rejects.toBeInstanceOf(ReplacedAgreementMissing);
    expect(await listAgreements(NOW)).toEqual(before);
  });

  it('counts one debt once: totals, this month, the groups, the first-screen view and the lender view', async () => {
    const a = await saveAgreement(old, { now: NOW });
    await recordPayment({ agreementId: a.id, amountFen: 200_000, paidOn: '2026-11-20', coverage: 'partial' }, { now: NOW });
    const b = await saveAgreement(fresh, { now: NOW, replaces: a.id });
    const items = (await listed()).map((item) => ({ ...item, ...overviewItemOf(item), id: item.agreement.id }));
    // The new agreement's 8,000 left; the old one adds only the 2,000 paid on it, to agreed and paid alike.
    expect(totals(items)).toEqual({ leftFen: 800_000, amountFen: 1_000_000, paidFen: 200_000 });
    const groups = groupByUrgency(items, TODAY);
    expect(groups.map((g) => [g.group, g.items.map((i) => i.id)])).toEqual([
      ['later', [b.id]],
      ['replaced', [a.id]],
    ]);
    const figures = readFirstScreenView(buildFirstScreenView(items, TODAY), TODAY);
    expect(figures.totals).toEqual(totals(items));
    expect(figures.counts.get('replaced')).toBe(1);
    expect(figures.counts.get('overdue')).toBe(0);
    expect(figures.needingAction).toBe(0);

    const [lender] = groupByLender((await listed()).map((item) => ({ ...item, confirmation: { state: 'not-recorded' as const } })), TODAY);
    expect(lender?.owedFen).toBe(800_000);
    expect(lender?.agreedFen).toBe(1_000_000);
    const replaced = lender?.agreements.find((x) => x.agreement.id === a.id);
    expect(replaced).toMatchObject({ replaced: true, owedFen: 0, recordAtRisk: false });
    expect(lender?.milestones.some((m) => m.ref === a.id)).toBe(false);
  });

  it('keeps the mark through a backup and a replace-all import, and an older record without it still loads', async () => {
    const a = await saveAgreement(old, { now: NOW });
    const b = await saveAgreement(fresh, { now: NOW, replaces: a.id });
    const text = serialiseBackup(await exportBackup(NOW));
    const db = await openDatabase();
    await db.clear('agreements');
    await db.clear('reminders');
    await applyBackup(await parseBackup(text), 'replace', { now: NOW });
    expect((await getAgreement(a.id))?.replacedBy).toBe(b.id);
    expect(await listRemindersFor(a.id)).toEqual([]);

    // A row written before the field existed: read as an ordinary agreement.
    const [row] = (await rawRows('agreements')).filter((r) => r.id === a.id);
    const older = Object.fromEntries(Object.entries(row ?? {}).filter(([field]) => field !== 'replacedBy' && field !== 'rev'));
    await putRawRow('agreements', { ...older, id: 'older' });
    expect((await getAgreement('older'))?.replacedBy).toBeUndefined();
  });

  it('keeps the mark sealed with the lock on, and the badge still right while locked', async () => {
    await unlockedForTest(NOW);
    const a = await saveAgreement(old, { now: NOW });
    const b = await saveAgreement(fresh, { now: NOW, replaces: a.id });
    const rawA = (await rawRows('agreements')).find((r) => r.id === a.id);
    expect(rawA).toHaveProperty('sealed');
    expect(rawA).not.toHaveProperty('replacedBy');
    expect((await getAgreement(a.id))?.replacedBy).toBe(b.id);
    await lockForTest();
    expect(await countDueOnOrBefore(TODAY)).toBe(0);
  });
});
