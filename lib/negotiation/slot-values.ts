import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import type { AgreementRecord } from '../db/schema';
import { formatFen } from '../domain/money';
import type { UiLanguage } from '../i18n';
import { SLOTS, type SlotValues } from './template';
import { openFromStorage, sealForStorage } from '../keys/sealed-storage';
import { SCRIPT_VALUES_PREFIX } from '../db/script-state';

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
 * The typed figures (what one can pay, what happened) are sealed like the records while the lock
 * is on (lib/keys/sealed-storage.ts).
 */
export async function loadTypedValues(scope: string): Promise<SlotValues> {
  const key = KEY_PREFIX + scope;
  const stored: unknown = (await browser.storage.local.get(key))[key];
  if (stored === undefined) return {};
  const parsed = storedSchema.safeParse(await openFromStorage(key, stored));
  return parsed.success ? parsed.data : {};
}

export async function saveTypedValues(scope: string, values: SlotValues): Promise<void> {
  const key = KEY_PREFIX + scope;
  await browser.storage.local.set({ [key]: await sealForStorage(key, storedSchema.parse(values)) });
}
