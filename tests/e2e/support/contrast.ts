import type { Page } from 'playwright-core';

export interface ContrastProblem {
  text: string;
  ratio: number;
  required: number;
  color: string;
  background: string;
}

/**
 * Runs in the page: every visible piece of text whose colour against the background behind it is
 * below WCAG AA (4.5:1, or 3:1 for large text). The background is found by blending the
 * translucent backgrounds of the element and its ancestors over the first opaque one.
 * Serialised into the browser: it must not use anything from this module.
 */
function findContrastProblems(): ContrastProblem[] {
  type Rgba = { r: number; g: number; b: number; a: number };
  const parse = (css: string): Rgba => {
    const m = /rgba?\(([^)]+)\)/.exec(css);
    if (!m?.[1]) return { r: 0, g: 0, b: 0, a: 0 };
    const [r = 0, g = 0, b = 0, a = 1] = m[1]
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    return { r, g, b, a };
  };
  const over = (top: Rgba, bottom: Rgba): Rgba => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = (c: Rgba) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const ratio = (a: Rgba, b: Rgba) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  };
  const backgroundOf = (el: Element): Rgba => {
    const layers: Rgba[] = [];
    for (let e: Element | null = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.a > 0) layers.push(c);
      if (c.a >= 1) break;
    }
    let color: Rgba = { r: 255, g: 255, b: 255, a: 1 };
    for (const layer of layers.reverse()) color = over(layer, color);
    return color;
  };
  const show = (c: Rgba) => `rgb(${Math.round(c.r)}, ${Math.round(c.g)}, ${Math.round(c.b)})`;

  const problems: ContrastProblem[] = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent ?? '')
      .join('')
      .trim();
    if (own === '' || el.closest('option, script, style, [hidden]')) continue;
    if (el.getClientRects().length === 0 || (el as HTMLElement).closest(':disabled')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    const background = backgroundOf(el);
    const color = over(parse(style.color), background);
    const size = parseFloat(style.fontSize);
    const bold = Number(style.fontWeight) >= 700;
    const required = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const value = ratio(color, background);
    if (value < required) {
      problems.push({ text: own.slice(0, 40), ratio: Math.round(value * 100) / 100, required, color: show(color), background: show(background) });
    }
  }
  return problems;
}

export function contrastProblems(page: Page): Promise<ContrastProblem[]> {
  return page.evaluate(findContrastProblems);
}
