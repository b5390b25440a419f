// Checks on the rendered panel, run inside its frame (a Playwright Page or Frame): clipped formulas, Tab stops
// inside formulas, corrections wider than the panel, verdict contrast, and axe-core's findings.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface Evaluates {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/** KaTeX elements whose box hides part of their content (what the old `.vlist` rule did to every formula). */
export function clippedFormulas(target: Evaluates): Promise<string[]> {
  return target.evaluate(() => {
    const out: string[] = [];
    // KaTeX clips on purpose inside stretchy arrows and radicals, and hides its MathML copy (read by screen
    // readers, not shown); those are not the panel's doing.
    const intended = (el: Element) => !!el.closest('.katex-mathml, .hide-tail, .stretchy, .svg-align, svg');
    for (const el of document.querySelectorAll<HTMLElement>('.katex *')) {
      const cs = getComputedStyle(el);
      if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
      if (intended(el)) continue;
      if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) {
        out.push(`${el.className} ${el.clientWidth}x${el.clientHeight} shows ${el.scrollWidth}x${el.scrollHeight}`);
      }
    }
    // A display formula may scroll sideways in its own box, but never lose its top or bottom.
    for (const el of document.querySelectorAll<HTMLElement>('.sw-math-display')) {
      if (el.scrollHeight > el.clientHeight + 2) out.push(`display box ${el.clientHeight}px tall holds ${el.scrollHeight}px`);
    }
    return out;
  }, undefined);
}

/** Elements inside formulas that the Tab key would stop at (focusable, or a keyboard-focusable scroller). */
export function tabStopsInFormulas(target: Evaluates): Promise<number> {
  return target.evaluate(() => {
    let n = 0;
    for (const el of document.querySelectorAll<HTMLElement>('.katex, .katex *')) {
      const cs = getComputedStyle(el);
      const scroller = /auto|scroll/.test(cs.overflowX + cs.overflowY) && (el.scrollHeight > el.clientHeight || el.scrollWidth > el.clientWidth);
      if (el.tabIndex >= 0 || scroller) n++;
    }
    return n;
  }, undefined);
}

/** Corrections (and their Original / Suggested sides) reaching past the panel's right edge. */
export function correctionsOutsidePanel(target: Evaluates): Promise<string[]> {
  return target.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('[data-testid="correction"], [data-testid="original"], [data-testid="suggested"]')) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 || r.width <= 0) out.push(`${el.dataset.testid} ends at ${Math.round(r.right)} of ${width}`);
    }
    return out;
  }, undefined);
}

/** The lowest contrast ratio of verdict words against what is behind them (alpha layers blended). */
export function verdictContrast(target: Evaluates): Promise<{ min: number; worst: string }> {
  return target.evaluate(() => {
    const parse = (c: string): number[] => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (m) {
        const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
        return [p[0], p[1], p[2], p[3] ?? 1];
      }
      const s = c.match(/color\(srgb ([^)]+)\)/);
      if (s) {
        const p = s[1].split(/[ /]+/).filter(Boolean).map(Number);
        return [p[0] * 255, p[1] * 255, p[2] * 255, p[3] ?? 1];
      }
      return [0, 0, 0, 0];
    };
    const over = (top: number[], under: number[]) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
    const background = (el: Element | null): number[] => {
      const layers: number[][] = [];
      for (let e = el; e; e = e.parentElement) layers.push(parse(getComputedStyle(e).backgroundColor));
      return layers.reverse().reduce((acc, layer) => over(layer, acc), [255, 255, 255, 1]);
    };
    const lum = (c: number[]) => {
      const [r, g, b] = c.slice(0, 3).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    let min = Infinity;
    let worst = '';
    for (const el of document.querySelectorAll<HTMLElement>('[data-testid="verdict"], [data-testid="first-error"], .sw-improved')) {
      const bg = background(el);
      const fg = over(parse(getComputedStyle(el).color), bg);
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      if (ratio < min) {
        min = ratio;
        worst = `${el.textContent} ${getComputedStyle(el).color} on rgb(${bg.slice(0, 3).map(Math.round).join(',')})`;
      }
    }
    return { min, worst };
  }, undefined);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the page (WCAG 2 A/AA rules and best practices). */
export async function axeFindings(target: Evaluates): Promise<string[]> {
  // Injected through evaluate: the panel's CSP forbids script tags without its nonce.
  await target.evaluate((src) => (0, eval)(src), AXE_SOURCE);
  return target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
  }, undefined);
}
