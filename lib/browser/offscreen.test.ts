import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answerOffscreen, forwardStorageChanges, runInOffscreen } from './offscreen';
import { toOffscreenSchema, type ToOffscreen } from './offscreen-protocol';

/**
 * Chrome's offscreen API, in memory: one document at most (creating a second one fails, as in
 * Chrome), which answers jobs through the fake browser's runtime messages while it is open, and
 * may close itself just before a message arrives (as the real one does when idle).
 */
let documents: string[];
let created: string[];
let answerJob: (job: unknown) => Promise<unknown>;
let heard: ToOffscreen[];
let closesBeforeNextMessage: boolean;

beforeEach(() => {
  documents = [];
  created = [];
  heard = [];
  closesBeforeNextMessage = false;
  answerJob = (job) => Promise.resolve({ ok: true, result: job });
  vi.stubGlobal('chrome', {
    runtime: {
      ContextType: { OFFSCREEN_DOCUMENT: 'OFFSCREEN_DOCUMENT' },
      getContexts: () => Promise.resolve(documents.map((url) => ({ documentUrl: url }))),
    },
    offscreen: {
      Reason: { BLOBS: 'BLOBS' },
      createDocument: async ({ url }: { url: string }) => {
        await Promise.resolve();
        if (documents.length > 0) throw new Error('Only a single offscreen document may be created.');
        documents.push(url);
        created.push(url);
      },
    },
  });
  // The fake's messages work as Chrome's own: a listener that answers later returns true.
  fakeBrowser.runtime.onMessage.addListener(((message: unknown, _sender: unknown, sendResponse: (answer: unknown) => void) => {
    if (closesBeforeNextMessage) {
      closesBeforeNextMessage = false;
      documents = [];
    }
    const parsed = toOffscreenSchema.safeParse(message);
    if (!parsed.success) return false;
    heard.push(parsed.data); // sent, whether or not a document is there to hear it
    if (documents.length === 0 || parsed.data.offscreen !== 'job') return false;
    void answerJob(parsed.data.job).then(sendResponse);
    return true;
  }) as Parameters<typeof fakeBrowser.runtime.onMessage.addListener>[0]);
});

describe('jobs in the offscreen document', () => {
  it('open the document in the browser’s language, and leave its closing to it', async () => {
    expect(await runInOffscreen({ kind: 'push' })).toEqual({ kind: 'push' });
    expect(created).toEqual(['offscreen.html?ui=zh-CN']);
    expect(documents).toHaveLength(1);
  });

  it('share one document, whether opened by this worker or one before it', async () => {
    const [a, b] = await Promise.all([runInOffscreen({ kind: 'sync', reason: 'alarm' }), runInOffscreen({ kind: 'push' })]);
    expect([a, b]).toEqual([{ kind: 'sync', reason: 'alarm' }, { kind: 'push' }]);
    expect(created).toHaveLength(1);
    await runInOffscreen({ kind: 'push' });
    expect(created).toHaveLength(1);
  });

  it('open it again when it closed itself just before the job arrived', async () => {
    await runInOffscreen({ kind: 'push' });
    closesBeforeNextMessage = true;
    expect(await runInOffscreen({ kind: 'sync', reason: 'manual' })).toEqual({ kind: 'sync', reason: 'manual' });
    expect(created).toHaveLength(2);
  });

  it('end in the job’s error', async () => {
    answerJob = () => Promise.resolve({ ok: false, error: 'Server busy' });
    await expect(runInOffscreen({ kind: 'sync', reason: 'manual' })).rejects.toThrow('Server busy');
  });

  it('tell the document of storage changes while it is open, and only then', async () => {
    forwardStorageChanges();
    await fakeBrowser.storage.local.set({ before: 1 });
    await runInOffscreen({ kind: 'push' });
    await fakeBrowser.storage.session.set({ unlockedSession: 'key' });
    await vi.waitFor(() => expect(heard.filter((message) => message.offscreen === 'storage-changed')).toHaveLength(1));
    documents = [];
    await fakeBrowser.storage.local.set({ after: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const changes = heard.filter((message) => message.offscreen === 'storage-changed');
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ offscreen: 'storage-changed', area: 'session', changes: { unlockedSession: { newValue: 'key' } } });
  });
});

describe('the worker’s answers to the document', () => {
  it('call the storage and permission APIs it lists, and no other', async () => {
    await fakeBrowser.storage.local.set({ lockSettings: { on: true } });
    await expect(answerOffscreen({ offscreenCall: 'storage.local.get', args: ['lockSettings'] }, () => undefined)).resolves.toEqual({
      ok: true,
      result: { lockSettings: { on: true } },
    });
    expect(answerOffscreen({ offscreenCall: 'storage.local.clear', args: [] }, () => undefined)).toBeUndefined();
    expect(answerOffscreen({ name: 'data-changed', payload: {} }, () => undefined)).toBeUndefined();
    expect(await fakeBrowser.storage.local.get('lockSettings')).toEqual({ lockSettings: { on: true } });
  });

  it('answer undefined as null, and an error as its message', async () => {
    await expect(answerOffscreen({ offscreenCall: 'storage.local.set', args: [{ a: 1 }] }, () => undefined)).resolves.toEqual({ ok: true, result: null });
    Object.assign(fakeBrowser.permissions, { contains: () => Promise.reject(new Error('Invalid pattern')) });
    await expect(answerOffscreen({ offscreenCall: 'permissions.contains', args: [{ origins: ['x'] }] }, () => undefined)).resolves.toEqual({
      ok: false,
      error: 'Invalid pattern',
    });
  });

  it('hand on the changes the document committed', async () => {
    const committed: unknown[] = [];
    await answerOffscreen({ offscreenCommitted: { mutation: 'sync-apply', stores: ['agreements'] } }, (change) => committed.push(change));
    expect(committed).toEqual([{ mutation: 'sync-apply', stores: ['agreements'] }]);
  });
});
