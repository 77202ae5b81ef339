import { describe, expect, it } from 'vitest';
import type { Agreement } from '../domain/agreement';
import { totals, type OverviewItem } from '../domain/overview';
import type { Session, SessionNote } from './session';
import { updateFromSession } from './agreement-update';

const TODAY = '2026-11-25';
const session: Session = {
  id: 's',
  agreementId: 'a',
  lender: '借呗',
  channel: 'web-chat',
  startedAt: 0,
  agentName: '',
  ticket: '',
  confirmationAskedAt: null,
  confirmationReceivedAt: null,
  confirmationChannel: null,
};
const agreement: Agreement = {
  id: 'a',
  lender: '借呗',
  kind: 'extension',
  amountFen: 1_200_000,
  dueDate: '2026-12-01',
  details: { reason: '工资推迟发放' },
  createdAt: 1,
  updatedAt: 1,
};
const note = (text: string, tags: SessionNote['tags'] = ['offer']): SessionNote => ({ id: text, sessionId: 's', at: 1, text, tags });

describe('updateFromSession', () => {
  it('lists each field the notes change, before → after, and gives the fields to save in place of the old ones', () => {
    const update = updateFromSession(agreement, session, [note('同意分6期，每期2,100元，2026-12-15开始'), note('先说明了情况', [])], TODAY);
    expect(update.kind).toBe('changes');
    if (update.kind !== 'changes') return;
    expect(update.changes).toEqual([
      { field: 'kind', before: 'extension', after: 'installment' },
      { field: 'amount', before: 1_200_000, after: 1_260_000 },
      { field: 'dueDate', before: '2026-12-01', after: '2026-12-15' },
      { field: 'plan', before: null, after: { periods: 6, firstDate: '2026-12-15', totalFen: 1_260_000 } },
    ]);
    expect(update.fields).toMatchObject({ lender: '借呗', kind: 'installment', amountFen: 1_260_000, dueDate: '2026-12-15', details: { reason: '工资推迟发放' } });
    expect(update.fields.plan?.dues).toHaveLength(6);
    expect(update.fields.plan?.dues.reduce((sum, d) => sum + d.amountFen, 0)).toBe(1_260_000);
  });

  it('changes only what the notes say: a new date keeps the kind and the amount', () => {
    const update = updateFromSession(agreement, session, [note('可以延后到12月20日')], TODAY);
    expect(update).toMatchObject({ kind: 'changes', changes: [{ field: 'dueDate', before: '2026-12-01', after: '2026-12-20' }] });
    if (update.kind === 'changes') expect(update.fields).toMatchObject({ kind: 'extension', amountFen: 1_200_000 });
  });

  it('reads the latest offer when the chat went through several', () => {
    const first = { ...note('同意一次性结清9,000元，12月28日前'), at: 1 };
    const last = { ...note('改为分3期，每期3,100元，12月30日开始'), at: 2 };
    const update = updateFromSession(agreement, session, [last, first], TODAY);
    expect(update).toMatchObject({ kind: 'changes', fields: { kind: 'installment', amountFen: 930_000, dueDate: '2026-12-30' } });
  });

  it('says there is nothing to change when the notes repeat the agreement', () => {
    expect(updateFromSession(agreement, session, [note('展期到12月1日，¥12,000')], TODAY)).toEqual({ kind: 'nothing' });
    expect(updateFromSession(agreement, session, [], TODAY)).toEqual({ kind: 'nothing' });
  });

  it('turns a plan back into one date when the new offer is a settlement, and keeps a plan whose periods are unchanged', () => {
    const planned: Agreement = {
      ...agreement,
      kind: 'installment',
      amountFen: 300_000,
      dueDate: '2026-12-10',
      plan: { method: 'interest-free', dayOfMonth: 10, dues: [{ date: '2026-12-10', amountFen: 100_000 }, { date: '2027-01-10', amountFen: 100_000 }, { date: '2027-02-10', amountFen: 100_000 }] },
    };
    const settled = updateFromSession(planned, session, [note('一次性结清2,500元，12月20日前')], TODAY);
    expect(settled).toMatchObject({
      kind: 'changes',
      changes: [
        { field: 'kind', before: 'installment', after: 'settlement' },
        { field: 'amount', before: 300_000, after: 250_000 },
        { field: 'dueDate', before: '2026-12-10', after: '2026-12-20' },
        { field: 'plan', before: { periods: 3, firstDate: '2026-12-10', totalFen: 300_000 }, after: null },
      ],
    });
    if (settled.kind === 'changes') expect(settled.fields.plan).toBeUndefined();
    expect(updateFromSession(planned, session, [note('还是分3期')], TODAY)).toEqual({ kind: 'nothing' });
  });

  it('refuses what would not be a valid agreement, saying which field, and gives nothing to save', () => {
    expect(updateFromSession(agreement, session, [note('2101年1月5日前结清')], TODAY)).toEqual({ kind: 'invalid', errors: { dueDate: 'out-of-range' }, planErrors: [] });
    const tooMany = updateFromSession(agreement, session, [note('分999期')], TODAY);
    expect(tooMany).toMatchObject({ kind: 'invalid', planErrors: [{ field: 'periods', code: 'invalid' }] });
  });

  it('updates in place, so the totals count the debt once', () => {
    const update = updateFromSession(agreement, session, [note('同意结清¥9,000')], TODAY);
    if (update.kind !== 'changes') throw new Error('expected changes');
    // The list after the update holds the one agreement with its new figure, not the old one beside it.
    const after: Agreement[] = [{ ...agreement, ...update.fields }];
    const item = (a: Agreement): OverviewItem => ({ dueDate: a.dueDate, leftFen: a.amountFen, amountFen: a.amountFen, paidFen: 0, paid: false });
    expect(totals(after.map(item))).toEqual({ leftFen: 900_000, amountFen: 900_000, paidFen: 0 });
  });
});
