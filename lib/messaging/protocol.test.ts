import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage, send } from './protocol';

describe('messaging protocol', () => {
  const handlers = {
    'data-changed': vi.fn(async () => ({ nextFireAt: 42 })),
    'reminder-done': vi.fn(async () => ({ found: true })),
    'reminder-snooze': vi.fn(async () => ({ fireAt: 7 })),
    'synced-data-changed': vi.fn(async () => ({})),
    'sync-now': vi.fn(async () => ({ ran: true })),
  };

  it('routes a valid message to its handler', async () => {
    await expect(handleMessage(handlers, { name: 'data-changed', payload: {} })).resolves.toEqual({ nextFireAt: 42 });
  });

  it('ignores unknown names and malformed envelopes', () => {
    expect(handleMessage(handlers, { name: 'drop-tables', payload: {} })).toBeUndefined();
    expect(handleMessage(handlers, 'data-changed')).toBeUndefined();
    expect(handleMessage(handlers, { name: 'data-changed', payload: 'x' })).toBeUndefined();
    expect(handlers['data-changed']).not.toHaveBeenCalled();
    expect(handleMessage(handlers, { name: 'reminder-snooze', payload: { reminderId: 'r', until: 'next-year' } })).toBeUndefined();
    expect(handlers['reminder-snooze']).not.toHaveBeenCalled();
  });

  it('sends by name and validates the answer', async () => {
    // The fake browser answers through sendResponse only; real browsers also take a returned promise.
    fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
      void handleMessage(handlers, message)?.then(sendResponse);
      return true;
    });
    await expect(send('data-changed', {})).resolves.toEqual({ nextFireAt: 42 });
  });
});
