import type { ElementHandle, Page } from 'puppeteer-core';
import { aria, typeDate } from './firefox-pages';

/** Small Puppeteer helpers for the Firefox suites that drive a page by its accessible names. */

/** The one element a selector finds in `scope`, waited for. */
export async function one(scope: Page | ElementHandle, selector: string, timeout = 5_000): Promise<ElementHandle> {
  const handle = await scope.waitForSelector(selector, { timeout });
  if (!handle) throw new Error(`Nothing matches ${selector}`);
  return handle;
}

/** The form control a label names (Firefox also names the <label> itself under that text). */
export async function control(scope: Page | ElementHandle, label: string): Promise<ElementHandle> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    for (const handle of await scope.$$(aria(label))) {
      if (await handle.evaluate((el) => el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)) return handle;
    }
    if (Date.now() > deadline) throw new Error(`No form control labelled "${label}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Empties the control a label names and types the text into it. */
export async function fill(scope: Page | ElementHandle, label: string, text: string): Promise<void> {
  const input = await control(scope, label);
  await input.evaluate((el) => ((el as HTMLInputElement).value = ''));
  await input.type(text);
}

/** Waits until an element of the page with this role shows the text (or text matching the pattern). */
export async function shows(page: Page, role: 'status' | 'alert', text: string | RegExp, timeout = 10_000): Promise<void> {
  const pattern = typeof text === 'string' ? null : { source: text.source, flags: text.flags };
  await page.waitForFunction(
    (r: string, wanted: string, re: { source: string; flags: string } | null) =>
      [...document.querySelectorAll(`[role=${r}]`)].some((el) => (re ? new RegExp(re.source, re.flags).test(el.textContent) : el.textContent === wanted)),
    { timeout },
    role,
    typeof text === 'string' ? text : '',
    pattern,
  );
}

export { typeDate };
