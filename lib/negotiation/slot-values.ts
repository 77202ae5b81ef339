import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import type { AgreementRecord } from '../db/schema';
import { formatFen } from '../domain/money';
import type { UiLanguage } from '../i18n';
import { SLOTS, type SlotValues } from './template';
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

export async function loadTypedValues(scope: string): Promise<SlotValues> {
  const key = KEY_PREFIX + scope;
  const parsed = storedSchema.safeParse((await browser.storage.local.get(key))[key]);
  return parsed.success ? parsed.data : {};
}

export async function saveTypedValues(scope: string, values: SlotValues): Promise<void> {
  await browser.storage.local.set({ [KEY_PREFIX + scope]: storedSchema.parse(values) });
}
