import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { CHECKLIST_PREFIX, getScriptState, updateScriptState } from '../db/script-state';

/**
 * Checklist ticks of one talk, kept per chat session (`sessionChecklistScope`), so each call starts
 * afresh; in the database with the other records (lib/db/script-state.ts). Ticks saved before
 * version 6 sit in extension storage and are moved into the database the first time they are read.
 */
const legacySchema = z.array(z.string().check(z.maxLength(40))).check(z.maxLength(50));

export async function loadTicks(scope: string, now: number = Date.now()): Promise<string[]> {
  const stored = await getScriptState(scope, now);
  if (stored?.ticks) return stored.ticks;
  const key = CHECKLIST_PREFIX + scope;
  const parsed = legacySchema.safeParse((await browser.storage.local.get(key))[key]);
  if (!parsed.success) return [];
  await updateScriptState(scope, { ticks: parsed.data }, now);
  await browser.storage.local.remove(key);
  return parsed.data;
}

export async function saveTicks(scope: string, ticks: readonly string[], now: number = Date.now()): Promise<void> {
  await updateScriptState(scope, { ticks: [...ticks] }, now);
}

/** Where a chat session's ticks are kept: each session has its own, shown again with it and in its log. */
export function sessionChecklistScope(sessionId: string): string {
  return `session:${sessionId}`;
}
