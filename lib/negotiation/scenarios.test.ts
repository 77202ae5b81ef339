import { describe, expect, it } from 'vitest';
import { CHECKLIST, SCENARIO_IDS, SCENARIOS } from './scenarios';
import { parseTemplate, slotsOf } from './template';

const slots = (template: string) => {
  const parsed = parseTemplate(template);
  if (!parsed.ok) throw new Error(`${template}: ${JSON.stringify(parsed.error)}`);
  return slotsOf(parsed.value).sort();
};

describe('negotiation scripts', () => {
  it('has one scenario for each id, each with steps', () => {
    expect(SCENARIOS.map((s) => s.id)).toEqual([...SCENARIO_IDS]);
    for (const scenario of SCENARIOS) expect(scenario.steps.length, scenario.id).toBeGreaterThan(1);
  });

  it('says every line in both languages with the same slots', () => {
    for (const scenario of SCENARIOS) {
      for (const text of [scenario.title, scenario.when]) {
        expect(text.zh.trim() && text.en.trim(), scenario.id).toBeTruthy();
      }
      for (const step of scenario.steps) {
        const lines = [step.say, ...(step.replies ?? []).flatMap((r) => [r.ifAgent, r.answer])];
        for (const line of lines) {
          expect(slots(line.zh), `${scenario.id}/${step.id}`).toEqual(slots(line.en));
          expect(line.zh).toMatch(/[\u4e00-\u9fff]/);
          expect(line.en).not.toMatch(/[\u4e00-\u9fff]/);
        }
      }
      expect(new Set(scenario.steps.map((s) => s.id)).size, scenario.id).toBe(scenario.steps.length);
    }
  });

  it('never puts the words a borrower must not say into a script line', () => {
    const said = SCENARIOS.flatMap((s) => s.steps.map((step) => `${step.say.zh} ${step.say.en}`)).join('\n');
    expect(said).not.toMatch(/我不还|不还了|去起诉|I won.t pay|sue me/i);
  });

  it('has a bilingual checklist with unique ids', () => {
    expect(new Set(CHECKLIST.map((c) => c.id)).size).toBe(CHECKLIST.length);
    expect(CHECKLIST.every((c) => c.text.zh && c.text.en)).toBe(true);
  });
});
