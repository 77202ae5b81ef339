import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import type { AgreementRecord } from '../db/schema';
import { formatFen } from '../domain/money';
import type { UiLanguage } from '../i18n';
import { SLOTS, type SlotValues } from './template';
import { currentRecordKey } from '../lock/state';
import { SCRIPT_VALUES_PREFIX } from './script-keys';

/**
 * The figures a script is filled with. What the agreement knows (lender, amount, due date) comes
 * from it; what only the user knows (the monthly amount they can pay, what happened) is typed once
 * and remembered per agreement in this profile's extension storage.
 */
const KEY_PREFIX = SCRIPT_VALUES_PREFIX;
const storedSchema = z.partialRecord(z.enum(SLOTS), z.string().check(z.maxLength(500)));

export function valuesFromAgreement(agreement: AgreementRecord | undefined, language: UiLanguage): SlotValues {
  if (!agreement) return {};
  return { lender: agreement.lender, owed: formatFen(agreement.amountFen, language), dueDate: agreement.dueDate };
}

/**
 * With the lock on, the typed figures (what one can pay, what happened) are sealed like the
 * records, bound to their scope: stored as `{ sealed }`. Plaintext ones from before the lock are
 * read as they are and sealed at the next save (or by resealTypedValues when the lock turns on).
 */
const aadOf = (scope: string) => `repay-companion/script-values/${scope}`;

async function sealValues(scope: string, values: SlotValues, key: CryptoKey | null): Promise<unknown> {
  const clean = storedSchema.parse(values);
  if (key === null) return clean;
  const { seal } = await import('../crypto/envelope-core');
  return { sealed: await seal(key, JSON.stringify(clean), aadOf(scope)) };
}

/** The figures stored for a scope, or null when they cannot be read (sealed with another key, damaged). */
async function openValues(scope: string, stored: unknown, key: CryptoKey | null): Promise<SlotValues | null> {
  let value = stored;
  if (typeof stored === 'object' && stored !== null && 'sealed' in stored) {
    if (key === null) return null;
    const { openText } = await import('../crypto/envelope-core');
    const opened = await openText(key, stored.sealed, aadOf(scope));
    if (!opened.ok) return null;
    try {
      value = JSON.parse(opened.value);
    } catch {
      return null;
    }
  }
  const parsed = storedSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export async function loadTypedValues(scope: string): Promise<SlotValues> {
  const key = KEY_PREFIX + scope;
  const stored: unknown = (await browser.storage.local.get(key))[key];
  if (stored === undefined) return {};
  return (await openValues(scope, stored, await currentRecordKey())) ?? {};
}

export async function saveTypedValues(scope: string, values: SlotValues): Promise<void> {
  const sealed = await sealValues(scope, values, await currentRecordKey());
  await browser.storage.local.set({ [KEY_PREFIX + scope]: sealed });
}

/** Every scope's typed figures re-stored under `to` (null: plaintext), read with `from`: the lock turned on or off. */
export async function resealTypedValues(from: CryptoKey | null, to: CryptoKey | null): Promise<void> {
  const all: Record<string, unknown> = await browser.storage.local.get(null);
  const next: Record<string, unknown> = {};
  for (const [storageKey, stored] of Object.entries(all)) {
    if (!storageKey.startsWith(KEY_PREFIX)) continue;
    const scope = storageKey.slice(KEY_PREFIX.length);
    const values = await openValues(scope, stored, from);
    // What cannot be read is left as it is rather than overwritten with nothing.
    if (values !== null) next[storageKey] = await sealValues(scope, values, to);
  }
  if (Object.keys(next).length > 0) await browser.storage.local.set(next);
}
