// How long pushing 1,000 events to a CalDAV calendar takes on loopback: Debian's Radicale started
// as in the tests (tests/servers/radicale.ts), the extension's own sync code (syncCalendar) and
// fetch transport. Three timings: the first push (1,000 PUTs), a push with nothing to do (one
// REPORT), and a push after every event changed (1,000 If-Match PUTs). Not a test: `npm run bench`
// adds these rows to its table (measureCaldav); `npm exec -- node bench/caldav.mjs` runs them alone.

import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';

const jiti = createJiti(import.meta.url);
const { startRadicale } = await jiti.import('../tests/servers/radicale.ts');
const { discover, createCalendar } = await jiti.import('../lib/calendar/caldav/discover.ts');
const { syncCalendar } = await jiti.import('../lib/calendar/caldav/sync.ts');
const { eventResources } = await jiti.import('../lib/calendar/serialize.ts');
const { fetchTransport } = await jiti.import('../lib/calendar/transport.ts');

const COUNT = 1_000;
const now = Date.UTC(2026, 10, 20, 2);

function events(summaryOf) {
  return Array.from({ length: COUNT }, (_, i) => ({
    uid: `repay-companion-bench${String(i).padStart(4, '0')}-p1-pay@repay-companion`,
    agreementId: `bench${String(i)}`,
    code: 'pay',
    date: '2027-01-01',
    start: now + (i + 1) * 86_400_000,
    summary: summaryOf(i),
    description: 'Pay before the bank closes.',
    alarmDaysBefore: [0, 1, 3],
  }));
}

/**
 * The three timings as rows of bench/run.mjs's table ({ id, label, unit, median, min, max, runs,
 * budget, pass, note }), one run each: a push of 1,000 events takes minutes on Radicale.
 */
export async function measureCaldav({ log = console.log } = {}) {
  const server = await startRadicale();
  try {
    log(`caldav: ${String(COUNT)} events to Radicale on loopback (bench/caldav.mjs)`);
    const request = fetchTransport({ origin: new URL(server.url).origin, username: server.user, password: server.password });
    const { homeUrl } = await discover(request, server.url);
    const calendar = await createCalendar(request, homeUrl, 'bench', 'Bench');
    const rows = [];
    const time = async (id, label, desired) => {
      const started = performance.now();
      const result = await syncCalendar(request, calendar.url, desired);
      const ms = performance.now() - started;
      log(`  ${label}: ${(ms / 1000).toFixed(2)} s ${JSON.stringify(result)}`);
      rows.push({ id, label, unit: 'ms', median: ms, min: ms, max: ms, runs: 1, budget: null, pass: null, note: JSON.stringify(result) });
    };
    await time('caldav-first-push', `CalDAV, first push of ${COUNT.toLocaleString('en')} events (Radicale, loopback)`, eventResources(events((i) => `Lender ${String(i)}: Pay (¥${String(i)}.00)`), now));
    await time('caldav-unchanged', '  again, nothing changed', eventResources(events((i) => `Lender ${String(i)}: Pay (¥${String(i)}.00)`), now + 1));
    await time('caldav-all-changed', `  again, all ${COUNT.toLocaleString('en')} changed`, eventResources(events((i) => `Lender ${String(i)}: Pay (¥${String(i)}.50)`), now + 2));
    return rows;
  } finally {
    await server.dispose();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await measureCaldav();
