import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { err, ok, type Result } from '../domain/result';
import type { UiLanguage } from '../i18n';
import { openFromStorage, sealForStorage } from '../keys/sealed-storage';
import type { ScenarioId } from './scenarios';
import { parseTemplate, SLOTS, type Slot } from './template';

/**
 * The user's own wording of a script line. A user who speaks differently, or knows what works
 * with their lender, rewrites a line once; it is kept per scenario, step and language in this
 * profile's extension storage, and the built-in line comes back when they restore it. A saved
 * line uses the same placeholders as the built-in ones, so it is filled with the same figures.
 */
export const CUSTOM_LINE_MAX = 1000;

export type CustomLineError =
  | { code: 'empty' }
  | { code: 'too-long'; max: number }
  | { code: 'unknown-slots'; names: string[] }
  | { code: 'unbalanced-brace' };

/** Every unknown placeholder at once, so the user fixes them in one go. */
export function checkCustomLine(text: string): Result<string, CustomLineError> {
  const line = text.trim();
  if (!line) return err({ code: 'empty' });
  if (line.length > CUSTOM_LINE_MAX) return err({ code: 'too-long', max: CUSTOM_LINE_MAX });
  const names = [...line.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? '');
  const unknown = [...new Set(names.filter((name) => !(SLOTS as readonly string[]).includes(name)))];
  if (unknown.length > 0) return err({ code: 'unknown-slots', names: unknown });
  const parsed = parseTemplate(line);
  if (!parsed.ok) return err({ code: 'unbalanced-brace' });
  return ok(line);
}

/** The placeholders a user may write, in the order of SLOTS. */
export const PLACEHOLDERS: readonly Slot[] = SLOTS;

export const CUSTOM_LINE_PREFIX = 'scriptLine:';
const KEY_PREFIX = CUSTOM_LINE_PREFIX;
const keyOf = (scenario: ScenarioId, step: string, language: UiLanguage) => `${KEY_PREFIX}${scenario}:${step}:${language}`;

// A stored line that no longer parses (edited by hand, or a placeholder renamed) is ignored and
// the built-in line shows instead.
const storedSchema = z.object({
  text: z.string().check(
    z.refine((text) => checkCustomLine(text).ok),
  ),
  savedAt: z.number(),
});

/** The user's lines of one scenario in one language, by step id. */
export async function loadCustomLines(scenario: ScenarioId, stepIds: readonly string[], language: UiLanguage): Promise<Record<string, string>> {
  const keys = stepIds.map((step) => keyOf(scenario, step, language));
  const stored = await browser.storage.local.get(keys);
  const lines: Record<string, string> = {};
  for (const step of stepIds) {
    const key = keyOf(scenario, step, language);
    if (stored[key] === undefined) continue;
    // Sealed while the lock is on, like the records (lib/keys/sealed-storage.ts).
    const parsed = storedSchema.safeParse(await openFromStorage(key, stored[key]));
    if (parsed.success) lines[step] = parsed.data.text;
  }
  return lines;
}

export async function saveCustomLine(
  scenario: ScenarioId,
  step: string,
  language: UiLanguage,
  text: string,
  now: number,
): Promise<Result<string, CustomLineError>> {
  const checked = checkCustomLine(text);
  if (!checked.ok) return checked;
  const key = keyOf(scenario, step, language);
  await browser.storage.local.set({ [key]: await sealForStorage(key, { text: checked.value, savedAt: now }) });
  return checked;
}

export async function restoreBuiltInLine(scenario: ScenarioId, step: string, language: UiLanguage): Promise<void> {
  await browser.storage.local.remove(keyOf(scenario, step, language));
}
