import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFirstScreenFromView } from '../db/first-screen-view';
import { saveAgreement } from '../db/save-agreement';
import { localInstant } from '../domain/dates';
import { reconcile, refreshViewSoon } from './reconcile';

const TODAY = '2026-11-20';
const NOW = localInstant(TODAY, 10);
const lenders = async () => (await readFirstScreenFromView(TODAY, NOW))?.items.map((item) => item.agreement.lender) ?? null;

describe('the first-screen view after reconcile', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('is built after a change is answered, not before: the answer does not wait for it', async () => {
    await saveAgreement({ lender: '借呗', kind: 'extension', amountFen: 100_000, dueDate: '2026-11-18' }, { now: NOW, hour: 9 });
    await reconcile(NOW, 'data-changed');
    expect(await lenders()).toBeNull();
    await refreshViewSoon();
    expect(await lenders()).toEqual(['借呗']);
  });

  it('a burst of requests is folded into one build, current as of the last change, and every caller hears when', async () => {
    await saveAgreement({ lender: '花呗', kind: 'extension', amountFen: 50_000, dueDate: TODAY }, { now: NOW, hour: 9 });
    const first = refreshViewSoon(50);
    await saveAgreement({ lender: '白条', kind: 'extension', amountFen: 60_000, dueDate: TODAY }, { now: NOW, hour: 9 });
    const second = refreshViewSoon(50);
    // The first request was folded into the second: nothing is built before the second's delay.
    expect(await lenders()).toBeNull();
    await Promise.all([first, second]);
    expect((await lenders())?.sort()).toEqual(['白条', '花呗'].sort());
  });
});
