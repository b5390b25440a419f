/**
 * Final answers: finding them in a solution and comparing them.
 *
 * Percent: the `%` sign is treated like a unit and dropped, so `50\%`, `50%` and `50` are equal,
 * but `50%` never equals `0.5` (a question asking for a percentage expects the percentage).
 */

/** The content of every `\boxed{...}` / `\fbox{...}` in order, with nested braces kept intact. */
function boxedContents(text: string): string[] {
  const found: string[] = [];
  const opener = /\\(?:boxed|fbox)\s*\{/g;
  let match: RegExpExecArray | null;
  while ((match = opener.exec(text))) {
    let depth = 1;
    let i = match.index + match[0].length;
    const start = i;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}') depth--;
    }
    if (depth === 0) found.push(text.slice(start, i - 1));
    opener.lastIndex = i;
  }
  return found;
}

function lastMatch(text: string, pattern: RegExp): string | undefined {
  let last: string | undefined;
  for (const m of text.matchAll(pattern)) last = m[1];
  return last;
}

function cleanPhrase(s: string): string {
  return s.trim().replace(/^[:\s]+/, '').replace(/[.\s]+$/, '').replace(/^\$(.*)\$$/, '$1').trim();
}

/**
 * Whether a step closes the solution with a `\boxed{...}` answer (search-and-learn's DVTS stops on `boxed{`).
 * Phrases such as "the answer is" never end a solution: they only read the answer of one that has ended.
 */
export function hasBoxedAnswer(text: string): boolean {
  return boxedContents(text).length > 0;
}

/** The final answer a solution states, or undefined. The last `\boxed{}` wins over any phrase. */
export function extractAnswer(text: string): string | undefined {
  const boxed = boxedContents(text);
  if (boxed.length) return boxed[boxed.length - 1].trim();
  const hashes = lastMatch(text, /^#{4}\s*(.+)$/gm);
  if (hashes !== undefined && cleanPhrase(hashes)) return cleanPhrase(hashes);
  const final = lastMatch(text, /final answer\s*(?:is)?\s*[:：]\s*([^\n]+)/gi) ?? lastMatch(text, /final answer is\s+([^\n]+)/gi);
  if (final !== undefined && cleanPhrase(final)) return cleanPhrase(final);
  const answerIs = lastMatch(text, /the answer is\s*:?\s*([^\n]+)/gi);
  if (answerIs !== undefined && cleanPhrase(answerIs)) return cleanPhrase(answerIs);
  return undefined;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Exact rational from a decimal literal ("-.5", "2.50", "3"), or undefined. */
function parseDecimal(s: string): [bigint, bigint] | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (!m[2] && !m[3])) return undefined;
  const frac = m[3] ?? '';
  const num = BigInt((m[2] || '0') + frac) * (m[1] === '-' ? -1n : 1n);
  return [num, 10n ** BigInt(frac.length)];
}

function canonicalRational(num: bigint, den: bigint): string {
  if (den === 0n) return `${num}/0`;
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den) || 1n;
  num /= g;
  den /= g;
  return den === 1n ? `${num}` : `${num}/${den}`;
}

/** A canonical string for a plain number, decimal, `a/b` or `\frac{a}{b}`; undefined if not numeric. */
function canonicalNumber(s: string): string | undefined {
  let sign = 1n;
  let body = s;
  if (/^[+-]/.test(body)) {
    if (body[0] === '-') sign = -1n;
    body = body.slice(1);
  }
  const frac = /^\\frac(?:\{([^{}]+)\}|(\d))(?:\{([^{}]+)\}|(\d))$/.exec(body);
  const slash = /^([^/]+)\/([^/]+)$/.exec(body);
  const parts = frac ? [frac[1] ?? frac[2], frac[3] ?? frac[4]] : slash ? [slash[1], slash[2]] : undefined;
  if (parts) {
    const a = parseDecimal(parts[0]);
    const b = parseDecimal(parts[1]);
    if (!a || !b || b[0] === 0n) return undefined;
    return canonicalRational(sign * a[0] * b[1], a[1] * b[0]);
  }
  const d = parseDecimal(body);
  return d ? canonicalRational(sign * d[0], d[1]) : undefined;
}

/** Rewrites an answer so that equal answers compare equal as strings. */
export function normaliseAnswer(input: string): string {
  let s = input.trim();
  s = s.replace(/\\\(|\\\)|\\\[|\\\]/g, '').replace(/\\\$/g, '').replace(/\$/g, '');
  s = s.replace(/\\(?:text|textbf|mathrm|mathbf|mbox)\s*\{([^{}]*)\}/g, '$1');
  s = s.replace(/\\[dt]frac/g, '\\frac').replace(/\\left|\\right/g, '');
  s = s.replace(/\\[,;:! ]/g, '').replace(/~/g, '');
  s = s.replace(/\^\s*\{?\\circ\}?|°/g, '');
  s = s.replace(/\\%|%/g, '');
  s = s.replace(/^[a-zA-Z]\s*=\s*/, ''); // "x = 5" → "5"
  s = s.replace(/(\d),(?=\d{3}\b)/g, '$1'); // thousands separators
  s = s.replace(/[.\s]+$/, '');
  // A number followed by a unit or a noun ("12 cm", "5 apples", "7 dollars"): keep the number.
  const withUnit = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:\/\d+)?)\s*[a-zA-Z][a-zA-Z\s.]*$/.exec(s);
  if (withUnit) s = withUnit[1];
  s = s.replace(/\s+/g, '');
  s = s.replace(/^\((\w)\)$/, '$1'); // "(B)" → "B"
  return canonicalNumber(s) ?? s;
}

export function answersEqual(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const na = normaliseAnswer(a);
  return na !== '' && na === normaliseAnswer(b);
}
