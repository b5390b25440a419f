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

/** The parts of `@cortex-js/compute-engine` used here (loaded on first use: it is about 530 KB). */
interface Cas {
  parse(latex: string): { isValid: boolean; json: unknown; N(): { re: number; im: number } };
}

let cas: Cas | undefined;
let casLoading: Promise<boolean> | undefined;
const canonicalForms = new Map<string, string>();

/**
 * Loads the computer algebra system that answer grouping uses (once; later calls return at once). Until it is
 * loaded, or if it cannot be, answers are grouped by the string rules alone.
 */
export function loadAnswerEquivalence(): Promise<boolean> {
  casLoading ??= import('@cortex-js/compute-engine').then(
    (mod) => {
      cas = new mod.ComputeEngine() as unknown as Cas;
      canonicalForms.clear(); // forms cached before the CAS was there were string-only
      return true;
    },
    () => false,
  );
  return casLoading;
}

/** Ten significant digits: numerically equal answers written differently (`\frac12`, `0.5`) meet. */
const NUMERIC_DIGITS = 10;

/**
 * A key that equal answers share: the string rules first (`\dfrac` → `\frac`, units, `x = `), then, when the CAS is
 * loaded, its canonical form: the numeric value to ten digits for a constant (`\sqrt3`, `\sqrt{3}`, `\frac{\sqrt{12}}{2}`),
 * the canonical expression otherwise (`x+1`, `1+x`). Words stay words. Cached per answer.
 */
export function canonicalAnswer(input: string): string {
  const cached = canonicalForms.get(input);
  if (cached !== undefined) return cached;
  const plain = normaliseAnswer(input);
  let key = plain;
  // Letters that are not a LaTeX command or a lone variable mean words: the CAS would read them as a product.
  if (cas && plain && !/(?<!\\)[a-zA-Z]{2,}/.test(plain.replace(/\\[a-zA-Z]+/g, ''))) {
    try {
      const expr = cas.parse(plain);
      if (expr.isValid && !JSON.stringify(expr.json).includes('"Error"')) {
        const value = expr.N();
        key = Number.isFinite(value.re) && !(value.im) ? `=${Number(value.re.toPrecision(NUMERIC_DIGITS))}` : `≡${JSON.stringify(expr.json)}`;
      }
    } catch {
      // Unparsable: the string rules decide.
    }
  }
  canonicalForms.set(input, key);
  return key;
}

/** Equal under the string rules or, once `loadAnswerEquivalence` has run, under the CAS. */
export function answersEqual(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const na = canonicalAnswer(a);
  return na !== '' && na === canonicalAnswer(b);
}
