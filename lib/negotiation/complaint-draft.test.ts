import { describe, expect, it } from 'vitest';
import { localInstant } from '../domain/dates';
import { formatMessage } from '../../tests/locale-messages';
import type { Session, SessionNote } from './session';
import { buildComplaintDraft, complaintPromises, markPromise } from './complaint-draft';

const zh = (key: string, subs?: string | string[]) => formatMessage('zh_CN', key, subs);
const en = (key: string, subs?: string | string[]) => formatMessage('en', key, subs);
const at = (hh: number, mm: number) => localInstant('2026-11-25', hh, mm);

const session: Session = {
  id: 's',
  agreementId: 'a',
  lender: '网商贷',
  channel: 'web-chat',
  startedAt: at(9, 30),
  agentName: '王女士8821',
  ticket: '',
  confirmationAskedAt: at(9, 50),
  confirmationReceivedAt: null,
  confirmationChannel: null,
};
const notes: SessionNote[] = [
  { id: 'p2', sessionId: 's', at: at(9, 48), text: '客服承诺停止每天打电话给我家人', tags: ['promise'] },
  { id: 'n2', sessionId: 's', at: at(9, 41), text: '分12期\n每期1,000元', tags: ['offer', 'amount'] },
  { id: 'n1', sessionId: 's', at: at(9, 35), text: '说明了失业情况', tags: [] },
  { id: 'p1', sessionId: 's', at: at(9, 45), text: '三个工作日内回电', tags: ['promise', 'date'] },
  { id: 'blank', sessionId: 's', at: at(9, 46), text: '  ', tags: ['promise'] },
];
const evidence = [{ at: at(9, 42), kind: 'screenshot' as const, url: 'https://lender.example/chat', title: '在线客服' }];

describe('buildComplaintDraft', () => {
  it('writes the timeline, the promises with what became of them, the evidence, the request and the channels, in Chinese', () => {
    const text = buildComplaintDraft(
      { session, notes, evidence, agreement: { kind: 'installment', amountFen: 1_200_000, dueDate: '2026-12-01' }, outcomes: { p2: 'broken' }, preparedAt: at(10, 0) },
      zh,
      'zh-CN',
    );
    expect(text).toBe(
      [
        '投诉材料草稿：与网商贷的催收和还款协商情况',
        '',
        '投诉人：（请填写姓名和联系电话）',
        '平台：网商贷',
        '协议：分期，¥12,000.00，还款日2026-12-01',
        '聊天开始时间：2026-11-25 09:30',
        '沟通渠道：网页在线客服',
        '客服姓名或工号：王女士8821',
        '工单号：（未记录）',
        '草稿整理时间：2026-11-25 10:00',
        '',
        '一、经过（按时间顺序）',
        '2026-11-25 09:35：说明了失业情况',
        '2026-11-25 09:41：【方案】【金额】分12期 / 每期1,000元',
        '2026-11-25 09:42：保存截图：在线客服 https://lender.example/chat',
        '2026-11-25 09:45：【承诺】【日期】三个工作日内回电',
        '2026-11-25 09:48：【承诺】客服承诺停止每天打电话给我家人',
        '2026-11-25 09:50：向客服索要书面确认',
        '',
        '二、平台的承诺',
        '（1）2026-11-25 09:45：“三个工作日内回电”（是否兑现：待补充）',
        '（2）2026-11-25 09:48：“客服承诺停止每天打电话给我家人”（未兑现）',
        '',
        '三、证据清单',
        '（1）截图，2026-11-25 09:42，页面：在线客服 https://lender.example/chat',
        '（2）聊天时记下的笔记（见第一部分）。',
        '',
        '四、我的请求',
        '请平台停止上述不当催收行为，按聊天中的承诺处理，并以书面形式答复我。',
        '',
        '五、投诉渠道',
        '国家金融监督管理总局：热线12378，受理暴力催收和不合理收费的投诉。',
        '中国互联网金融协会：也可反映暴力催收问题。',
        '',
        '本草稿由还款协商助手根据本人的记录整理，发送前请逐条核对并补充。本草稿不构成法律意见。',
        '',
      ].join('\n'),
    );
  });

  it('reads the same in English, with the user’s own request and no screenshots', () => {
    const text = buildComplaintDraft(
      {
        session: { ...session, agreementId: null, lender: '', confirmationReceivedAt: at(11, 0), confirmationChannel: 'sms' },
        notes,
        evidence: [],
        outcomes: { p1: 'kept' },
        request: '  Please call me only between 9:00 and 18:00.  ',
        preparedAt: at(12, 5),
      },
      en,
      'en',
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('Complaint draft: collection and repayment talks with (not recorded)');
    expect(lines).not.toContain(expect.stringMatching(/^Agreement:/));
    expect(lines).toContain('2026-11-25 09:41: [offer] [amount] 分12期 / 每期1,000元');
    expect(lines).toContain('2026-11-25 11:00: Received written confirmation (SMS)');
    expect(lines).toContain('1. 2026-11-25 09:45: “三个工作日内回电” (kept)');
    expect(lines).toContain('2. 2026-11-25 09:48: “客服承诺停止每天打电话给我家人” (kept or not: to be filled in)');
    expect(lines).toContain('No screenshots were saved in this chat. Add screenshots, text messages or call records if you have them.');
    expect(lines).toContain('1. The notes taken during the chat (part 1).');
    expect(lines[lines.indexOf('4. What I ask for') + 1]).toBe('Please call me only between 9:00 and 18:00.');
    expect(text).toContain('hotline 12378');
    expect(text).toContain('This draft is not legal advice.');
  });

  it('says so when the chat has no notes and no promises', () => {
    const text = buildComplaintDraft({ session: { ...session, confirmationAskedAt: null }, notes: [], evidence: [], preparedAt: at(10, 0) }, zh, 'zh-CN');
    expect(text).toContain('一、经过（按时间顺序）\n（这次聊天没有记笔记。）');
    expect(text).toContain('这次聊天的笔记中没有标为“承诺”的内容。');
    // The Chinese draft keeps to full-width punctuation beside Chinese text in what it adds.
    expect(text).not.toMatch(/[\u4e00-\u9fff][,;:!?()]/u);
  });
});

describe('complaintPromises', () => {
  it('lists the notes tagged as promises, in time order, without empty ones', () => {
    expect(complaintPromises(notes).map((n) => n.id)).toEqual(['p1', 'p2']);
  });
});

describe('markPromise', () => {
  it('sets, changes and removes one promise\u2019s mark without touching the others or the input', () => {
    const first = markPromise(undefined, 'n1', 'kept');
    expect(first).toEqual({ n1: 'kept' });
    const second = markPromise(first, 'n2', 'broken');
    expect(second).toEqual({ n1: 'kept', n2: 'broken' });
    expect(markPromise(second, 'n1', 'broken')).toEqual({ n1: 'broken', n2: 'broken' });
    expect(markPromise(second, 'n1', undefined)).toEqual({ n2: 'broken' });
    expect(first).toEqual({ n1: 'kept' });
  });
});
