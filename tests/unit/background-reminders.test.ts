import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { listRemindersFor } from '../../lib/db/reminders';
import { saveAgreement } from '../../lib/db/save-agreement';
import { localInstant } from '../../lib/domain/dates';
import { ALARM_NEXT_DUE } from '../../lib/browser/alarms';

const at = (day: string, hour: number, minute = 0) => localInstant(day, hour, minute);
/** An event the test setup added to the fake browser (tests/setup.ts), with its trigger. */
const commands = () => fakeBrowser.commands.onCommand as unknown as { trigger(command: string, tab: { windowId: number }): Promise<unknown> };

/** The background's wiring, driven through the fake browser's events with a frozen clock. */
describe('background: reminder buttons and clicks', () => {
  async function start(now: number) {
    vi.useFakeTimers({ now, toFake: ['Date'] });
    const saved = await saveAgreement({ lender: '借呗', kind: 'extension', amountFen: 100_00, dueDate: '2026-11-21' }, { now: at('2026-11-20', 12) });
    background.main();
    const id = `reminder:${saved.id}`;
    await vi.waitFor(() => expect(fakeBrowser.notifications.getAllCreateOptions()[id]).toBeDefined());
    return { saved, id, pay: `${saved.id}:pay:2026-11-21` };
  }
  const payOf = async (agreementId: string) => (await listRemindersFor(agreementId)).find((r) => r.code === 'pay');

  it('"Done" stops the daily repeat', async () => {
    const { saved, id } = await start(at('2026-11-21', 9, 1));
    expect(await payOf(saved.id)).toMatchObject({ pending: 1, fireAt: at('2026-11-22', 9) });
    await fakeBrowser.notifications.onButtonClicked.trigger(id, 0);
    await vi.waitFor(async () => expect((await payOf(saved.id))?.pending).toBe(0));
    expect(fakeBrowser.notifications.getAllCreateOptions()[id]).toBeUndefined();
  });

  it('"Snooze 1 h" brings it back in an hour and re-arms the alarm', async () => {
    const { saved, id } = await start(at('2026-11-21', 9, 1));
    await fakeBrowser.notifications.onButtonClicked.trigger(id, 1);
    const back = at('2026-11-21', 10, 1);
    // An hour from the click (the fake clock may have ticked a few ms since it was set).
    await vi.waitFor(async () => expect((await payOf(saved.id))?.fireAt).toBeGreaterThanOrEqual(back));
    const fireAt = (await payOf(saved.id))?.fireAt ?? 0;
    expect(fireAt - back).toBeLessThan(5_000);
    await vi.waitFor(async () => expect((await fakeBrowser.alarms.get(ALARM_NEXT_DUE))?.scheduledTime).toBe(fireAt));
  });

  it('a click opens the agreement with its reminder', async () => {
    const { saved, id, pay } = await start(at('2026-11-21', 9, 1));
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await fakeBrowser.notifications.onClicked.trigger(id);
    await vi.waitFor(() => expect(create).toHaveBeenCalled());
    const url = new URL(create.mock.calls[0]?.[0].url ?? '');
    expect(url.pathname).toBe('/popup.html');
    expect(Object.fromEntries(url.searchParams)).toEqual({ agreement: saved.id, reminder: pay });
  });

  it("Chrome's shortcut opens the side panel in the window it was pressed in", async () => {
    await start(at('2026-11-21', 9, 1));
    const open = vi.fn(() => Promise.resolve());
    vi.stubGlobal('chrome', { sidePanel: { open } });
    await commands().trigger('open-side-panel', { windowId: 7 });
    await commands().trigger('another-command', { windowId: 7 });
    expect(open).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith({ windowId: 7 });
  });
});
