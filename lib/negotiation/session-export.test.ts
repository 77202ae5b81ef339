import { describe, expect, it } from 'vitest';
import { localInstant } from '../domain/dates';
import { formatMessage } from '../../tests/locale-messages';
import type { Session, SessionNote } from './session';
import { sessionToMarkdown } from './session-export';

const zh = (key: string, subs?: string | string[]) => formatMessage('zh_CN', key, subs);
const en = (key: string, subs?: string | string[]) => formatMessage('en', key, subs);
const at = (hh: number, mm: number) => localInstant('2026-11-25', hh, mm);

const session: Session = {
  id: 's',
  agreementId: null,
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
  { id: '2', sessionId: 's', at: at(9, 41), text: '分12期\n每期3000元', tags: ['offer', 'amount'] },
  { id: '1', sessionId: 's', at: at(9, 35), text: '说明了失业情况', tags: [] },
  { id: '3', sessionId: 's', at: at(9, 45), text: '   ', tags: [] },
];

describe('sessionToMarkdown', () => {
  it('prints every note in time order with its tags, and the facts of the talk', () => {
    expect(sessionToMarkdown(session, notes, [], zh, at(10, 0))).toBe(
      [
        '# 与网商贷的聊天记录（2026-11-25）',
        '',
        '- 开始时间: 2026-11-25 09:30:00',
        '- 沟通渠道: 网页在线客服',
        '- 客服姓名或工号: 王女士8821',
        '- 工单号: （未记录）',
        '- 书面确认: 已于2026-11-25 09:50:00索要，尚未收到',
        '',
        '## 笔记',
        '',
        '- 2026-11-25 09:35:00 说明了失业情况',
        '- 2026-11-25 09:41:00 [方案] [金额] 分12期 / 每期3000元',
        '',
        '---',
        '导出时间：2026-11-25 10:00:00（还款协商助手）。时间为本机当地时间。',
        '',
      ].join('\n'),
    );
  });

  it('lists evidence with times and pages, in English too', () => {
    const text = sessionToMarkdown(
      { ...session, confirmationReceivedAt: at(11, 0), confirmationChannel: 'sms' },
      [],
      [
        { at: at(9, 44), kind: 'text', url: 'https://lender.example/chat', text: 'We agree to\n12 installments' },
        { at: at(9, 42), kind: 'screenshot', url: 'https://lender.example/chat' },
      ],
      en,
      at(12, 0),
    );
    expect(text).toContain('- Written confirmation: received at 2026-11-25 11:00:00 by SMS');
    expect(text).toContain(
      '## Screenshots and saved text\n\n- 2026-11-25 09:42:00 [Screenshot] https://lender.example/chat\n- 2026-11-25 09:44:00 https://lender.example/chat: “We agree to / 12 installments”',
    );
  });

  it('shows the checklist as ticked during the talk, and leaves it out when nothing was ticked', () => {
    const checklist = [
      { text: 'Stay calm', ticked: true },
      { text: 'Ask for written confirmation', ticked: false },
    ];
    const text = sessionToMarkdown(session, [], [], en, at(12, 0), checklist);
    expect(text).toContain('## Checklist during the talk\n\n- [x] Stay calm\n- [ ] Ask for written confirmation');
    const none = sessionToMarkdown(session, [], [], en, at(12, 0), checklist.map((c) => ({ ...c, ticked: false })));
    expect(none).not.toContain('Checklist during the talk');
  });

  it('lists screenshots with their time, page title and address, in time order', () => {
    const text = sessionToMarkdown(
      session,
      notes,
      [
        { at: at(9, 50), kind: 'screenshot', url: '', title: '客服' },
        { at: at(9, 42), kind: 'screenshot', url: 'https://lender.example/chat?id=1', title: '借呗在线客服\n第2页' },
      ],
      zh,
      at(10, 0),
    );
    expect(text).toContain(
      '## 截图与摘录\n\n- 2026-11-25 09:42:00 [截图] 借呗在线客服 / 第2页 https://lender.example/chat?id=1\n- 2026-11-25 09:50:00 [截图] 客服 （未记录页面地址）\n',
    );
  });
});
