// Splits model or document text into plain text and math, so math can go to KaTeX and text only to textContent.

export type Segment = { kind: 'text'; text: string } | { kind: 'math'; tex: string; display: boolean };

const DELIMITERS: { open: string; close: string; display: boolean }[] = [
  { open: '$$', close: '$$', display: true },
  { open: '\\[', close: '\\]', display: true },
  { open: '\\(', close: '\\)', display: false },
  { open: '$', close: '$', display: false },
];

/** Bidi overrides and isolates can make displayed text read differently from what it is (Trojan Source). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Replaces every bidi control character with a visible marker. */
export function showBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `⟦U+${c.charCodeAt(0).toString(16).toUpperCase()}⟧`);
}

export function segmentMath(input: string): Segment[] {
  const text = showBidiControls(input);
  const out: Segment[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const found = text[i - 1] === '\\' && text[i] === '$' ? undefined : openingAt(text, i);
    if (found) {
      const close = findClose(text, i + found.open.length, found.close);
      const tex = close < 0 ? '' : text.slice(i + found.open.length, close);
      // `$5 and $6` is money, not math: inline `$` must hug its content.
      const plausible = close >= 0 && tex.trim() !== '' && (found.open !== '$' || (!/^\s/.test(tex) && !/\s$/.test(tex)));
      if (plausible) {
        if (plain) out.push({ kind: 'text', text: plain });
        plain = '';
        out.push({ kind: 'math', tex: tex.trim(), display: found.display });
        i = close + found.close.length;
        continue;
      }
    }
    // Models often write `\boxed{42}` outside any delimiters: it is math all the same.
    const boxed = text.startsWith('\\boxed{', i) ? balancedEnd(text, i + '\\boxed'.length) : -1;
    if (boxed > 0) {
      if (plain) out.push({ kind: 'text', text: plain });
      plain = '';
      out.push({ kind: 'math', tex: text.slice(i, boxed), display: false });
      i = boxed;
      continue;
    }
    plain += text[i];
    i++;
  }
  if (plain) out.push({ kind: 'text', text: plain });
  return out;
}

/** The index just past the brace group opening at `open`, or -1 when it never closes. */
function balancedEnd(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth === 0) return j + 1;
  }
  return -1;
}

function openingAt(text: string, i: number) {
  return DELIMITERS.find((d) => text.startsWith(d.open, i));
}

function findClose(text: string, from: number, close: string): number {
  for (let j = from; j <= text.length - close.length; j++) {
    if (text[j] === '\\' && close === '$') {
      j++; // skip an escaped character such as `\$`
      continue;
    }
    if (text.startsWith(close, j)) return j;
    // Inline `$...$` never spans a blank line.
    if (close === '$' && text.startsWith('\n\n', j)) return -1;
  }
  return -1;
}
