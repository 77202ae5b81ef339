import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { CHECKLIST_PREFIX } from '../db/script-state';

/** Checklist ticks of one talk: kept per chat session (`sessionChecklistScope`), so each call starts afresh. */
const KEY_PREFIX = CHECKLIST_PREFIX;
const ticksSchema = z.array(z.string().check(z.maxLength(40))).check(z.maxLength(50));

export async function loadTicks(scope: string): Promise<string[]> {
  const key = KEY_PREFIX + scope;
  const parsed = ticksSchema.safeParse((await browser.storage.local.get(key))[key]);
  return parsed.success ? parsed.data : [];
}

export async function saveTicks(scope: string, ticks: readonly string[]): Promise<void> {
  await browser.storage.local.set({ [KEY_PREFIX + scope]: ticksSchema.parse([...ticks]) });
}

/** Where a chat session's ticks are kept: each session has its own, shown again with it and in its log. */
export function sessionChecklistScope(sessionId: string): string {
  return `session:${sessionId}`;
}
