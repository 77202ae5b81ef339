import { describe, expect, it } from 'vitest';
import type { EventResource } from '../serialize';
import { planCalendarSync, resourceName, resourceUrl, type RemoteEvent } from './plan';

const calendar = 'https://dav.example.com/calendars/li/repay/';
const uid = (n: number) => `repay-companion-a${String(n)}-p1-pay@repay-companion`;
const want = (n: number, hash = `h${String(n)}`): EventResource => ({ uid: uid(n), body: `BODY ${String(n)}`, hash });
const have = (n: number, hash: string | null = `h${String(n)}`, url = resourceUrl(calendar, uid(n))): RemoteEvent => ({ url, etag: `"e${String(n)}"`, uid: uid(n), hash });

describe('planning a calendar sync', () => {
  it('creates what is missing, updates what changed with its ETag, deletes what is no longer wanted, leaves the rest', () => {
    const actions = planCalendarSync([want(1), want(2, 'new'), want(3)], [have(2), have(3), have(4)], calendar);
    expect(actions).toEqual([
      { kind: 'create', uid: uid(1), url: `${calendar}repay-companion-a1-p1-pay.ics`, body: 'BODY 1' },
      { kind: 'update', uid: uid(2), url: `${calendar}repay-companion-a2-p1-pay.ics`, etag: '"e2"', body: 'BODY 2' },
      { kind: 'delete', uid: uid(4), url: `${calendar}repay-companion-a4-p1-pay.ics`, etag: '"e4"' },
    ]);
  });

  it('never touches an event that is not ours, even when asked to', () => {
    const foreign: RemoteEvent = { url: `${calendar}dentist.ics`, etag: '"x"', uid: 'dentist-1@example.com', hash: null };
    expect(planCalendarSync([], [foreign], calendar)).toEqual([]);
    expect(planCalendarSync([{ uid: 'dentist-1@example.com', body: 'B', hash: 'h' }], [foreign], calendar)).toEqual([]);
  });

  it('rewrites one of ours without a hash, and keeps one copy of a UID found twice (the one at our name)', () => {
    expect(planCalendarSync([want(1)], [have(1, null)], calendar).map((a) => a.kind)).toEqual(['update']);
    const stray = have(1, 'h1', `${calendar}copied-by-another-app.ics`);
    expect(planCalendarSync([want(1)], [stray, have(1)], calendar)).toEqual([{ kind: 'delete', uid: uid(1), url: stray.url, etag: '"e1"' }]);
  });

  it('names resources after the UID in characters every server keeps', () => {
    expect(resourceName('repay-companion-a1-p2-transfer-by@repay-companion')).toBe('repay-companion-a1-p2-transfer-by.ics');
    expect(resourceName('repay-companion-h00ff-f20261201-1@repay-companion')).toBe('repay-companion-h00ff-f20261201-1.ics');
    expect(resourceUrl('https://x.example/cal', uid(1))).toBe('https://x.example/cal/repay-companion-a1-p1-pay.ics');
  });
});
