import { err, ok, type Result } from '../domain/result';
import { SLOTS, type Slot } from '../domain/script-slots';

/**
 * Script lines with slots filled from the user's own figures: "我每月能还 {monthly}，希望分 {periods}
 * 期". A slot without a value stays visible as a slot, so the user sees what is missing and types
 * it in before copying; nothing is ever sent with a blank where a number should be.
 */
// The slot names live with the pure rules: the database checks stored figures against them.
export { SLOTS, type Slot };


export type Segment = { kind: 'text'; text: string } | { kind: 'slot'; slot: Slot };

export type TemplateError = { code: 'unknown-slot'; name: string } | { code: 'unbalanced-brace'; index: number };

const isSlot = (name: string): name is Slot => (SLOTS as readonly string[]).includes(name);

/** Splits a template into text and slots; an unknown slot or a stray brace is an error, not text. */
export function parseTemplate(template: string): Result<Segment[], TemplateError> {
  const segments: Segment[] = [];
  let text = '';
  for (let i = 0; i < template.length; i += 1) {
    const c = template.charAt(i);
    if (c === '}') return err({ code: 'unbalanced-brace', index: i });
    if (c !== '{') {
      text += c;
      continue;
    }
    const close = template.indexOf('}', i);
    const name = close === -1 ? '' : template.slice(i + 1, close);
    if (close === -1 || name.includes('{')) return err({ code: 'unbalanced-brace', index: i });
    if (!isSlot(name)) return err({ code: 'unknown-slot', name });
    if (text) segments.push({ kind: 'text', text });
    text = '';
    segments.push({ kind: 'slot', slot: name });
    i = close;
  }
  if (text) segments.push({ kind: 'text', text });
  return ok(segments);
}

export type SlotValues = Partial<Record<Slot, string>>;

export interface Filled {
  /** The line with every known value in place and each missing slot shown by `showMissing`. */
  text: string;
  /** Slots still without a value, in order of first appearance. */
  missing: Slot[];
}

export function fillSegments(segments: readonly Segment[], values: SlotValues, showMissing: (slot: Slot) => string): Filled {
  const missing: Slot[] = [];
  const text = segments
    .map((segment) => {
      if (segment.kind === 'text') return segment.text;
      const value = values[segment.slot]?.trim();
      if (value) return value;
      if (!missing.includes(segment.slot)) missing.push(segment.slot);
      return showMissing(segment.slot);
    })
    .join('');
  return { text, missing };
}

/** Which slots a template uses: the panel asks only for those. */
export function slotsOf(segments: readonly Segment[]): Slot[] {
  return [...new Set(segments.flatMap((s) => (s.kind === 'slot' ? [s.slot] : [])))];
}
