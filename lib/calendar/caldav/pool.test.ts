import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inPool } from './pool';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('inPool', () => {
  it('keeps the order of the items and never runs more than the limit at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: 3 }), { maxLength: 30 }), fc.integer({ min: 1, max: 6 }), async (delays, limit) => {
        let running = 0;
        let most = 0;
        const results = await inPool(delays, limit, async (delay) => {
          running += 1;
          most = Math.max(most, running);
          for (let i = 0; i <= delay; i += 1) await tick();
          running -= 1;
          return delay * 10;
        });
        expect(results).toEqual(delays.map((d) => d * 10));
        expect(most).toBeLessThanOrEqual(limit);
        if (delays.length > 0) expect(most).toBe(Math.min(limit, delays.length));
      }),
      { numRuns: 100 },
    );
  });

  it('on a failure starts nothing more, waits for what is running, then throws the first error', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const error = await inPool([0, 1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      started.push(item);
      await tick();
      if (item === 1) throw new Error('first');
      if (item === 2) throw new Error('second');
      await tick();
      finished.push(item);
      return item;
    }).catch((e: unknown) => e);
    expect(error).toEqual(new Error('first'));
    // 0, 1, 2 start together; 1 and 2 fail before 0 finishes, so no other item starts.
    expect(started).toEqual([0, 1, 2]);
    expect(finished).toEqual([0]);
  });

  it('an empty list resolves at once; a limit below 1 is refused', async () => {
    expect(await inPool([], 4, () => Promise.reject(new Error('never')))).toEqual([]);
    await expect(inPool([1], 0, (x) => Promise.resolve(x))).rejects.toThrow(RangeError);
  });
});
