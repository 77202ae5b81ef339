import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../tests/locale-messages';
import { chooseFrame, describeOutcome, hostPattern, isScriptable, pickTargetTab, planInsert, type FrameProbe } from './insert-into-page';

describe('the tab beside the panel', () => {
  const tabs = [
    { id: 1, active: false, lastAccessed: 100 },
    { id: 2, active: false, lastAccessed: 300, url: 'https://chat.example.com/' },
    { id: 3, active: true, lastAccessed: 400, url: 'chrome-extension://x/sidepanel.html' },
    { active: false, lastAccessed: 900 },
  ];

  it('is the active tab when the panel is a side panel (no tab of its own)', () => {
    expect(pickTargetTab(tabs, undefined)?.id).toBe(3);
  });

  it('is the tab used last before the panel when the panel is itself a tab', () => {
    expect(pickTargetTab(tabs, 3)?.id).toBe(2);
    expect(pickTargetTab([{ id: 3, active: true }], 3)).toBeUndefined();
  });
});

describe('planning an insert inside the click', () => {
  it('goes without asking when the page is reachable (its address is visible)', () => {
    expect(planInsert({ tab: { id: 7, url: 'https://chat.example.com/c?x=1' }, frameOrigins: [] })).toEqual({ kind: 'go', tabId: 7, request: [] });
  });

  it('refuses browser pages and the add-on stores outright', () => {
    for (const url of ['chrome://extensions/', 'about:addons', 'moz-extension://u/popup.html', 'https://addons.mozilla.org/zh-CN/', 'https://chromewebstore.google.com/', 'file:///tmp/a.html']) {
      expect(planInsert({ tab: { id: 1, url }, frameOrigins: [] })).toEqual({ kind: 'stop', outcome: { code: 'browser-page' } });
    }
    expect(planInsert({ tab: undefined, frameOrigins: [] })).toEqual({ kind: 'stop', outcome: { code: 'no-tab' } });
  });

  it('asks for the site last seen in the tab once its address is hidden, and cannot ask without one', () => {
    expect(planInsert({ tab: { id: 1 }, rememberedOrigin: 'https://kefu.example.cn', frameOrigins: [] })).toEqual({
      kind: 'go',
      tabId: 1,
      request: ['https://kefu.example.cn/*'],
    });
    expect(planInsert({ tab: { id: 1 }, frameOrigins: [] })).toEqual({ kind: 'stop', outcome: { code: 'no-access' } });
  });

  it('asks for a chat frame’s site found at the previous attempt, once', () => {
    expect(
      planInsert({ tab: { id: 1 }, rememberedOrigin: 'http://127.0.0.1:8080', frameOrigins: ['http://localhost:9000', 'http://127.0.0.1:9001'] }),
    ).toEqual({ kind: 'go', tabId: 1, request: ['http://127.0.0.1/*', 'http://localhost/*'] });
  });

  it('writes host patterns without ports, which match patterns cannot carry', () => {
    expect(hostPattern('http://localhost:41234')).toBe('http://localhost/*');
    expect(isScriptable('https://cs.mybank.cn/chat')).toBe(true);
  });
});

const probe = (frameId: number, url: string, focus: FrameProbe['focus'], hasFocus = false): FrameProbe => ({ frameId, url, focus, hasFocus });

describe('finding the focused chat box among the frames', () => {
  it('takes the top page’s box', () => {
    expect(chooseFrame([probe(0, 'http://a.test/', { kind: 'editable' }), probe(4, 'http://a.test/f', { kind: 'editable' })])).toEqual({
      kind: 'frame',
      frameId: 0,
    });
  });

  it('follows focus into the frame the page has focused, not another frame that kept its own focus', () => {
    const probes = [
      probe(0, 'http://a.test/', { kind: 'frame', src: 'http://widget.test/chat' }),
      probe(3, 'http://other.test/ad', { kind: 'editable' }),
      probe(5, 'http://widget.test/chat', { kind: 'editable' }),
    ];
    expect(chooseFrame(probes)).toEqual({ kind: 'frame', frameId: 5 });
  });

  it('follows a frame that moved on from its src within the same site', () => {
    const probes = [probe(0, 'http://a.test/', { kind: 'frame', src: 'http://widget.test/start' }), probe(2, 'http://widget.test/chat#s', { kind: 'editable' })];
    expect(chooseFrame(probes)).toEqual({ kind: 'frame', frameId: 2 });
  });

  it('names the site of a focused frame that could not be reached', () => {
    expect(chooseFrame([probe(0, 'http://a.test/', { kind: 'frame', src: 'http://widget.test:81/chat' })])).toEqual({
      kind: 'frame-needs-access',
      origin: 'http://widget.test:81',
    });
  });

  it('finds nothing when nothing editable is focused', () => {
    expect(chooseFrame([probe(0, 'http://a.test/', { kind: 'none' }), probe(1, 'http://b.test/', { kind: 'editable' })])).toEqual({ kind: 'none' });
    expect(chooseFrame([])).toEqual({ kind: 'none' });
  });
});

describe('what the user is told', () => {
  it('names the refused sites and the frame’s site by host', () => {
    const refused = describeOutcome({ code: 'refused', hosts: ['http://127.0.0.1/*', 'https://kefu.example.cn/*'] }, '、');
    expect(formatMessage('zh_CN', refused.key, refused.substitutions)).toBe('未获准访问127.0.0.1、kefu.example.cn，没有填入。');
    const frame = describeOutcome({ code: 'frame-needs-access', origin: 'http://localhost:4000' }, ', ');
    expect(formatMessage('en', frame.key, frame.substitutions)).toBe('The chat box belongs to localhost. Click Insert again and allow localhost.');
  });

  it('has a message for every outcome in both languages', () => {
    const codes = ['inserted', 'no-tab', 'browser-page', 'no-access', 'no-input', 'failed'] as const;
    for (const code of codes) {
      const { key } = describeOutcome({ code }, ', ');
      expect(formatMessage('en', key, [])).not.toBe('');
      expect(formatMessage('zh_CN', key, [])).not.toBe('');
    }
  });
});
