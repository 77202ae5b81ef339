import { describe, expect, it, vi } from 'vitest';
import { createAutosaver } from './autosave';

describe('createAutosaver', () => {
  it('saves once, shortly after typing stops, with the last text', async () => {
    vi.useFakeTimers();
    const saved: string[] = [];
    const saver = createAutosaver({ save: async (t) => void saved.push(t), delayMs: 300 });
    saver.schedule('a');
    saver.schedule('ab');
    await vi.advanceTimersByTimeAsync(299);
    expect(saved).toEqual([]);
    saver.schedule('abc');
    await vi.advanceTimersByTimeAsync(300);
    expect(saved).toEqual(['abc']);
    expect(saver.dirty).toBe(false);
  });

  it('flushes at once when the page goes away', async () => {
    const saved: string[] = [];
    const saver = createAutosaver({ save: async (t) => void saved.push(t), delayMs: 10_000 });
    saver.schedule('half a sente');
    await saver.flush();
    expect(saved).toEqual(['half a sente']);
  });

  it('never overlaps writes and ends with the newest text', async () => {
    const saved: string[] = [];
    let active = 0;
    const saver = createAutosaver({
      save: async (t) => {
        active += 1;
        expect(active).toBe(1);
        await new Promise((r) => setTimeout(r, 5));
        saved.push(t);
        active -= 1;
      },
    });
    saver.schedule('one');
    const first = saver.flush();
    saver.schedule('two');
    await Promise.all([first, saver.flush()]);
    expect(saved.at(-1)).toBe('two');
  });

  it('keeps the text after a failed write and retries on the next flush', async () => {
    const onError = vi.fn();
    let fail = true;
    const saved: string[] = [];
    const saver = createAutosaver({
      save: async (t) => {
        if (fail) throw new Error('QuotaExceededError');
        saved.push(t);
      },
      onError,
    });
    saver.schedule('keep me');
    await saver.flush();
    expect(onError).toHaveBeenCalledOnce();
    expect(saver.dirty).toBe(true);
    fail = false;
    await saver.flush();
    expect(saved).toEqual(['keep me']);
  });
});
