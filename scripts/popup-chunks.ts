/**
 * How the pages' code is cut into chunks, for the popup's sake. By default the bundler makes a chunk
 * for every set of pages and lazy imports that share modules, and the popup's start (React, the
 * database, its first screen) came in 19 files, many under 1 KB. In an extension page each module
 * file costs a few milliseconds of its own: the same code as 4 files was ready 40–65 ms sooner
 * (README, "the number of files"), and the browser answers an extension page's requests one after
 * another. So what the popup's page shares with any other chunk is one chunk, `popup-shared`, with
 * the preload helper and WXT's page plugins (empty in a build), which every page's entry imports;
 * what only the popup uses stays in its entry. The popup is ready after its painter, its entry, that
 * chunk and the bundler's runtime: 4 files.
 * The other pages load `popup-shared` for what they share with it, a little more than they need
 * (their size budgets in `.size-limit.mjs` hold).
 */

interface ModuleInfoLike {
  isEntry: boolean;
  importers: readonly string[];
  dynamicImporters: readonly string[];
}
interface ChunkingContextLike {
  getModuleInfo(id: string): ModuleInfoLike | null;
}
interface Group {
  name: string | ((id: string, ctx: ChunkingContextLike) => string | null);
  debugName?: string;
  test?: RegExp;
  priority?: number;
}

const POPUP_PAGE = /[\\/]entrypoints[\\/]popup[\\/]index\.html$/;
/** The bundler's and WXT's own modules that every page's entry imports. */
const PAGE_PLUMBING = /^\0(vite[\\/]preload-helper|virtual:wxt-html-plugins)/;

/**
 * The roots a module is reached from by static imports: the entries, and the targets of dynamic
 * imports, each of which starts a chunk of its own.
 */
export function rootsOf(id: string, info: (id: string) => ModuleInfoLike | null): Set<string> {
  const roots = new Set<string>();
  const seen = new Set<string>([id]);
  const queue = [id];
  for (let current = queue.pop(); current !== undefined; current = queue.pop()) {
    const module = info(current);
    if (!module) continue;
    if (module.isEntry || module.dynamicImporters.length > 0) roots.add(current);
    for (const importer of module.importers) {
      if (seen.has(importer)) continue;
      seen.add(importer);
      queue.push(importer);
    }
  }
  return roots;
}

/** The bundler's groups for one build (each build has its own module graph, so its own cache). */
export function popupChunkGroups(): Group[] {
  const cache = new Map<string, Set<string>>();
  const roots = (id: string, ctx: ChunkingContextLike) => {
    let found = cache.get(id);
    if (!found) {
      found = rootsOf(id, (module) => ctx.getModuleInfo(module));
      cache.set(id, found);
    }
    return [...found];
  };
  return [
    {
      name: (id, ctx) => {
        if (PAGE_PLUMBING.test(id)) return 'popup-shared';
        if (id.startsWith('\0')) return null;
        const from = roots(id, ctx);
        return from.length > 1 && from.some((root) => POPUP_PAGE.test(root)) ? 'popup-shared' : null;
      },
      debugName: 'popup-shared',
    },
  ];
}
