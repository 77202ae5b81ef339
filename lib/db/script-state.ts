import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { SLOTS } from '../domain/script-slots';
import { defineCodec } from './codec';
import { openDatabase } from './database';
import { updateOne } from './one-record';

/**
 * What the side panel's script tab keeps, per scope: the figures the user typed (what they can pay
 * each month, what happened), per agreement or for 'general' talks, and the checklist items ticked
 * during one chat session (scope `session:<id>`). Records of the database like any other: backups
 * carry them, the lock seals them, and deleting an agreement deletes its figures.
 */
export const scriptStateRecordSchema = z.object({
  /** An agreement's id, 'general', or `session:<id>`. */
  id: z.string().check(z.minLength(1), z.maxLength(256)),
  figures: z.optional(z.partialRecord(z.enum(SLOTS), z.string().check(z.maxLength(500)))),
  ticks: z.optional(z.array(z.string().check(z.maxLength(40))).check(z.maxLength(50))),
  updatedAt: z.int().check(z.nonnegative()),
});
export type ScriptStateRecord = z.infer<typeof scriptStateRecordSchema>;

export const scriptStateCodec = defineCodec('scriptState', scriptStateRecordSchema);

export async function getScriptState(scope: string, now: number): Promise<ScriptStateRecord | undefined> {
  const db = await openDatabase();
  return scriptStateCodec.openOne(await db.get('scriptState', scope), now);
}

/** Changes the figures or the ticks of one scope, keeping the other; committed at once (the panel may be closing). */
export async function updateScriptState(scope: string, change: Pick<Partial<ScriptStateRecord>, 'figures' | 'ticks'>, now: number): Promise<void> {
  await updateOne(scriptStateCodec, 'update-script-state', scope, (current) => ({ ...current, ...change, id: scope, updatedAt: now }), now);
}

/**
 * Before version 6 the same values sat in extension storage under these keys; they are moved into
 * the database on first use (lib/negotiation/slot-values.ts, ticks.ts), and removed with their
 * agreement until then.
 */
export const SCRIPT_VALUES_PREFIX = 'scriptValues:';
export const CHECKLIST_PREFIX = 'checklist:';

/** Forgets what extension storage still keeps of these scopes from before version 6. */
export async function forgetLegacyScriptState(scopes: readonly string[]): Promise<void> {
  if (scopes.length === 0) return;
  await browser.storage.local.remove(scopes.flatMap((scope) => [SCRIPT_VALUES_PREFIX + scope, CHECKLIST_PREFIX + scope]));
}
