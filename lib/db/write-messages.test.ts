import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { localInstant } from '../domain/dates';
import { saveAgreement } from './save-agreement';
import { addNote, createSession } from './sessions';

const NOW = localInstant('2026-11-20', 10);

/** The names of the messages a page's writes send to the background while `run` runs. */
async function messagesDuring(run: () => Promise<unknown>): Promise<string[]> {
  const names: string[] = [];
  fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
    const name = (message as { name?: unknown }).name;
    names.push(String(name));
    sendResponse(name === 'data-changed' ? { nextFireAt: null } : {});
    return true;
  });
  await run();
  // The announcement loads the messaging module lazily: let it arrive.
  await expect.poll(() => names.length).toBeGreaterThan(0);
  return names;
}

describe('what a page tells the background after a write', () => {
  it('an agreement changed: reconcile (which also syncs)', async () => {
    const names = await messagesDuring(() => saveAgreement({ lender: '借呗', kind: 'extension', amountFen: 100_000, dueDate: '2026-12-15' }, { now: NOW, hour: 9 }));
    expect(names).toEqual(['data-changed']);
  });

  it('a chat and its note, which reminders do not follow: sync soon, so the other device has them without waiting for the sweep', async () => {
    const names = await messagesDuring(async () => {
      const session = await createSession({ id: 's1', agreementId: null, lender: '借呗', startedAt: NOW });
      await addNote({ id: 'n1', sessionId: session.id, at: NOW + 1_000, text: '客服同意展期' });
    });
    await expect.poll(() => names.length).toBe(2);
    expect(names).toEqual(['synced-data-changed', 'synced-data-changed']);
  });
});
