import { formatDuration } from 'date-fns';
import { enUS, zhCN } from 'date-fns/locale';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import type { Evaluator } from './idb';

/*
 * The extension decides what "today" is, and at what instant 09:00 falls, with the browser's clock
 * and the browser's time zone. Expectations and seeded data must come from the same place, never
 * from Node's clock: a run that crosses midnight, or a Node process in another zone (TZ) or under
 * faketime, would otherwise be a day off from the app. So every helper here asks the browser.
 */

/** A browser context to ask: a Playwright page or service worker, or a Puppeteer (Firefox) page. */
export type InBrowser = Evaluator | PuppeteerPage;

function inBrowser<R, A>(target: InBrowser, fn: (arg: A) => R, arg: A): Promise<R> {
  return (target as Evaluator).evaluate(fn, arg);
}

/** The calendar day `offsetDays` after a 'yyyy-MM-dd' day: pure date arithmetic, the same in any zone. */
export function addDays(day: string, offsetDays: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + offsetDays)).toISOString().slice(0, 10);
}

/**
 * Today in the browser, and the days around it: `day(0)` is today, `day(-1)` yesterday, `day(5)` five
 * days ahead, as 'yyyy-MM-dd' (what the date input wants). Ask it in the test that uses it, so the day
 * is the one the app sees while that test runs.
 */
export async function browserDays(target: InBrowser): Promise<(offsetDays: number) => string> {
  const today = await inBrowser(
    target,
    () => {
      const now = new Date();
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    },
    null,
  );
  return (offsetDays) => addDays(today, offsetDays);
}

/** The browser's clock (epoch ms): for data seeded "now + 6 s" and for checks of when something happened. */
export function browserNow(target: InBrowser): Promise<number> {
  return inBrowser(target, () => Date.now(), null);
}

/** Epoch ms of a wall-clock hour on a 'yyyy-MM-dd' day in the browser's zone (reminders fire at 09:00 there). */
export function browserInstant(target: InBrowser, day: string, hour: number): Promise<number> {
  return inBrowser(
    target,
    ({ day, hour }) => {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      return new Date(y, m - 1, d, hour).getTime();
    },
    { day, hour },
  );
}

/** The hour (0–23) an instant shows on the browser's clock. */
export function browserHour(target: InBrowser, epochMs: number): Promise<number> {
  return inBrowser(target, (at) => new Date(at).getHours(), epochMs);
}

/** "1天" / "1 day": the duration phrase the countdown substitutes into dueIn/overdueBy (no space before 天, docs/glossary.md). */
export function dayCount(days: number, language: 'zh-CN' | 'en'): string {
  return formatDuration({ days }, { locale: language === 'zh-CN' ? zhCN : enUS, zero: true }).replace(' 天', '天');
}
