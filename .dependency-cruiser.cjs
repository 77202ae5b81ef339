/**
 * The layering of lib/ (README, "How it is built"), checked in `npm test`:
 * - lib/domain is pure: it imports nothing outside itself (npm packages aside);
 * - lib/ never imports a component or an entrypoint;
 * - no two folders of lib/ import each other, directly or through others.
 * A cycle between folders is found by the rule on modules collapsed to their lib/ folder.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'lib/domain holds the pure rules: no browser, no database, no other lib/ folder.',
      severity: 'error',
      from: { path: '^lib/domain/' },
      to: { path: '^(lib/(?!domain/)|components/|entrypoints/)' },
    },
    {
      name: 'lib-below-views',
      comment: 'lib/ is everything that is not a view: it never imports components or entrypoints.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(components|entrypoints)/' },
    },
    {
      name: 'no-folder-cycle',
      comment: 'The folders of lib/ form layers: none may import, even indirectly, a folder that imports it.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { circular: true, path: '^lib/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|\\.output|\\.wxt)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    collapse: '^lib/[^/]+',
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
