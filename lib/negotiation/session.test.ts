import { describe, expect, it } from 'vitest';
import { draftFromSession, installmentsOffered, needsConfirmationWarning, offeredValues, promisedFollowUps, sessionNoteSchema, sessionSchema, type Session, type SessionNote } from './session';

const TODAY = '2026-11-25';
const session: Session = {
  id: 's1',
  agreementId: null,
  lender: '网商贷',
  channel: 'web-chat',
  startedAt: 0,
  agentName: '王女士',
  ticket: 'WS20261125',
  confirmationAskedAt: null,
  confirmationReceivedAt: null,
  confirmationChannel: null,
};
let n = 0;
const note = (text: string, tags: SessionNote['tags'] = []): SessionNote => ({ id: `n${(n += 1)}`, sessionId: 's1', at: n, text, tags });

describe('a negotiation session', () => {
  it('prefills the agreement from the offer: kind, amount and date', () => {
    const notes = [
      note('我说每月只能还1500元', ['amount']),
      note('客服提出分12期，每期3,000元，12月5日还第一期', ['offer']),
      note('客服说3个工作日内短信确认', ['promise']),
    ];
    // 12 periods of 3,000: the form asks for the total the plan splits.
    expect(draftFromSession(session, notes, TODAY)).toEqual({ lender: '网商贷', kind: 'installment', amount: '36000.00', dueDate: '2026-12-05' });
    expect(installmentsOffered(notes)).toEqual({ periods: 12, perPeriodFen: 300_000 });
  });

  it('reads the periods of an installment offer in either language, with or without the amount of each', () => {
    expect(installmentsOffered([note('可以分 6 期还')])).toEqual({ periods: 6 });
    expect(installmentsOffered([note('They offered 24 monthly installments of ¥1,250 a month')])).toEqual({ periods: 24, perPeriodFen: 125_000 });
    expect(installmentsOffered([note('每月还800元，分10期')])).toEqual({ periods: 10, perPeriodFen: 80_000 });
    expect(installmentsOffered([note('只能还1期'), note('没有说期数')])).toBeNull();
  });

  it('falls back to tagged amounts and dates, and leaves unknown fields empty', () => {
    expect(draftFromSession(session, [note('可以减免罚息', ['offer']), note('¥820', ['amount'])], TODAY)).toEqual({
      lender: '网商贷',
      kind: 'waiver',
      amount: '820.00',
      dueDate: '',
    });
    expect(draftFromSession(session, [], TODAY)).toEqual({ lender: '网商贷', kind: 'extension', amount: '', dueDate: '' });
  });

  it('offers every recognised value with the note it came from', () => {
    const notes = [note('一次性结清8,800元，月底前', ['offer'])];
    expect(offeredValues(notes, TODAY).map((o) => [o.noteId, o.found.kind, o.found.text])).toEqual([
      [notes[0]?.id, 'amount', '8,800元'],
      [notes[0]?.id, 'date', '月底'],
    ]);
  });

  it('turns dated promises into follow-ups, ignoring past dates and untagged notes', () => {
    const notes = [note('客服说3个工作日内短信确认', ['promise']), note('明天回电'), note('承诺10月1日处理', ['promise'])];
    expect(promisedFollowUps(notes, TODAY)).toEqual([{ noteId: notes[0]?.id, date: '2026-11-30', text: '客服说3个工作日内短信确认' }]);
  });

  it('warns until written confirmation is received', () => {
    expect(needsConfirmationWarning(session)).toBe(true);
    expect(needsConfirmationWarning({ confirmationReceivedAt: 1 })).toBe(false);
  });

  it('validates records: tags from the list, bounded text', () => {
    expect(sessionNoteSchema.safeParse({ ...note('x'), tags: ['gossip'] }).success).toBe(false);
    expect(sessionNoteSchema.safeParse({ ...note('x'.repeat(5_001)) }).success).toBe(false);
    expect(sessionSchema.safeParse({ ...session, channel: 'fax' }).success).toBe(false);
    expect(sessionSchema.parse({ ...session, lender: '  借呗 ' }).lender).toBe('借呗');
  });
});
