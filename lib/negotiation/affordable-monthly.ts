import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { PANEL_AGREEMENT_KEY, PANEL_SCRIPT_KEY } from '../browser/side-panel';
import { MAX_FEN, type Fen } from '../domain/money';
import { openFromStorage, sealForStorage } from '../keys/sealed-storage';
import { loadTypedValues, saveTypedValues } from './slot-values';

/**
 * What the user can pay each month, typed once in the full view and remembered on this device
 * (extension storage, sealed like the script's figures while the lock is on). It is not a record:
 * backups and sync leave it out, and it is typed again on another device.
 */
export const AFFORDABLE_MONTHLY_KEY = 'affordableMonthly';

const storedSchema = z.object({ fen: z.number().check(z.int(), z.positive(), z.maximum(MAX_FEN)) });

/** The remembered amount, or null when none was kept or it does not read back. */
export async function loadAffordableMonthly(): Promise<Fen | null> {
  const stored: unknown = (await browser.storage.local.get(AFFORDABLE_MONTHLY_KEY))[AFFORDABLE_MONTHLY_KEY];
  if (stored === undefined) return null;
  const parsed = storedSchema.safeParse(await openFromStorage(AFFORDABLE_MONTHLY_KEY, stored));
  return parsed.success ? parsed.data.fen : null;
}

export async function saveAffordableMonthly(fen: Fen): Promise<void> {
  const value = storedSchema.parse({ fen });
  await browser.storage.local.set({ [AFFORDABLE_MONTHLY_KEY]: await sealForStorage(AFFORDABLE_MONTHLY_KEY, value) });
}

/**
 * "Use in the chat": the monthly figure and the periods become the agreement's typed script
 * figures (the user's other figures stay), then the side panel is told to show that agreement's
 * installments script. The figures are saved first, so the panel reads them when it switches.
 */
export async function handAskToChat(agreementId: string, figures: { monthly: string; periods: string }, now: number = Date.now()): Promise<void> {
  const typed = await loadTypedValues(agreementId, now);
  await saveTypedValues(agreementId, { ...typed, monthly: figures.monthly, periods: figures.periods }, now);
  await browser.storage.local.set({ [PANEL_AGREEMENT_KEY]: agreementId, [PANEL_SCRIPT_KEY]: 'installments' });
}
