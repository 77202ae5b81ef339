import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listAttachments } from '../db/attachments';
import { createSession, listNotes, listSessionsOfAgreement } from '../db/sessions';
import { exportBackup } from '../backup/export';
import { LockedError, UNLOCKED_SESSION_KEY, resetLockCache } from '../keys/state';
import { lockForTest, unlockedForTest } from '../keys/test-support';
import { fakeMenus } from '../../tests/setup';
import { createEvidenceMenus, onEvidenceCommand, onEvidenceMenuClicked } from './background-handlers';
import { captureIntoSession, dataUrlToBlob, describeEvidenceError, drainInbox, onInboxChanged } from './capture';
import { CaptureRefusedError, COMMAND_CAPTURE, MAX_SELECTION_LENGTH, MENU_SCREENSHOT, MENU_SELECTION } from './grab';
import { INBOX_PREFIX, isInboxKey, putInInbox } from './inbox';
import { PANEL_SESSION_KEY } from './session-target';

const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 255, 1, 2]);
const PNG_URL = `data:image/png;base64,${btoa(String.fromCharCode(...PNG))}`;
const NOW = Date.parse('2026-11-25T09:42:00+08:00');
const chatTab = { id: 7, windowId: 3, url: 'https://lender.example/chat?id=1', title: '借呗在线客服' };

/** The browser's screenshot: a PNG data: URL, or a refusal when the tab was never granted. */
function mockCapture(result: string | Error = PNG_URL) {
  // The fake's own signature returns nothing; the real one resolves with the data: URL.
  const capture = vi.fn<(windowId?: number, options?: { format?: string }) => Promise<string>>(() => (typeof result === 'string' ? Promise.resolve(result) : Promise.reject(result)));
  Object.assign(fakeBrowser.tabs, { captureVisibleTab: capture });
  return capture;
}

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());
const inboxKeys = async () => Object.keys(await fakeBrowser.storage.local.get(null)).filter(isInboxKey);
const notices = () => Object.values(fakeBrowser.notifications.getAllCreateOptions());

describe('dataUrlToBlob', () => {
  it('decodes base64 and plain data: URLs with their type', async () => {
    const blob = dataUrlToBlob(PNG_URL);
    expect(blob.type).toBe('image/png');
    expect(await bytesOf(blob)).toEqual(PNG);
    expect(await dataUrlToBlob('data:text/plain;charset=utf-8,a%20b').text()).toBe('a b');
    expect(() => dataUrlToBlob('https://example.org/x.png')).toThrow();
  });
});

describe('background: context menu and shortcut', () => {
  it('creates its two menu items, on a page and on a selection, once', async () => {
    await createEvidenceMenus();
    await createEvidenceMenus();
    expect(fakeMenus.items).toEqual([
      { id: MENU_SCREENSHOT, title: '将此页面截图保存到聊天记录', contexts: ['page', 'frame', 'editable', 'link', 'image'] },
      { id: MENU_SELECTION, title: '将选中的文字保存到聊天记录', contexts: ['selection'] },
    ]);
  });

  it('a menu click takes a PNG of the tab with its address, title and time, hands it over, and says so', async () => {
    const capture = mockCapture();
    await onEvidenceMenuClicked({ menuItemId: MENU_SCREENSHOT, pageUrl: chatTab.url }, chatTab, NOW);
    expect(capture).toHaveBeenCalledWith(3, { format: 'png' });
    const [key = ''] = await inboxKeys();
    expect((await fakeBrowser.storage.local.get(key))[key]).toEqual({ kind: 'screenshot', at: NOW, dataUrl: PNG_URL, url: chatTab.url, title: chatTab.title });
    expect(notices()).toEqual([expect.objectContaining({ title: '截图已保存', message: '借呗在线客服—— 已保存到聊天记录，可在侧栏中查看。' })]);
  });

  it('the shortcut does the same; other commands are left alone', async () => {
    const capture = mockCapture();
    await onEvidenceCommand('open-side-panel', chatTab, NOW);
    expect(capture).not.toHaveBeenCalled();
    await onEvidenceCommand(COMMAND_CAPTURE, chatTab, NOW);
    expect(await inboxKeys()).toHaveLength(1);
  });

  it('selected text is handed over trimmed, with the page address; an empty selection is ignored', async () => {
    await onEvidenceMenuClicked({ menuItemId: MENU_SELECTION, selectionText: '   ', pageUrl: chatTab.url }, chatTab, NOW);
    expect(await inboxKeys()).toEqual([]);
    await onEvidenceMenuClicked({ menuItemId: MENU_SELECTION, selectionText: ` ${'字'.repeat(MAX_SELECTION_LENGTH + 5)} `, pageUrl: chatTab.url }, chatTab, NOW);
    const [key = ''] = await inboxKeys();
    const item = (await fakeBrowser.storage.local.get(key))[key] as { text: string; url: string };
    expect(item.text).toHaveLength(MAX_SELECTION_LENGTH);
    expect(item.url).toBe(chatTab.url);
    expect(notices()[0]).toMatchObject({ title: '文字已保存' });
  });

  it('a refused screenshot hands nothing over and says how to grant it', async () => {
    mockCapture(new Error("Either the '<all_urls>' or 'activeTab' permission is required."));
    await expect(onEvidenceMenuClicked({ menuItemId: MENU_SCREENSHOT }, chatTab, NOW)).rejects.toBeInstanceOf(CaptureRefusedError);
    expect(await inboxKeys()).toEqual([]);
    expect(notices()[0]).toMatchObject({
      title: '未能保存',
      message: '浏览器不允许截取此页面。请在聊天页面上点右键并选择“将此页面截图保存到聊天记录”，或在该页面按快捷键（尚未设置，可在浏览器的扩展快捷键设置中指定）。',
    });
  });
});

describe('drainInbox: from the background’s hand-off into a session', () => {
  async function handOver() {
    mockCapture();
    await onEvidenceMenuClicked({ menuItemId: MENU_SCREENSHOT }, chatTab, NOW);
    await onEvidenceMenuClicked({ menuItemId: MENU_SELECTION, selectionText: '我们同意分12期', pageUrl: chatTab.url }, chatTab, NOW + 1_000);
  }

  it('stores the screenshot as an image and the text as a note in the session the panel shows, then empties the inbox', async () => {
    await handOver();
    await createSession({ id: 'newer', agreementId: null, lender: '', startedAt: NOW });
    await createSession({ id: 'shown', agreementId: 'a1', lender: '借呗', startedAt: 1 });
    await fakeBrowser.storage.local.set({ [PANEL_SESSION_KEY]: 'shown' });

    const drained = await drainInbox({ now: NOW + 5_000 });
    expect(drained.session?.id).toBe('shown');
    expect(drained.failures).toEqual([]);
    const [shot] = await listAttachments('session', 'shown');
    expect(shot).toMatchObject({ kind: 'screenshot', mimeType: 'image/png', byteLength: PNG.length, url: chatTab.url, title: chatTab.title, capturedAt: NOW });
    expect(await bytesOf(shot!.blob)).toEqual(PNG);
    expect(await listNotes('shown')).toEqual([expect.objectContaining({ at: NOW + 1_000, text: `我们同意分12期\n（来源：${chatTab.url}）`, tags: [] })]);
    expect(await inboxKeys()).toEqual([]);
    // Nothing twice.
    expect((await drainInbox({ now: NOW + 6_000 })).stored).toEqual([]);
    expect(await listAttachments('session', 'shown')).toHaveLength(1);
  });

  it('an explicit session (the open panel’s) wins; with none at all, a new general session', async () => {
    await handOver();
    await createSession({ id: 'other', agreementId: null, lender: '', startedAt: NOW });
    await createSession({ id: 'mine', agreementId: null, lender: '', startedAt: 1 });
    expect((await drainInbox({ now: NOW, sessionId: 'mine' })).session?.id).toBe('mine');
    expect(await listAttachments('session', 'mine')).toHaveLength(1);
  });

  it('goes to the session started last when the panel’s is gone, and creates a general one when there is none', async () => {
    await handOver();
    await fakeBrowser.storage.local.set({ [PANEL_SESSION_KEY]: 'deleted-session' });
    const first = await drainInbox({ now: NOW });
    expect(first.session).toMatchObject({ agreementId: null, lender: '', startedAt: NOW });
    expect((await listSessionsOfAgreement(null)).map((s) => s.id)).toEqual([first.session!.id]);

    await createSession({ id: 'latest', agreementId: 'a2', lender: 'B', startedAt: NOW + 10 });
    await handOver();
    expect((await drainInbox({ now: NOW })).session?.id).toBe('latest');
  });

  it('two pages draining at once store each item once', async () => {
    await handOver();
    await createSession({ id: 's', agreementId: null, lender: '', startedAt: 1 });
    await Promise.all([drainInbox({ now: NOW, sessionId: 's' }), drainInbox({ now: NOW, sessionId: 's' })]);
    expect(await listAttachments('session', 's')).toHaveLength(1);
    expect(await listNotes('s')).toHaveLength(1);
  });

  it('keeps an item the disk had no room for, drops one that can never be stored, and says why', async () => {
    await createSession({ id: 's', agreementId: null, lender: '', startedAt: 1 });
    await putInInbox({ kind: 'screenshot', at: 1, dataUrl: 'data:text/html,<b>not an image</b>' });
    await fakeBrowser.storage.local.set({ [`${INBOX_PREFIX}broken`]: { kind: 'video' } });
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called back with its own `this`
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'attachments') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    await putInInbox({ kind: 'screenshot', at: 2, dataUrl: PNG_URL });
    const drained = await drainInbox({ now: NOW, sessionId: 's' });
    vi.restoreAllMocks();
    expect(drained.failures.map((e) => describeEvidenceError(e, ''))).toEqual(['该文件不是图片，未保存。', '存储空间不足，未保存任何内容。请释放磁盘空间或删除旧的证据后重试。']);
    // The full-disk one waits for the next try; the others are gone.
    expect(await inboxKeys()).toHaveLength(1);
    expect((await drainInbox({ now: NOW, sessionId: 's' })).failures).toEqual([]);
    expect(await listAttachments('session', 's')).toHaveLength(1);
  });

  it('tells an open panel when something arrives', async () => {
    const heard = vi.fn();
    const off = onInboxChanged(heard);
    await fakeBrowser.storage.local.set({ unrelated: 1 });
    expect(heard).not.toHaveBeenCalled();
    await putInInbox({ kind: 'text', at: 1, text: 'x' });
    expect(heard).toHaveBeenCalledTimes(1);
    off();
  });

  it('a backup stores what is waiting first, so it holds everything the user saved', async () => {
    await handOver();
    const doc = await exportBackup(NOW);
    expect(doc.stores.attachments).toHaveLength(1);
    expect(doc.stores.sessionNotes).toHaveLength(1);
    expect(await inboxKeys()).toEqual([]);
  });
});

describe('captureIntoSession (the panel’s button)', () => {
  it('stores the screenshot straight into the given session', async () => {
    mockCapture();
    await createSession({ id: 's', agreementId: null, lender: '', startedAt: 1 });
    const attachment = await captureIntoSession(chatTab, 's', NOW);
    expect(await listAttachments('session', 's')).toEqual([expect.objectContaining({ id: attachment.id, capturedAt: NOW, url: chatTab.url })]);
    expect(await inboxKeys()).toEqual([]);
  });

  it('a refusal stores nothing and gives the hint', async () => {
    mockCapture(new Error('Cannot access contents of the page.'));
    const error: unknown = await captureIntoSession(chatTab, 's', NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CaptureRefusedError);
    expect(describeEvidenceError(error, 'Alt+Shift+S')).toBe('浏览器不允许截取此页面。请在聊天页面上点右键并选择“将此页面截图保存到聊天记录”，或在该页面按Alt+Shift+S。');
    expect(await listAttachments('session', 's')).toEqual([]);
  });
});

describe('drainInbox with the lock on', () => {
  // The clock at the clicks, so the lock's idle deadline (15 minutes) is counted from them.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });

  async function handOver() {
    mockCapture();
    await onEvidenceMenuClicked({ menuItemId: MENU_SCREENSHOT }, chatTab, NOW);
    await onEvidenceMenuClicked({ menuItemId: MENU_SELECTION, selectionText: '我们同意分12期', pageUrl: chatTab.url }, chatTab, NOW + 1_000);
  }

  it('while locked, leaves everything the background took in the inbox, and stores it after unlocking', async () => {
    await unlockedForTest();
    await createSession({ id: 'shown', agreementId: 'a1', lender: '借呗', startedAt: 1 });
    await fakeBrowser.storage.local.set({ [PANEL_SESSION_KEY]: 'shown' });
    // Taken while unlocked with no panel open, they wait in the inbox; then the lock closes.
    await handOver();
    const held = await fakeBrowser.storage.session.get(UNLOCKED_SESSION_KEY);
    await lockForTest();
    await expect(drainInbox({ now: NOW })).rejects.toBeInstanceOf(LockedError);
    await expect(drainInbox({ now: NOW, sessionId: 'shown' })).rejects.toBeInstanceOf(LockedError);
    expect(await inboxKeys()).toHaveLength(2);

    await fakeBrowser.storage.session.set(held);
    resetLockCache();
    const drained = await drainInbox({ now: NOW });
    expect(drained.failures).toEqual([]);
    expect(drained.session?.id).toBe('shown');
    expect(await inboxKeys()).toEqual([]);
    const [shot] = await listAttachments('session', 'shown');
    expect(await bytesOf(shot!.blob)).toEqual(PNG);
    expect((await listNotes('shown')).map((n) => n.at)).toEqual([NOW + 1_000]);
  });

  it('with no session to read while locked, creates none and keeps the items', async () => {
    await unlockedForTest();
    await handOver();
    await lockForTest();
    const error = await drainInbox({ now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockedError);
    // The panel says to unlock, in the user's language.
    expect(describeEvidenceError(error, '')).toBe('记录已锁定。请先打开还款协商助手解锁，再重新保存证据。');
    expect(await inboxKeys()).toHaveLength(2);
    expect(await listSessionsOfAgreement(null)).toEqual([]);
  });

  it('locked with a readable session from before the lock, keeps the items it cannot open rather than dropping them', async () => {
    await createSession({ id: 'old', agreementId: null, lender: '', startedAt: 1 });
    await unlockedForTest();
    await handOver();
    await lockForTest();
    await expect(drainInbox({ now: NOW, sessionId: 'old' })).rejects.toBeInstanceOf(LockedError);
    expect(await inboxKeys()).toHaveLength(2);
    expect(await listAttachments('session', 'old')).toEqual([]);
  });

  it('what waits in the inbox is sealed: neither the text nor the image is in extension storage in the clear', async () => {
    await unlockedForTest();
    await handOver();
    const stored = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(stored).not.toContain('我们同意分12期');
    expect(stored).not.toContain('data:image');
    expect(stored).not.toContain(chatTab.url);
  });

  it('waiting items follow the lock when it is turned off, and are stored after', async () => {
    const { turnOffLock, turnOnLock } = await import('../lock/actions');
    await turnOnLock('a long enough passphrase', 15, NOW, { unsafeTestIterations: 1_000 });
    await handOver();
    expect(await turnOffLock('a long enough passphrase', NOW, { unsafeTestIterations: 1_000 })).toEqual({ ok: true });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).toContain('我们同意分12期');
    const drained = await drainInbox({ now: NOW });
    expect(drained.failures).toEqual([]);
    expect(drained.stored).toHaveLength(2);
    expect(await inboxKeys()).toEqual([]);
  });
});
