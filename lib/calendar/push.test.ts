import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { davRequest, startRadicale, type RadicaleServer } from '../../tests/servers/radicale';
import { formatMessage } from '../../tests/locale-messages';
import { localInstant } from '../domain/dates';
import { recordPayment } from '../db/payment-writes';
import { saveAgreement } from '../db/save-agreement';
import { lockNow, turnOnLock } from '../lock/actions';
import { loadReminderSettings, saveReminderSettings } from '../settings/reminder-settings';
import { CALENDAR_ACCOUNT_KEY, calendarServer, loadCalendarAccount, saveCalendarAccount, type CalendarAccount } from './account';
import { describePushProblem } from './push-words';
import { createCalendar, discover } from './caldav/discover';
import { parseMultistatus } from './caldav/multistatus';
import type { DavRequest } from './caldav/request';
import { CALDAV, qname } from './caldav/xml';
import { findComponents, formatUtc, propertyValue, readComponents, unescapeText, type ICalComponent } from './ical';
import { pushCalendar } from './push';
import { loadPushStatus } from './push-status';
import { fetchTransport, inScope, OutOfScopeError } from './transport';

/**
 * The background's push against a real Radicale (tests/servers/radicale.ts), through the
 * extension's own fetch transport: agreements saved through the write path, pushed, and read back
 * from the server with a REPORT.
 */

const now = localInstant('2026-11-20', 10);
const settlement = { lender: '网商贷', kind: 'settlement' as const, amountFen: 888_49, dueDate: '2026-12-15' };

let server: RadicaleServer;
let admin: DavRequest;
let calendars = 0;
let granted: Set<string>;

beforeAll(async () => {
  server = await startRadicale();
  admin = davRequest(server.user, server.password);
}, 60_000);
afterAll(async () => {
  await server.dispose();
});

beforeEach(() => {
  granted = new Set();
  Object.assign(fakeBrowser.permissions, {
    contains: ({ origins = [] }: { origins?: string[] }) => Promise.resolve(origins.every((origin) => granted.has(origin))),
  });
});

/** A fresh calendar on the server and an account connected to it, with the permission granted. */
async function connect(password = server.password): Promise<CalendarAccount> {
  const { homeUrl } = await discover(admin, server.url);
  calendars += 1;
  const calendar = await createCalendar(admin, homeUrl, `push-${String(calendars)}`, '还款提醒');
  const place = calendarServer('radicale', server.url);
  if (!place.ok) throw new Error(place.error);
  const account: CalendarAccount = {
    ...place.server,
    username: server.user,
    password,
    calendarUrl: calendar.url,
    calendarName: calendar.displayName,
  };
  granted.add(account.permissionPattern);
  await saveCalendarAccount(account);
  return account;
}

async function stored(calendarUrl: string): Promise<ICalComponent[]> {
  const response = await admin('REPORT', calendarUrl, {
    headers: { 'content-type': 'application/xml', depth: '1' },
    body: `<c:calendar-query xmlns:d="DAV:" xmlns:c="${CALDAV}"><d:prop><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"/></c:filter></c:calendar-query>`,
  });
  expect(response.status).toBe(207);
  return parseMultistatus(response, calendarUrl).flatMap((e) => findComponents(readComponents(e.props.get(qname(CALDAV, 'calendar-data'))?.text ?? ''), 'VEVENT'));
}

const payEvent = (events: readonly ICalComponent[]) => events.filter((e) => propertyValue(e, 'UID')?.endsWith('-p1-pay@repay-companion'));

describe('pushing to the user’s calendar (Radicale)', { timeout: 60_000 }, () => {
  it('creates one event per step with its alarms, as the server gives them back, and records the result', async () => {
    const account = await connect();
    // The user's own reminder settings shape the events: alarms 3 days and 1 day before the payment.
    await saveReminderSettings({ ...(await loadReminderSettings()), reminderHour: 9, extraLeadDays: [3, 1] });
    await saveAgreement(settlement, { now });
    const outcome = await pushCalendar(now);
    if (outcome.kind !== 'done') throw new Error(`push: ${outcome.kind}`);
    expect(outcome.result.created).toBe(outcome.events);
    const events = await stored(account.calendarUrl ?? '');
    expect(events).toHaveLength(outcome.events);
    const [pay] = payEvent(events);
    if (!pay) throw new Error('no payment event');
    expect(unescapeText(propertyValue(pay, 'SUMMARY') ?? '')).toBe('网商贷：还款（¥888.49）');
    expect(propertyValue(pay, 'DTSTART')).toBe(formatUtc(localInstant('2026-12-15', 9)));
    expect(pay.components.filter((c) => c.name === 'VALARM').map((a) => propertyValue(a, 'TRIGGER'))).toEqual(['PT0S', '-P1D', '-P3D']);
    expect(await loadPushStatus()).toEqual({ at: now, okAt: now, events: outcome.events, problem: null, failures: 0, notBefore: null });
    // Again: nothing to do.
    const again = await pushCalendar(now + 60_000);
    expect(again).toMatchObject({ kind: 'done', result: { created: 0, updated: 0, deleted: 0, unchanged: outcome.events } });
  });

  it('leaves the lender and the amount off the server when the user chose so', async () => {
    const account = await connect();
    await fakeBrowser.storage.local.set({ calendarLeaveOutDetails: true });
    await saveAgreement(settlement, { now });
    await pushCalendar(now);
    const text = (await stored(account.calendarUrl ?? '')).map((e) => `${propertyValue(e, 'SUMMARY') ?? ''} ${propertyValue(e, 'DESCRIPTION') ?? ''}`).join('\n');
    expect(text).not.toContain('网商贷');
    expect(text).not.toContain('888');
    expect(text).toContain('还款');
  });

  it('an edited due date moves the event: the same resource, a new start, no second copy', async () => {
    const account = await connect();
    const saved = await saveAgreement(settlement, { now });
    await pushCalendar(now);
    await saveAgreement({ ...settlement, dueDate: '2026-12-18' }, { now, id: saved.id });
    const outcome = await pushCalendar(now + 1_000);
    expect(outcome).toMatchObject({ kind: 'done', result: { created: 0 } });
    const pay = payEvent(await stored(account.calendarUrl ?? ''));
    expect(pay).toHaveLength(1);
    expect(propertyValue(pay[0] ?? { name: '', properties: [], components: [] }, 'DTSTART')).toBe(formatUtc(localInstant('2026-12-18', 9)));
  });

  it("a paid agreement's payment steps disappear from the calendar", async () => {
    const account = await connect();
    const saved = await saveAgreement(settlement, { now });
    await pushCalendar(now);
    await recordPayment({ agreementId: saved.id, amountFen: 888_49, paidOn: '2026-11-20', coverage: 'full' }, { now });
    const outcome = await pushCalendar(now + 1_000);
    expect(outcome.kind === 'done' && outcome.result.deleted).toBeGreaterThan(0);
    const uids = (await stored(account.calendarUrl ?? '')).map((e) => propertyValue(e, 'UID') ?? '');
    expect(uids.filter((u) => u.includes('-pay@') || u.includes('-transfer-by@'))).toEqual([]);
    expect(uids.filter((u) => u.endsWith('-check-credit-report@repay-companion'))).toHaveLength(1);
  });

  it('a wrong password is recorded, said clearly, and not retried on its own', async () => {
    await connect(`${server.password}x`);
    await saveAgreement(settlement, { now });
    expect(await pushCalendar(now)).toEqual({ kind: 'failed', problem: 'unauthorized', status: 401 });
    const status = await loadPushStatus();
    expect(status).toMatchObject({ okAt: null, problem: { kind: 'unauthorized', status: 401 }, failures: 1, notBefore: null });
    expect(describePushProblem(status?.problem ?? null)).toBe(formatMessage('zh_CN', 'caldavErrUnauthorized'));
  });

  it('a server that goes away mid-push backs off, and once back the push leaves no duplicate', async () => {
    const account = await connect();
    await saveAgreement(settlement, { now });
    await saveAgreement({ ...settlement, lender: '借呗', kind: 'extension', dueDate: '2026-12-20' }, { now });
    const real = fetchTransport({ origin: account.origin, username: account.username, password: account.password });
    // The server stops once three PUTs were sent; PUTs already in flight beside them may or may not
    // land, so the ones the server answered with success are counted. Later ones find it gone.
    let puts = 0;
    let landed = 0;
    let stopping: Promise<void> | null = null;
    const failing: DavRequest = async (method, url, init) => {
      if (method !== 'PUT') return real(method, url, init);
      puts += 1;
      if (stopping) await stopping;
      const response = await real(method, url, init);
      if (response.status >= 200 && response.status < 300) landed += 1;
      if (puts >= 3) stopping ??= server.stop();
      await stopping;
      return response;
    };
    expect(await pushCalendar(now, { request: failing, random: () => 0 })).toEqual({ kind: 'failed', problem: 'network', status: null });
    const status = await loadPushStatus();
    expect(status?.notBefore).toBe(now + 2_500);
    expect(describePushProblem(status?.problem ?? null)).toBe(formatMessage('zh_CN', 'caldavErrNetwork'));
    await server.start();
    // Automatic pushes wait out the back-off; the next one after it completes the calendar.
    expect(await pushCalendar(now + 1_000)).toEqual({ kind: 'waiting', until: now + 2_500 });
    const outcome = await pushCalendar(now + 3_000);
    if (outcome.kind !== 'done') throw new Error(`push: ${outcome.kind}`);
    expect(landed).toBeGreaterThanOrEqual(3);
    expect(outcome.result).toMatchObject({ created: outcome.events - landed, unchanged: landed });
    const uids = (await stored(account.calendarUrl ?? '')).map((e) => propertyValue(e, 'UID'));
    expect(uids).toHaveLength(outcome.events);
    expect(new Set(uids).size).toBe(outcome.events);
  });

  it('does nothing while locked; the account itself is sealed with the lock on', async () => {
    const account = await connect();
    await turnOnLock('correct horse battery staple', 15, now, { unsafeTestIterations: 1_000 });
    const raw = (await fakeBrowser.storage.local.get(CALENDAR_ACCOUNT_KEY))[CALENDAR_ACCOUNT_KEY];
    expect(JSON.stringify(raw)).not.toContain(account.password);
    expect(await loadCalendarAccount()).toEqual(account);
    await lockNow();
    expect(await pushCalendar(now)).toEqual({ kind: 'locked' });
    expect(await stored(account.calendarUrl ?? '')).toEqual([]);
  });

  it('without the browser’s permission for the server, says so and sends nothing', async () => {
    const account = await connect();
    granted.clear();
    await saveAgreement(settlement, { now });
    expect(await pushCalendar(now)).toEqual({ kind: 'failed', problem: 'permission', status: null });
    expect(await stored(account.calendarUrl ?? '')).toEqual([]);
  });
});

describe('busy servers and the transport', () => {
  let busy: Server;
  let busyUrl = '';
  const seen: string[] = [];
  beforeAll(async () => {
    busy = createServer((req, res) => {
      seen.push(`${req.method ?? ''} ${req.headers.authorization ?? ''}`);
      res.writeHead(503, { 'retry-after': '120' });
      res.end();
    });
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const address = busy.address();
    busyUrl = `http://127.0.0.1:${String(typeof address === 'object' && address ? address.port : 0)}/`;
  });
  afterAll(async () => {
    await new Promise((resolve) => busy.close(resolve));
  });

  it('a 503 with Retry-After waits at least that long before the next automatic push', async () => {
    const place = calendarServer('other', busyUrl);
    if (!place.ok) throw new Error(place.error);
    granted.add(place.server.permissionPattern);
    await saveCalendarAccount({ ...place.server, username: '用户', password: '密码', calendarUrl: `${busyUrl}cal/`, calendarName: 'x' });
    expect(await pushCalendar(now, { random: () => 0 })).toEqual({ kind: 'failed', problem: 'busy', status: 503 });
    expect((await loadPushStatus())?.notBefore).toBe(now + 120_000);
    // Basic auth in UTF-8: 用户:密码.
    expect(seen.at(-1)).toBe(`REPORT Basic ${Buffer.from('用户:密码', 'utf8').toString('base64')}`);
    expect(await pushCalendar(now + 60_000)).toEqual({ kind: 'waiting', until: now + 120_000 });
    // The user's own "update now" goes at once.
    expect(await pushCalendar(now + 60_000, { force: true })).toMatchObject({ kind: 'failed', problem: 'busy' });
  });

  it('refuses a URL on another server before sending anything', async () => {
    const request = fetchTransport({ origin: busyUrl.replace(/\/$/, ''), username: 'u', password: 'p' });
    const before = seen.length;
    await expect(request('PROPFIND', 'http://127.0.0.2:9/x', {})).rejects.toBeInstanceOf(OutOfScopeError);
    await expect(request('PROPFIND', busyUrl.replace('127.0.0.1', 'u:p@127.0.0.1'), {})).rejects.toBeInstanceOf(OutOfScopeError);
    expect(seen.length).toBe(before);
    expect(inScope('https://p42-caldav.icloud.com/123/calendars/', { origin: 'https://caldav.icloud.com', hostSuffix: '.icloud.com' })).toBe(true);
    expect(inScope('https://evil-icloud.com/', { origin: 'https://caldav.icloud.com', hostSuffix: '.icloud.com' })).toBe(false);
    expect(inScope('http://p42.icloud.com/', { origin: 'https://caldav.icloud.com', hostSuffix: '.icloud.com' })).toBe(false);
  });

  it('a server that takes too long counts as no answer', async () => {
    const slow = createServer(() => undefined);
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const address = slow.address();
    const origin = `http://127.0.0.1:${String(typeof address === 'object' && address ? address.port : 0)}`;
    const request = fetchTransport({ origin, username: 'u', password: 'p', timeoutMs: 200 });
    await expect(request('PROPFIND', `${origin}/`, {})).rejects.toThrow();
    slow.closeAllConnections();
    await new Promise((resolve) => slow.close(resolve));
  });
});
