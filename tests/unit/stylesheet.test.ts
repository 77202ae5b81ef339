import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The stylesheets are written flat: a rule inside another rule is CSS nesting, which the
 * browsers accept silently and which then scopes every later rule under the first. An unclosed
 * rule does exactly that, so every rule here must open at the top level or inside an at-rule.
 */
function nestingProblems(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  const open: { line: number; selector: string }[] = [];
  const problems: string[] = [];
  let line = 1;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (ch === '{') {
      const selector = text.slice(start, i).trim();
      const outer = open.at(-1);
      if (outer && !outer.selector.startsWith('@')) problems.push(`line ${String(line)}: "${selector}" inside "${outer.selector}" (line ${String(outer.line)})`);
      open.push({ line, selector });
      start = i + 1;
    } else if (ch === '}') {
      if (open.pop() === undefined) problems.push(`line ${String(line)}: a "}" closes nothing`);
      start = i + 1;
    } else if (ch === ';') start = i + 1;
  }
  for (const rule of open) problems.push(`line ${String(rule.line)}: "${rule.selector}" is never closed`);
  return problems;
}

const STYLESHEETS = ['assets', 'components'].flatMap((folder) =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.css'))
    .map((name) => join(folder, name)),
);

describe('the stylesheets', () => {
  it.each(STYLESHEETS)('%s has every rule closed and none nested in another', (file) => {
    expect(nestingProblems(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('are all found', () => {
    expect(STYLESHEETS).toContain(join('assets', 'app.css'));
    expect(STYLESHEETS.length).toBeGreaterThan(5);
  });

  it('is checked by a rule that finds an unclosed rule', () => {
    expect(nestingProblems('.a {\n  color: red;\n\n.b {\n  margin: 0;\n}\n')).toEqual([
      'line 4: ".b" inside ".a" (line 1)',
      'line 1: ".a" is never closed',
    ]);
    expect(nestingProblems('@media (prefers-color-scheme: dark) {\n  :root {\n    color: red;\n  }\n}\n')).toEqual([]);
  });
});
