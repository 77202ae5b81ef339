import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { davRequest, startRadicale, type RadicaleServer } from '../../../tests/servers/radicale';
import { formatMessage } from '../../../tests/locale-messages';
import type { AgreementRecord } from '../../db/schema';
import { localInstant } from '../../domain/dates';
import type { CalendarSource } from '../events';
import { calendarEvents } from '../plan-events';
import { findComponents, formatUtc, propertyValue, readComponents, unescapeText, type ICalComponent } from '../ical';
import { eventResources, type EventResource } from '../serialize';
import { eventWords } from '../words';
import { describeDavError } from './describe';
import { createCalendar, discover } from './discover';
import { parseMultistatus } from './multistatus';
import { DavError, type DavRequest } from './request';
import { listOurEvents, syncCalendar } from './sync';
import { CALDAV, qname } from './xml';

/**
 * The CalDAV code against a real Radicale (tests/servers/radicale.ts): discovery, creating the
 * calendar, pushing events and reading them back as the server stored them, and recovering from
 * a server that goes away in the middle of a push.
 */

const now = localInstant('2026-11-20', 10);
const agreement: AgreementRecord = {
  id: 'a1',
  lender: '网商贷',
  kind: 'settlement',
  amountFen: 888_49,
  dueDate: '2026-12-15',
  createdAt: 1,
  updatedAt: 1,
};

function desired(sources: readonly CalendarSource[], at = now): EventResource[] {
  return eventResources(calendarEvents(sources, { now: at, hour: 9, leadDays: [3, 1], leaveOutDetails: false }, eventWords()), at);
}

let server: RadicaleServer;
let request: DavRequest;
let calendars = 0;

/** A calendar of its own for each test, under the user's home. */
async function freshCalendar(): Promise<string> {
  const { homeUrl } = await discover(request, server.url);
  calendars += 1;
  return (await createCalendar(request, homeUrl, `test-${String(calendars)}`, '还款提醒')).url;
}

/** Every event in the calendar as the server returns it, through a plain REPORT. */
async function storedEvents(calendarUrl: string): Promise<ICalComponent[]> {
  const response = await request('REPORT', calendarUrl, {
    headers: { 'content-type': 'application/xml', depth: '1' },
    body: `<c:calendar-query xmlns:d="DAV:" xmlns:c="${CALDAV}"><d:prop><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"/></c:filter></c:calendar-query>`,
  });
  expect(response.status).toBe(207);
  return parseMultistatus(response, calendarUrl).flatMap((e) =>
    findComponents(readComponents(e.props.get(qname(CALDAV, 'calendar-data'))?.text ?? ''), 'VEVENT'),
  );
}

const byUid = (events: readonly ICalComponent[], suffix: string) => events.find((e) => propertyValue(e, 'UID')?.endsWith(suffix));

describe('CalDAV against Radicale', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    server = await startRadicale();
    request = davRequest(server.user, server.password);
  }, 60_000);
  afterAll(async () => {
    await server.dispose();
  });

  it('discovers the principal and the calendar home from the server address, the well-known path or the principal', async () => {
    const found = await discover(request, server.url);
    expect(found.principalUrl).toBe(`${server.url}${server.user}/`);
    expect(found.homeUrl).toBe(`${server.url}${server.user}/`);
    expect(await discover(request, `${server.url}.well-known/caldav`)).toEqual(found);
    expect((await discover(request, found.principalUrl)).homeUrl).toBe(found.homeUrl);
  });

  it('creates the calendar "还款提醒", lists it, and finds it again instead of failing on a second try', async () => {
    const { homeUrl } = await discover(request, server.url);
    const made = await createCalendar(request, homeUrl, 'repay-reminders', '还款提醒');
    expect(made.url).toBe(`${homeUrl}repay-reminders/`);
    const listed = (await discover(request, server.url)).calendars.find((c) => c.url === made.url);
    expect(listed).toEqual({ url: made.url, displayName: '还款提醒', components: ['VEVENT'] });
    expect(await createCalendar(request, homeUrl, 'repay-reminders', '还款提醒')).toEqual(listed);
    // A calendar's own address leads to that calendar.
    expect((await discover(request, made.url)).calendars).toEqual([listed]);
  });

  it('falls back to an extended MKCOL where MKCALENDAR is not allowed', async () => {
    const { homeUrl } = await discover(request, server.url);
    // Radicale behind a front that refuses MKCALENDAR, as some servers do (405 Method Not Allowed).
    const methods: string[] = [];
    const noMkcalendar: DavRequest = async (method, url, init) => {
      methods.push(method);
      if (method === 'MKCALENDAR') return { status: 405, headers: new Headers(), body: '' };
      return request(method, url, init);
    };
    const made = await createCalendar(noMkcalendar, homeUrl, 'made-by-mkcol', '还款提醒');
    expect(methods).toEqual(['MKCALENDAR', 'PROPFIND', 'MKCOL']);
    const listed = (await discover(request, server.url)).calendars.find((c) => c.url === made.url);
    expect(listed).toEqual({ url: made.url, displayName: '还款提醒', components: ['VEVENT'] });
  });

  it('pushes one event per step with its alarms, and the server gives them back as written', async () => {
    const calendar = await freshCalendar();
    const wanted = desired([{ agreement, payments: [] }]);
    expect(await syncCalendar(request, calendar, wanted)).toEqual({ created: wanted.length, updated: 0, deleted: 0, unchanged: 0 });
    const stored = await storedEvents(calendar);
    expect(stored.map((e) => propertyValue(e, 'UID')).sort()).toEqual(wanted.map((w) => w.uid).sort());
    const pay = byUid(stored, '-p1-pay@repay-companion');
    if (!pay) throw new Error('no payment event on the server');
    expect(unescapeText(propertyValue(pay, 'SUMMARY') ?? '')).toBe('网商贷：还款（¥888.49）');
    expect(propertyValue(pay, 'DTSTART')).toBe(formatUtc(localInstant('2026-12-15', 9)));
    const alarms = pay.components.filter((c) => c.name === 'VALARM');
    expect(alarms.map((a) => propertyValue(a, 'TRIGGER'))).toEqual(['PT0S', '-P1D', '-P3D']);
    expect(alarms.map((a) => propertyValue(a, 'ACTION'))).toEqual(['DISPLAY', 'DISPLAY', 'DISPLAY']);
    // Pushing the same again changes nothing.
    expect(await syncCalendar(request, calendar, desired([{ agreement, payments: [] }], now + 60_000))).toEqual({
      created: 0,
      updated: 0,
      deleted: 0,
      unchanged: wanted.length,
    });
  });

  it('an edited due date moves the event: same UID, new start, no second copy', async () => {
    const calendar = await freshCalendar();
    await syncCalendar(request, calendar, desired([{ agreement, payments: [] }]));
    const before = await listOurEvents(request, calendar);
    const moved = { ...agreement, dueDate: '2026-12-18' };
    const result = await syncCalendar(request, calendar, desired([{ agreement: moved, payments: [] }]));
    expect(result.created).toBe(0);
    expect(result.updated).toBeGreaterThan(0);
    const stored = await storedEvents(calendar);
    expect(stored.filter((e) => propertyValue(e, 'UID')?.endsWith('-p1-pay@repay-companion'))).toHaveLength(1);
    expect(propertyValue(byUid(stored, '-p1-pay@repay-companion') ?? { name: '', properties: [], components: [] }, 'DTSTART')).toBe(
      formatUtc(localInstant('2026-12-18', 9)),
    );
    const after = await listOurEvents(request, calendar);
    expect(after.map((e) => e.url).sort()).toEqual(before.map((e) => e.url).sort());
  });

  it("a paid agreement's payment steps disappear; what follows a payment stays; other events are never touched", async () => {
    const calendar = await freshCalendar();
    const foreign = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Someone//EN\r\nBEGIN:VEVENT\r\nUID:dentist-1@example.com\r\nDTSTAMP:20261120T010000Z\r\nDTSTART:20261210T020000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const put = await request('PUT', `${calendar}dentist.ics`, { headers: { 'content-type': 'text/calendar' }, body: foreign });
    expect(put.status).toBe(201);
    await syncCalendar(request, calendar, desired([{ agreement, payments: [] }]));
    const paid = desired([{ agreement, payments: [{ amountFen: 888_49, paidOn: '2026-11-20', coverage: 'full', dueDate: '2026-12-15' }] }]);
    const result = await syncCalendar(request, calendar, paid);
    expect(result.deleted).toBeGreaterThan(0);
    const uids = (await storedEvents(calendar)).map((e) => propertyValue(e, 'UID') ?? '');
    expect(uids.filter((u) => u.includes('-pay@') || u.includes('-transfer-by@'))).toEqual([]);
    expect(uids.filter((u) => u.endsWith('-check-credit-report@repay-companion'))).toHaveLength(1);
    expect(uids).toContain('dentist-1@example.com');
    // Nothing wanted any more: ours go, the dentist stays.
    await syncCalendar(request, calendar, []);
    expect((await storedEvents(calendar)).map((e) => propertyValue(e, 'UID'))).toEqual(['dentist-1@example.com']);
  });

  it('two pushes at once (two windows) make one copy of each event: the second meets the first one\'s resources', async () => {
    const calendar = await freshCalendar();
    const wanted = desired([{ agreement, payments: [] }]);
    const [a, b] = await Promise.all([syncCalendar(request, calendar, wanted), syncCalendar(request, calendar, wanted)]);
    expect(a.created + b.created).toBe(wanted.length);
    const uids = (await storedEvents(calendar)).map((e) => propertyValue(e, 'UID'));
    expect(uids.sort()).toEqual(wanted.map((w) => w.uid).sort());
  });

  it('a wrong password is refused with a message that says so', async () => {
    const wrong = davRequest(server.user, `${server.password}x`);
    const error = await discover(wrong, server.url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DavError);
    expect((error as DavError).kind).toBe('unauthorized');
    expect(describeDavError(error)).toBe(formatMessage('zh_CN', 'caldavErrUnauthorized'));
  });

  it('a server that goes away in the middle of a push leaves no duplicate once it is back', async () => {
    const calendar = await freshCalendar();
    const wanted = desired([
      { agreement, payments: [] },
      { agreement: { ...agreement, id: 'b2', lender: '借呗', kind: 'extension', dueDate: '2026-12-20' }, payments: [] },
    ]);
    expect(wanted.length).toBeGreaterThan(6);
    // The third PUT reaches the server, which stores it; then the server goes away before the
    // answer arrives. Everything after finds no server.
    let puts = 0;
    const failing: DavRequest = async (method, url, init) => {
      if (method !== 'PUT') return request(method, url, init);
      puts += 1;
      if (puts < 3) return request(method, url, init);
      if (puts === 3) {
        await request(method, url, init);
        await server.stop();
      }
      throw new TypeError('fetch failed');
    };
    const error = await syncCalendar(failing, calendar, wanted).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DavError);
    expect((error as DavError).kind).toBe('network');
    expect(describeDavError(error)).toBe(formatMessage('zh_CN', 'caldavErrNetwork'));

    await server.start();
    expect((await listOurEvents(request, calendar)).length).toBe(3);
    const result = await syncCalendar(request, calendar, wanted);
    expect(result).toEqual({ created: wanted.length - 3, updated: 0, deleted: 0, unchanged: 3 });
    const uids = (await storedEvents(calendar)).map((e) => propertyValue(e, 'UID'));
    expect(uids).toHaveLength(wanted.length);
    expect(new Set(uids).size).toBe(wanted.length);
  });
});
