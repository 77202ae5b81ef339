import { describe, expect, it } from 'vitest';
import { recogniseInNote } from './note-parsing';

const WED = '2026-11-25';
const brief = (note: string, today = WED) =>
  recogniseInNote(note, today).map((r) => (r.kind === 'amount' ? ['amount', r.fen, r.text] : ['date', r.date, r.text, r.followUp]));

describe('recogniseInNote', () => {
  it('finds amounts in the ways people type them', () => {
    expect(brief('同意分6期，每期1,250元，罚息减免¥320.5')).toEqual([
      ['amount', 125_000, '1,250元'],
      ['amount', 32_050, '¥320.5'],
    ]);
    expect(brief('本金2.5万，另有3千块违约金，RMB 88')).toEqual([
      ['amount', 2_500_000, '2.5万'],
      ['amount', 300_000, '3千块'],
      ['amount', 8_800, 'RMB 88'],
    ]);
    expect(brief('agent offered 300 yuan waiver')).toEqual([['amount', 30_000, '300 yuan']]);
    expect(brief('１２００元')).toEqual([['amount', 120_000, '１２００元']]);
  });

  it('does not take periods, ticket numbers or dates for amounts', () => {
    expect(brief('工号 8821，分12期，工单 20261125001')).toEqual([]);
  });

  it('reads absolute dates, choosing the year nearest to today', () => {
    expect(brief('12月5日前还第一期，最晚2027-01-10')).toEqual([
      ['date', '2026-12-05', '12月5日', false],
      ['date', '2027-01-10', '2027-01-10', false],
    ]);
    expect(brief('1月15号到期', '2026-12-20')).toEqual([['date', '2027-01-15', '1月15号', false]]);
    expect(brief('上次是10月3日还的')).toEqual([['date', '2026-10-03', '10月3日', false]]);
    expect(brief('pay by Dec 5th, or 10 January')).toEqual([
      ['date', '2026-12-05', 'Dec 5th', false],
      ['date', '2027-01-10', '10 January', false],
    ]);
    expect(brief('2026年2月30日')).toEqual([]);
  });

  it('reads relative days and weekdays the Chinese way (weeks start on Monday)', () => {
    expect(brief('明天回电，后天前还款')).toEqual([
      ['date', '2026-11-26', '明天', false],
      ['date', '2026-11-27', '后天', false],
    ]);
    expect(brief('周五前转账，下周五复核')).toEqual([
      ['date', '2026-11-27', '周五', false],
      ['date', '2026-12-04', '下周五', false],
    ]);
    expect(brief('下周一', '2026-11-22')).toEqual([['date', '2026-11-23', '下周一', false]]);
    expect(brief('call back next Monday, the day after tomorrow at the latest')).toEqual([
      ['date', '2026-11-30', 'next Monday', false],
      ['date', '2026-11-27', 'the day after tomorrow', false],
    ]);
  });

  it('reads the end of the month', () => {
    expect(brief('月底前结清')).toEqual([['date', '2026-11-30', '月底', false]]);
    expect(brief('by the end of the month', '2028-02-03')).toEqual([['date', '2028-02-29', 'end of the month', false]]);
  });

  it('turns promised replies into follow-up dates, in Chinese working days', () => {
    // 2026-09-30: the National Day holiday follows; the 3rd working day is the make-up Saturday 10-10.
    expect(recogniseInNote('客服说3个工作日内回复', '2026-09-30')).toMatchObject([
      { kind: 'date', date: '2026-10-10', followUp: true, provisional: false },
    ]);
    expect(brief('they will reply within 3 working days; refund in 7 days')).toEqual([
      ['date', '2026-11-30', 'within 3 working days', true],
      ['date', '2026-12-02', 'in 7 days', true],
    ]);
  });

  it('marks working days counted beyond the official calendar as provisional', () => {
    expect(recogniseInNote('5个工作日内', '2027-03-01')[0]).toMatchObject({ provisional: true });
  });
});
