import * as z from 'zod/mini';

/**
 * The messages between Chrome's background worker and its offscreen document (./offscreen.ts says
 * why there is one). This module imports no extension API: the document loads it before its own
 * `browser` object exists (./offscreen-shim.ts).
 */

export const OFFSCREEN_PAGE = 'offscreen.html';

/** A job for the offscreen document: a sync (with its reason) or a calendar push. */
export const offscreenJobSchema = z.union([
  z.object({ kind: z.literal('sync'), reason: z.string() }),
  z.object({ kind: z.literal('push') }),
]);
export type OffscreenJob = z.infer<typeof offscreenJobSchema>;

/** The worker → document messages. */
export const toOffscreenSchema = z.union([
  z.object({ offscreen: z.literal('job'), job: offscreenJobSchema }),
  z.object({ offscreen: z.literal('storage-changed'), area: z.string(), changes: z.record(z.string(), z.unknown()) }),
]);
export type ToOffscreen = z.infer<typeof toOffscreenSchema>;

/** The extension APIs the document may ask the worker to call for it: nothing else is answered. */
export const OFFSCREEN_CALLS = [
  'storage.local.get',
  'storage.local.set',
  'storage.local.remove',
  'storage.session.get',
  'storage.session.set',
  'storage.session.remove',
  'permissions.contains',
] as const;
export type OffscreenCall = (typeof OFFSCREEN_CALLS)[number];

/** The document → worker messages: a call, or a change it committed (as lib/db/write.ts announces it). */
export const fromOffscreenSchema = z.union([
  z.object({ offscreenCall: z.enum(OFFSCREEN_CALLS), args: z.array(z.unknown()) }),
  z.object({ offscreenCommitted: z.object({ mutation: z.string(), stores: z.array(z.string()) }) }),
]);
export type FromOffscreen = z.infer<typeof fromOffscreenSchema>;

/** Every answer across the two: a result, or the error's message (errors do not cross as objects). */
export const answerSchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type Answer = z.infer<typeof answerSchema>;

export async function answered<T>(work: () => Promise<T>): Promise<Answer> {
  try {
    // undefined does not cross a message (Chrome sends JSON): null stands for it.
    return { ok: true, result: (await work()) ?? null };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

