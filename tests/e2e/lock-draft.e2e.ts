import { expect } from 'vitest';
import { launchChromium, type ChromiumExtension } from './support/chromium';
import { ChromiumSidePanel } from './support/chromium-pages';
import { describeLockDraft } from './support/lock-draft-checks';
import { turnOnLockInChromium } from './support/lock-on';
import { loadMessages } from './support/messages';

const msg = loadMessages('zh_CN');
const PASSPHRASE = '周五发工资 先还花呗 再还借呗';

describeLockDraft<ChromiumExtension, ChromiumSidePanel>('Chromium, zh-CN: with the lock on, the note being typed survives closing the side panel', {
  msg,
  texts: { first: '客服工号 A123，同意分 6 期。', more: '下周一上午十点回电。', firstSecret: 'A123', moreSecret: '回电' },
  launch: () => launchChromium({ lang: 'zh-CN' }),
  turnOn: (ext) => turnOnLockInChromium(ext, msg, PASSPHRASE),
  openPanel: async (ext) => new ChromiumSidePanel(await ext.openPage('sidepanel.html', { width: 400, height: 700 }), msg).ready(),
  closePanel: (ext, panel) => ext.closePage(panel.page),
  type: (panel, text) => panel.notes.pressSequentially(text, { delay: 10 }),
  saveStatus: async (panel) => (await panel.saveStatus.textContent()) ?? '',
  typeAndCloseAtOnce: async (panel, more) => {
    await panel.notes.pressSequentially(more);
    const typedAt = Date.now();
    await panel.page.close();
    expect(Date.now() - typedAt).toBeLessThan(1_000);
  },
  noteValue: (panel) => panel.notes.inputValue(),
  sessionStorageText: (panel) => panel.page.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null))),
  dump: (ext) => ext.db.dump(),
});
