// DOM building without HTML strings: text goes only through textContent, math only through KaTeX.
import katex from 'katex';
import { segmentMath, showBidiControls } from './segments';

type Attrs = Record<string, string | number | boolean | undefined>;

/** Creates an element; string children become text nodes, never markup. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: (Node | string | null | undefined | false)[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs, ...children: (Node | string | null | undefined | false)[]): HTMLElement;
export function h(tag: string, attrs: Attrs = {}, ...children: (Node | string | null | undefined | false)[]): HTMLElement {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(showBidiControls(c)) : c);
  }
  return el;
}

export function setAttrs(el: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    // Event handler attributes would be script; they are never set from data.
    if (/^on/i.test(k)) throw new Error(`refusing to set ${k}`);
    el.setAttribute(k, v === true ? '' : String(v));
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg';
export function svg(tag: string, attrs: Attrs = {}): SVGElement {
  const el = document.createElementNS(SVG_NS, tag) as SVGElement;
  setAttrs(el, attrs);
  return el;
}

/** Renders text with `$…$`, `\(…\)`, `$$…$$`, `\[…\]` math into `into`, replacing what was there. */
export function renderMathText(into: HTMLElement, text: string): void {
  into.replaceChildren();
  for (const seg of segmentMath(text)) {
    if (seg.kind === 'text') {
      into.append(document.createTextNode(seg.text));
      continue;
    }
    into.append(mathNode(seg.tex, seg.display));
  }
}

/**
 * A rendered formula. A display formula wider than the panel scrolls in its own box; only such a box takes a Tab
 * stop (keyboard users must be able to scroll it), named as a formula. Nothing inside KaTeX's markup is focusable.
 */
function mathNode(tex: string, display: boolean): Node {
  const node = renderedMath(tex, display).cloneNode(true) as HTMLElement;
  if (display) overflowWatcher()?.observe(node);
  return node;
}

let watcher: ResizeObserver | null | undefined;
function overflowWatcher(): ResizeObserver | null {
  if (watcher !== undefined) return watcher;
  watcher =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver((entries) => {
          for (const { target } of entries) {
            const box = target as HTMLElement;
            if (box.scrollWidth > box.clientWidth + 1) {
              box.setAttribute('tabindex', '0');
              box.setAttribute('role', 'region');
              box.setAttribute('aria-label', 'Wide formula, scrolls sideways');
            } else {
              box.removeAttribute('tabindex');
              box.removeAttribute('role');
              box.removeAttribute('aria-label');
            }
          }
        });
  return watcher;
}

// Search paths and corrections repeat the same formulas; KaTeX runs once per formula and the result is cloned.
const mathCache = new Map<string, HTMLElement>();
const MATH_CACHE_SIZE = 1000;

function renderedMath(tex: string, display: boolean): HTMLElement {
  const key = `${display ? 'D' : 'I'}${tex}`;
  const hit = mathCache.get(key);
  if (hit) return hit;
  const span = document.createElement(display ? 'div' : 'span');
  // `sw-` names: KaTeX's own classes (`.vlist`, `.base`, …) must never meet a panel rule.
  span.className = display ? 'sw-math sw-math-display' : 'sw-math';
  try {
    katex.render(tex, span, { throwOnError: false, trust: false, strict: 'ignore', displayMode: display, maxExpand: 200, maxSize: 20 });
  } catch {
    span.textContent = tex;
  }
  if (mathCache.size >= MATH_CACHE_SIZE) mathCache.delete(mathCache.keys().next().value!);
  mathCache.set(key, span);
  return span;
}

/** A token of text or math, rendered the same way as in renderMathText. */
export function mathToken(token: { kind: 'text'; text: string } | { kind: 'math'; tex: string; display: boolean }): Node {
  return token.kind === 'text' ? document.createTextNode(token.text) : mathNode(token.tex, token.display);
}

export function mathText(tag: 'div' | 'span', className: string, text: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  renderMathText(el, text);
  return el;
}
