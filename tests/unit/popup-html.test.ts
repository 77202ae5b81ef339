import { describe, expect, it } from 'vitest';
import { PAINTER_TAG, startChunks, startFromPainter } from '../../scripts/popup-html';

/** The popup's page as the bundler writes it, before the rewrite. */
const BUILT = `<!DOCTYPE html>
<html>
  <head>
    <title>__MSG_extActionTitle__</title>
    <script type="module" crossorigin src="/chunks/popup-A.js"></script>
    <link rel="modulepreload" crossorigin href="/chunks/popup-shared-B.js">
    <link rel="stylesheet" crossorigin href="/assets/popup-shared-C.css">
  </head>
  <body class="popup">
    <div id="root"></div>
    ${PAINTER_TAG}
  </body>
</html>`;

/** A bundle: the entry imports the shared chunk, which imports the runtime; the entry loads a form lazily, which imports a chunk of its own. */
const BUNDLE = {
  'chunks/popup-A.js': { type: 'chunk', fileName: 'chunks/popup-A.js', imports: ['chunks/popup-shared-B.js', 'chunks/runtime-G.js'], dynamicImports: ['chunks/Form-F.js'] },
  'chunks/popup-shared-B.js': { type: 'chunk', fileName: 'chunks/popup-shared-B.js', imports: ['chunks/runtime-G.js'] },
  'chunks/runtime-G.js': { type: 'chunk', fileName: 'chunks/runtime-G.js', imports: [] },
  'chunks/Form-F.js': { type: 'chunk', fileName: 'chunks/Form-F.js', imports: ['chunks/fields-H.js'] },
  'chunks/fields-H.js': { type: 'chunk', fileName: 'chunks/fields-H.js', imports: [] },
  'assets/popup-shared-C.css': { type: 'asset', fileName: 'assets/popup-shared-C.css' },
} as const;

describe("the popup's page: its painter is the first script it asks for", () => {
  it('preloads what the entry imports, each once, not what it loads lazily later', () => {
    expect(startChunks('chunks/popup-A.js', BUNDLE)).toEqual(['/chunks/popup-shared-B.js', '/chunks/runtime-G.js']);
  });

  it('moves the module tags onto the painter, and keeps the stylesheet the kept screen is painted with', () => {
    const page = startFromPainter(BUILT, ['/chunks/popup-shared-B.js', '/chunks/runtime-G.js']);
    expect(page).not.toContain('type="module"');
    expect(page).not.toContain('modulepreload');
    expect(page).toContain('<link rel="stylesheet" crossorigin href="/assets/popup-shared-C.css">');
    expect(page).toContain('<script src="/popup-snapshot.js" data-entry="/chunks/popup-A.js" data-preload="/chunks/popup-shared-B.js /chunks/runtime-G.js"></script>');
    // The painter comes after the root it paints into.
    expect(page.indexOf('<div id="root">')).toBeLessThan(page.indexOf('data-entry'));
  });

  it('refuses a page of another shape, rather than build a popup that never starts', () => {
    expect(() => startFromPainter(BUILT.replace(PAINTER_TAG, ''), [])).toThrow(/painter/);
    expect(() => startFromPainter(BUILT.replace(/<script type="module"[^>]*><\/script>/, ''), [])).toThrow(/0 module scripts/);
    expect(() => startChunks('chunks/missing.js', BUNDLE)).toThrow(/not in the build/);
  });
});
