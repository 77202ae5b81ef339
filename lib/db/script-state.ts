import { browser } from 'wxt/browser';

/**
 * Where the script tab keeps, per agreement (or 'general'), the figures the user typed and the
 * checklist ticks, in browser.storage.local. Kept tiny: deleting agreements forgets them too.
 */
export const SCRIPT_VALUES_PREFIX = 'scriptValues:';
export const CHECKLIST_PREFIX = 'checklist:';

/** Forgets the script figures and checklist ticks kept for these agreements. */
export async function forgetScriptState(scopes: readonly string[]): Promise<void> {
  if (scopes.length === 0) return;
  await browser.storage.local.remove(scopes.flatMap((scope) => [SCRIPT_VALUES_PREFIX + scope, CHECKLIST_PREFIX + scope]));
}
