import { describe, expect, it } from 'vitest';
import { CHECKLIST, SCENARIOS, type Bilingual } from '../../lib/negotiation/scenarios';
import { asciiPunctuationInZh, spacesAroundNamesInZh } from '../wording-rules';

/** Every bilingual text of the scripts and the checklist, wherever it sits in them. */
function bilinguals(value: unknown, found: Bilingual[] = []): Bilingual[] {
  if (Array.isArray(value)) for (const item of value) bilinguals(item, found);
  else if (typeof value === 'object' && value !== null) {
    if (typeof (value as Bilingual).zh === 'string' && typeof (value as Bilingual).en === 'string') found.push(value as Bilingual);
    else for (const item of Object.values(value)) bilinguals(item, found);
  }
  return found;
}

describe('the scripts and the checklist follow docs/glossary.md, like the messages', () => {
  const texts = bilinguals([SCENARIOS, CHECKLIST]);

  it('finds their texts (every scenario has lines)', () => {
    expect(texts.length).toBeGreaterThan(SCENARIOS.length * 3);
  });

  it('zh: no spaces around names and numbers, full-width punctuation next to Chinese text', () => {
    const broken = texts.filter(({ zh }) => spacesAroundNamesInZh(zh).length > 0 || asciiPunctuationInZh(zh).length > 0).map(({ zh }) => zh);
    expect(broken).toEqual([]);
  });
});
