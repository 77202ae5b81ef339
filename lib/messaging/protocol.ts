import * as z from 'zod/mini';
import { browser } from 'wxt/browser';

/**
 * Every message between the pages and the background, by name: its payload and its result.
 * Payloads are plain JSON (Chrome serialises messages as JSON, Firefox clones them): dates travel
 * as strings or epoch numbers, never as Date objects.
 */
export const protocol = {
  /** Agreements or reminders changed: reconcile and re-arm the next alarm now. */
  'data-changed': {
    payload: z.object({}),
    result: z.object({ nextFireAt: z.nullable(z.number()) }),
  },
  /** The user dealt with a reminder: it never comes back. `found` is false if it no longer exists. */
  'reminder-done': {
    payload: z.object({ reminderId: z.string().check(z.minLength(1)) }),
    result: z.object({ found: z.boolean() }),
  },
  /** Show a reminder again in an hour, or tomorrow at the reminder hour. */
  'reminder-snooze': {
    payload: z.object({ reminderId: z.string().check(z.minLength(1)), until: z.enum(['hour', 'tomorrow']) }),
    result: z.object({ fireAt: z.nullable(z.number()) }),
  },
  /** Records that sync changed, none that reminders follow (a chat, its notes, screenshots, the script's figures): sync soon. */
  'synced-data-changed': {
    payload: z.object({}),
    result: z.object({}),
  },
  /** "Sync now" from the options page: runs a sync (or joins the one under way); the outcome is in the sync status. `ran` is false without an account. */
  'sync-now': {
    payload: z.object({}),
    result: z.object({ ran: z.boolean() }),
  },
} satisfies Record<string, { payload: z.ZodMiniType; result: z.ZodMiniType }>;

export type MessageName = keyof typeof protocol;
export type Payload<N extends MessageName> = z.infer<(typeof protocol)[N]['payload']>;
export type MessageResult<N extends MessageName> = z.infer<(typeof protocol)[N]['result']>;

const envelopeSchema = z.object({ name: z.enum(Object.keys(protocol) as [MessageName, ...MessageName[]]), payload: z.unknown() });

export async function send<N extends MessageName>(name: N, payload: Payload<N>): Promise<MessageResult<N>> {
  const result: unknown = await browser.runtime.sendMessage({ name, payload });
  return protocol[name].result.parse(result) as MessageResult<N>;
}

export type Handlers = { [N in MessageName]: (payload: Payload<N>) => Promise<MessageResult<N>> };

/**
 * Validates every incoming message and routes it to its handler. Unknown or malformed messages get
 * no answer (undefined), so another listener may answer them.
 */
export function handleMessage(handlers: Handlers, message: unknown): Promise<unknown> | undefined {
  const envelope = envelopeSchema.safeParse(message);
  if (!envelope.success) return undefined;
  const { name } = envelope.data;
  const payload = protocol[name].payload.safeParse(envelope.data.payload);
  if (!payload.success) return undefined;
  // The payload was validated by the schema of this very name; TypeScript cannot pair them itself.
  const handler = handlers[name] as (payload: unknown) => Promise<unknown>;
  return handler(payload.data);
}
