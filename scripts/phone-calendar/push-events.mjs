// The README's picture of what a phone's calendar shows (scripts/phone-calendar/shoot.sh): starts
// Debian's Radicale on 127.0.0.1:PORT (no sign-in, anyone may read and write, a throwaway folder)
// and pushes into it, with the extension's own planning, wording and CalDAV code, the events of
// two agreements, as the Calendar section would. Prints "ready", then stays up until stopped.
// Usage: node scripts/phone-calendar/push-events.mjs FOLDER PORT
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createJiti } from 'jiti';

const [folder, portText] = process.argv.slice(2);
if (!folder || !portText) throw new Error('usage: push-events.mjs FOLDER PORT');
const port = Number(portText);

const jiti = createJiti(import.meta.url);
// The event words come from the extension's messages (zh_CN), as chrome.i18n gives them in a page.
const { formatMessage } = await jiti.import('../../tests/locale-messages.ts');
const i18n = { getMessage: (key, substitutions) => formatMessage('zh_CN', key, substitutions), getUILanguage: () => 'zh-CN' };
globalThis.browser = { runtime: { id: 'phone-calendar' }, i18n };
globalThis.chrome = globalThis.browser;
const { discover, createCalendar } = await jiti.import('../../lib/calendar/caldav/discover.ts');
const { syncCalendar } = await jiti.import('../../lib/calendar/caldav/sync.ts');
const { eventResources } = await jiti.import('../../lib/calendar/serialize.ts');
const { fetchTransport } = await jiti.import('../../lib/calendar/transport.ts');
const { calendarEvents } = await jiti.import('../../lib/calendar/plan-events.ts');
const { eventWords } = await jiti.import('../../lib/calendar/words.ts');
const { localInstant } = await jiti.import('../../lib/domain/dates.ts');

mkdirSync(join(folder, 'collections'), { recursive: true });
writeFileSync(join(folder, 'rights'), '[all]\nuser: .*\ncollection: .*\npermissions: RrWw\n');
writeFileSync(
  join(folder, 'config'),
  ['[server]', `hosts = 127.0.0.1:${String(port)}`, '[auth]', 'type = none', '[rights]', 'type = from_file', `file = ${join(folder, 'rights')}`, '[storage]', `filesystem_folder = ${join(folder, 'collections')}`, '[logging]', 'level = warning', ''].join('\n'),
);
const radicale = spawn('/usr/bin/radicale', ['--config', join(folder, 'config')], { stdio: 'inherit' });
const stop = () => {
  radicale.kill();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
const url = `http://127.0.0.1:${String(port)}/`;
for (let attempt = 0; attempt < 100; attempt += 1) {
  try {
    await fetch(url, { method: 'OPTIONS' });
    break;
  } catch {
    await sleep(100);
  }
}

const request = fetchTransport({ origin: new URL(url).origin, username: 'repay', password: 'unused' });
const { homeUrl } = await discover(request, url);
const calendar = await createCalendar(request, homeUrl, 'repay-reminders', '还款提醒');
// Two agreements as a user might have them on 7 December 2026: reminder hour 09:00, alarms 3 days and 1 day before.
const now = localInstant('2026-12-07', 10);
const source = (id, lender, kind, amountFen, dueDate) => ({ agreement: { id, lender, kind, amountFen, dueDate, createdAt: now, updatedAt: now }, payments: [] });
const sources = [source('a1', '网商贷', 'extension', 888_49, '2026-12-15'), source('a2', '借呗', 'settlement', 3_200_00, '2026-12-22')];
const events = calendarEvents(sources, { now, hour: 9, leadDays: [3, 1], leaveOutDetails: false }, eventWords('zh-CN'));
const result = await syncCalendar(request, calendar.url, eventResources(events, now));
console.log(`pushed ${JSON.stringify(result)} to ${calendar.url}`);
console.log('ready');
await new Promise(() => undefined);
