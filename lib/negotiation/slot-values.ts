import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import type { AgreementRecord } from '../db/schema';
import { formatFen } from '../domain/money';
import type { UiLanguage } from '../i18n';
import { SLOTS, type SlotValues } from './template';
import { openFromStorage } from '../keys/sealed-storage';
import { getScriptState, SCRIPT_VALUES_PREFIX, updateScriptState } from '../db/script-state';

/**
 * The figures a script is filled with. What the agreement knows (lender, amount, due date) comes
 * from it; what only the user knows (the monthly amount they can pay, what happened) is typed once
 * and remembered per agreement.
 */
const KEY_PREFIX = SCRIPT_VALUES_PREFIX;
const storedSchema = z.partialRecord(z.enum(SLOTS), z.string().check(z.maxLength(500)));

export function valuesFromAgreement(agreement: AgreementRecord | undefined, language: UiLanguage): SlotValues {
  if (!agreement) return {};
  return { lender: agreement.lender, owed: formatFen(agreement.amountFen, language), dueDate: agreement.dueDate };
}

/**
 * The typed figures (what one can pay, what happened), kept in the database with the other records
 * (lib/db/script-state.ts): sealed with the lock on, carried by backups. Figures typed before
 * version 6 sit in extension storage: they are moved into the database the first time they are read.
 */
export async function loadTypedValues(scope: string, now: number = Date.now()): Promise<SlotValues> {
  const stored = await getScriptState(scope, now);
  if (stored?.figures) return stored.figures;
  const key = KEY_PREFIX + scope;
  const legacy: unknown = (await browser.storage.local.get(key))[key];
  if (legacy === undefined) return {};
  const parsed = storedSchema.safeParse(await openFromStorage(key, legacy));
  if (!parsed.success) return {};
  await updateScriptState(scope, { figures: parsed.data }, now);
  await browser.storage.local.remove(key);
  return parsed.data;
}

export async function saveTypedValues(scope: string, values: SlotValues, now: number = Date.now()): Promise<void> {
  await updateScriptState(scope, { figures: storedSchema.parse(values) }, now);
}
