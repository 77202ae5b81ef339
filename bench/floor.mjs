/**
 * The bench's floor (bench/run.mjs): an empty React 19 popup and a static page with no script,
 * built in the same run by the project's own WXT, React and WXT React module, then copied into the
 * bench's private copy of the extension as two more pages. Served by the same extension, they load
 * the way the popup does; the popup's figures are given as ratios to the empty React popup.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FLOOR_REACT_PAGE = 'floor-react.html';
export const FLOOR_STATIC_PAGE = 'floor-static.html';

const HEAD = `<meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <meta name="color-scheme" content="light dark" />`;

const FILES = {
  'wxt.config.ts': `import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  srcDir: '.',
  outDir: 'out',
  manifest: { name: 'Floor', version: '1.0.0' },
  webExt: { disabled: true },
});
`,
  // The React root as the popup starts it (StrictMode, createRoot), rendering nothing, marked as the
  // popup marks its first screen: in a frame callback queued after the commit, then a task.
  'entrypoints/popup/index.html': `<!doctype html>
<html>
  <head>
    ${HEAD}
    <title>Floor</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="./main.tsx"></script>
  </body>
</html>
`,
  'entrypoints/popup/main.tsx': `import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';

function Empty() {
  useEffect(() => {
    requestAnimationFrame(() => setTimeout(() => performance.mark('first-screen')));
  }, []);
  return <main />;
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><Empty /></StrictMode>);
`,
  'entrypoints/static.html': `<!doctype html>
<html>
  <head>
    ${HEAD}
    <title>Floor</title>
  </head>
  <body>
    <main><h1>Repay Companion</h1></main>
  </body>
</html>
`,
};

/** Builds the floor and adds its two pages (and their chunks) to the extension copy in `buildDir`. */
export function addFloorPages(root, buildDir) {
  // Inside the project, so that WXT, React and the module resolve from its node_modules.
  const dir = mkdtempSync(join(root, '.bench-floor-'));
  try {
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    execFileSync(join(root, 'node_modules', '.bin', 'wxt'), ['build', dir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    const out = join(dir, 'out', 'chrome-mv3');
    cpSync(join(out, 'popup.html'), join(buildDir, FLOOR_REACT_PAGE));
    cpSync(join(out, 'static.html'), join(buildDir, FLOOR_STATIC_PAGE));
    for (const folder of ['chunks', 'assets']) {
      if (!existsSync(join(out, folder))) continue;
      for (const name of readdirSync(join(out, folder))) {
        if (existsSync(join(buildDir, folder, name))) throw new Error(`The floor's ${folder}/${name} would replace the extension's own`);
        mkdirSync(join(buildDir, folder), { recursive: true });
        cpSync(join(out, folder, name), join(buildDir, folder, name));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
