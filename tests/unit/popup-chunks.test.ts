import { describe, expect, it } from 'vitest';
import { rootsOf } from '../../scripts/popup-chunks';

/** A module graph as the bundler describes it: who imports whom, statically or not. */
const graph: Record<string, { isEntry: boolean; importers: string[]; dynamicImporters: string[] }> = {
  '/p/entrypoints/popup/index.html': { isEntry: true, importers: [], dynamicImporters: [] },
  '/p/entrypoints/popup/main.tsx': { isEntry: false, importers: ['/p/entrypoints/popup/index.html'], dynamicImporters: [] },
  '/p/entrypoints/popup/start.tsx': { isEntry: false, importers: [], dynamicImporters: ['/p/entrypoints/popup/main.tsx'] },
  '/p/entrypoints/sidepanel/index.html': { isEntry: true, importers: [], dynamicImporters: [] },
  '/p/lib/db/database.ts': { isEntry: false, importers: ['/p/lib/db/write.ts'], dynamicImporters: [] },
  '/p/lib/db/write.ts': { isEntry: false, importers: ['/p/entrypoints/popup/start.tsx', '/p/entrypoints/sidepanel/index.html'], dynamicImporters: [] },
  '/p/components/popup/List.tsx': { isEntry: false, importers: ['/p/entrypoints/popup/start.tsx'], dynamicImporters: [] },
};
const info = (id: string) => graph[id] ?? null;

describe('the popup’s chunks: the roots a module is reached from', () => {
  it('are the entries and lazy imports above it, through every static importer', () => {
    expect(rootsOf('/p/lib/db/database.ts', info)).toEqual(new Set(['/p/entrypoints/popup/start.tsx', '/p/entrypoints/sidepanel/index.html']));
    expect(rootsOf('/p/components/popup/List.tsx', info)).toEqual(new Set(['/p/entrypoints/popup/start.tsx']));
    expect(rootsOf('/p/entrypoints/popup/main.tsx', info)).toEqual(new Set(['/p/entrypoints/popup/index.html']));
  });

  it('count a lazy import as a root of its own, even when it is imported statically too', () => {
    expect(rootsOf('/p/entrypoints/popup/start.tsx', info)).toEqual(new Set(['/p/entrypoints/popup/start.tsx']));
  });

  it('stop at a module the bundler does not know', () => {
    expect(rootsOf('/p/unknown.ts', info)).toEqual(new Set());
  });
});
