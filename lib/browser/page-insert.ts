import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import {
  chooseFrame,
  insertTextInPage,
  planInsert,
  pickTargetTab,
  probeFocusInPage,
  type FrameProbe,
  type InsertContext,
  type InsertOutcome,
} from './insert-into-page';

/**
 * The browser side of "Insert" (decisions in ./insert-into-page.ts). Chrome and Firefox (MV3) take
 * the same calls: activeTab, scripting.executeScript with allFrames, permissions.request for
 * optional host permissions from a user action.
 */

/** The tab beside the panel, with its address when the extension may see it. */
export async function readTargetTab(): Promise<{ id: number; url?: string } | undefined> {
  // undefined in the side panel and the sidebar, the panel's own tab when opened as a page.
  const self = await browser.tabs.getCurrent();
  const tabs = await browser.tabs.query({ currentWindow: true });
  const tab = pickTargetTab(tabs, self?.id);
  return tab ? { id: tab.id, ...(tab.url !== undefined ? { url: tab.url } : {}) } : undefined;
}

const probeSchema = z.object({
  url: z.string(),
  hasFocus: z.boolean(),
  focus: z.union([
    z.object({ kind: z.literal('editable') }),
    z.object({ kind: z.literal('frame'), src: z.string() }),
    z.object({ kind: z.literal('none') }),
  ]),
});

/**
 * Must be called synchronously from the click (no await before it): the permission request, when
 * one is needed, happens in this call's first synchronous part.
 */
export function insertIntoPage(text: string, context: InsertContext): Promise<InsertOutcome> {
  const plan = planInsert(context);
  if (plan.kind === 'stop') return Promise.resolve(plan.outcome);
  const asked = plan.request.length > 0 ? browser.permissions.request({ origins: plan.request }) : Promise.resolve(true);
  const refused: InsertOutcome = { code: 'refused', hosts: plan.request };
  return asked.then(
    (granted) => (granted ? runInsert(plan.tabId, text, context.tab?.url !== undefined) : refused),
    () => refused,
  );
}

async function runInsert(tabId: number, text: string, addressWasVisible: boolean): Promise<InsertOutcome> {
  let probes: FrameProbe[];
  try {
    const results = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func: probeFocusInPage });
    probes = results.flatMap((r) => {
      const parsed = probeSchema.safeParse(r.result);
      return parsed.success ? [{ frameId: r.frameId, ...parsed.data }] : [];
    });
  } catch {
    // The page is out of reach: no permission (any more), or it was navigating or closing.
    return { code: addressWasVisible ? 'failed' : 'no-access' };
  }
  const choice = chooseFrame(probes);
  if (choice.kind === 'none') return { code: 'no-input' };
  if (choice.kind === 'frame-needs-access') return { code: 'frame-needs-access', origin: choice.origin };
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [choice.frameId] },
      func: insertTextInPage,
      args: [text],
    });
    return result?.result === 'inserted' ? { code: 'inserted' } : { code: 'no-input' };
  } catch {
    return { code: 'failed' };
  }
}
