import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkCustomLine, CUSTOM_LINE_MAX, loadCustomLines, restoreBuiltInLine, saveCustomLine } from './custom-lines';

describe('a user’s own wording of a script line', () => {
  it('takes the placeholders the built-in lines use, trimmed', () => {
    expect(checkCustomLine('  我每月最多还{monthly}，分{periods}期可以吗？ ')).toEqual({ ok: true, value: '我每月最多还{monthly}，分{periods}期可以吗？' });
  });

  it('names every unknown placeholder at once', () => {
    expect(checkCustomLine('pay {amount} by {day}, not {owed}, {amount}')).toEqual({ ok: false, error: { code: 'unknown-slots', names: ['amount', 'day'] } });
    expect(checkCustomLine('{ monthly }')).toEqual({ ok: false, error: { code: 'unknown-slots', names: [' monthly '] } });
  });

  it('refuses stray braces, an empty line and an overlong one', () => {
    expect(checkCustomLine('pay {owed')).toEqual({ ok: false, error: { code: 'unbalanced-brace' } });
    expect(checkCustomLine('{{owed}}')).toEqual({ ok: false, error: { code: 'unbalanced-brace' } });
    expect(checkCustomLine('   ')).toEqual({ ok: false, error: { code: 'empty' } });
    expect(checkCustomLine('好'.repeat(CUSTOM_LINE_MAX + 1))).toEqual({ ok: false, error: { code: 'too-long', max: CUSTOM_LINE_MAX } });
  });

  it('is kept per scenario, step and language, and the built-in one comes back on restore', async () => {
    expect(await saveCustomLine('installments', 'propose', 'zh-CN', '每月{monthly}，分{periods}期。', 1)).toEqual({ ok: true, value: '每月{monthly}，分{periods}期。' });
    await saveCustomLine('installments', 'open', 'en', 'Hi, about my {lender} loan.', 2);
    expect(await loadCustomLines('installments', ['open', 'propose'], 'zh-CN')).toEqual({ propose: '每月{monthly}，分{periods}期。' });
    expect(await loadCustomLines('installments', ['open', 'propose'], 'en')).toEqual({ open: 'Hi, about my {lender} loan.' });
    expect(await loadCustomLines('settlement', ['propose'], 'zh-CN')).toEqual({});
    await restoreBuiltInLine('installments', 'propose', 'zh-CN');
    expect(await loadCustomLines('installments', ['open', 'propose'], 'zh-CN')).toEqual({});
  });

  it('is not saved when invalid, and a damaged stored line is ignored', async () => {
    expect(await saveCustomLine('waiver', 'ask', 'en', 'waive {fees}', 1)).toEqual({ ok: false, error: { code: 'unknown-slots', names: ['fees'] } });
    expect(await loadCustomLines('waiver', ['ask'], 'en')).toEqual({});
    await fakeBrowser.storage.local.set({
      'scriptLine:waiver:ask:en': { text: 'waive {fees}', savedAt: 1 },
      'scriptLine:waiver:open:en': { text: 42 },
    });
    expect(await loadCustomLines('waiver', ['ask', 'open'], 'en')).toEqual({});
  });
});

describe('own lines with the lock on', () => {
  it('are sealed when the lock turns on and when saved, and read back', async () => {
    await saveCustomLine('installments', 'open', 'zh-CN', '我是老王，{lender}的借款', 1);
    const { turnOnLock } = await import('../lock/actions');
    await turnOnLock('a long enough passphrase', 15, Date.now(), { unsafeTestIterations: 1_000 });
    await saveCustomLine('installments', 'propose', 'zh-CN', '每月只能还{monthly}，家里有病人', 2);
    const stored = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(stored).not.toContain('老王');
    expect(stored).not.toContain('家里有病人');
    expect(await loadCustomLines('installments', ['open', 'propose'], 'zh-CN')).toEqual({
      open: '我是老王，{lender}的借款',
      propose: '每月只能还{monthly}，家里有病人',
    });
  });
});
