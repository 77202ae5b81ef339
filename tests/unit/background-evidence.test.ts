import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { isInboxKey } from '../../lib/evidence/inbox';
import { fakeMenus } from '../setup';

type Triggerable = { trigger(...args: unknown[]): Promise<unknown> };
const event = (value: unknown) => value as Triggerable;
const inbox = async () => Object.entries(await fakeBrowser.storage.local.get(null)).filter(([key]) => isInboxKey(key)).map(([, item]) => item);
const tab = { id: 4, windowId: 2, url: 'https://lender.example/chat', title: '在线客服', index: 0, highlighted: true, active: true, pinned: false, incognito: false };

/** The background's wiring for evidence, driven through the fake browser's events. */
describe('background: evidence from the context menu and the shortcut', () => {
  it('makes its menu items at install, and hands over what a click or the shortcut takes', async () => {
    vi.spyOn(fakeBrowser.tabs, 'captureVisibleTab').mockResolvedValue('data:image/png;base64,iVBORw0KGgo=' as never);
    background.main();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await vi.waitFor(() => expect(fakeMenus.items.map((item) => item.id)).toEqual(['evidence-screenshot', 'evidence-selection']));

    await event(fakeBrowser.contextMenus.onClicked).trigger({ menuItemId: 'evidence-selection', selectionText: '同意分期', pageUrl: tab.url, editable: false }, tab);
    await vi.waitFor(async () => expect(await inbox()).toEqual([expect.objectContaining({ kind: 'text', text: '同意分期', url: tab.url })]));

    await event(fakeBrowser.commands.onCommand).trigger('capture-evidence', tab);
    await vi.waitFor(async () => expect(await inbox()).toHaveLength(2));
    expect(await inbox()).toContainEqual(expect.objectContaining({ kind: 'screenshot', url: tab.url, title: tab.title }));

    // Clicking one of its notifications opens nothing (a reminder's opens its agreement).
    const opened = vi.spyOn(fakeBrowser.tabs, 'create');
    const [id = ''] = Object.keys(fakeBrowser.notifications.getAllCreateOptions()).filter((key) => key.startsWith('evidence:'));
    await fakeBrowser.notifications.onClicked.trigger(id);
    expect(opened).not.toHaveBeenCalled();
  });
});
