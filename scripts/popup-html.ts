/**
 * The popup's built page, rewritten so that the kept first screen's painter is the first script the
 * page asks for. The browser answers an extension page's requests for its files one after another,
 * so every module tag in the page's head (the entry and the chunks it preloads) was a request
 * served before the painter's own; the painter then started the page's code itself, once it had
 * painted (entrypoints/popup-snapshot.ts, `startPageCode` in lib/snapshot/popup-snapshot.ts).
 *
 * The page keeps its stylesheet: the kept screen is painted with it. The painter's tag names the
 * entry (`data-entry`) and every chunk the popup needs until it is ready to use (`data-preload`):
 * the entry's static imports, so React's code is fetched and compiled while the kept screen is on
 * show, not after. What the popup loads lazily (forms, the timeline) is not preloaded.
 */

/** The painter's tag as the popup's source page writes it (entrypoints/popup/index.html). */
export const PAINTER_TAG = '<script src="/popup-snapshot.js"></script>';

interface ChunkLike {
  type: 'chunk' | 'asset';
  fileName: string;
  imports?: readonly string[];
}

/** The chunks the entry needs until the page is ready: its static imports, and theirs; as paths from the extension's root. */
export function startChunks(entry: string, bundle: Readonly<Record<string, ChunkLike | undefined>>): string[] {
  const found = new Set<string>();
  const visit = (file: string) => {
    const chunk = bundle[file];
    if (!chunk || chunk.type !== 'chunk') throw new Error(`The popup's chunk ${file} is not in the build`);
    for (const next of chunk.imports ?? []) {
      if (found.has(next)) continue;
      found.add(next);
      visit(next);
    }
  };
  visit(entry);
  found.delete(entry);
  return [...found].map((file) => `/${file}`);
}

/**
 * The page with its module tags moved onto the painter's tag. Throws when the page is not shaped as
 * expected (no painter, no entry), so that a change of the build is seen here and not as a popup
 * that never starts.
 */
export function startFromPainter(html: string, preloads: readonly string[]): string {
  const entries = [...html.matchAll(/<script type="module"[^>]*\bsrc="([^"]+)"[^>]*><\/script>\s*/g)];
  if (entries.length !== 1) throw new Error(`The popup's page has ${String(entries.length)} module scripts, one expected`);
  if (html.split(PAINTER_TAG).length !== 2) throw new Error(`The popup's page does not hold the painter's tag once: ${PAINTER_TAG}`);
  const [tag, entry] = entries[0] as RegExpMatchArray & [string, string];
  const withoutModules = html.replace(tag, '').replace(/<link rel="modulepreload"[^>]*>\s*/g, '');
  const painter = `<script src="/popup-snapshot.js" data-entry="${entry}" data-preload="${preloads.join(' ')}"></script>`;
  return withoutModules.replace(PAINTER_TAG, painter);
}
