import type { ArithmeticClaim } from '../scorer';
import { evaluateSide, type Interval, type Side } from './evaluate';
import { MATH_WORDS, markArithmeticWords } from './mark';
import { tokenize, type Token } from './tokens';

/**
 * Finds the numeric equalities a step states (`18 - 6 = 12`, `\frac{3}{4} \cdot 8 = 6`, `a = b ≈ c` chains)
 * and checks each. A claim is only reported when both sides parse in full and nothing around them
 * (a variable, `mod`, a ratio, a time) suggests the numbers mean something else.
 */
export function checkStep(text: string): ArithmeticClaim[] {
  const tokens = markArithmeticWords(tokenize(text));
  const claims: ArithmeticClaim[] = [];
  let previous: { chain: Chain; sides: (ReadSide | undefined)[] } | undefined;
  for (const chain of findChains(tokens)) {
    const sides = readChain(text, tokens, chain);
    for (let k = 0; k + 1 < sides.length; k++) {
      const approximate = chain.relations[k] === 'approx';
      const claim = sides[k] && sides[k + 1] && compare(text, sides[k]!, sides[k + 1]!, approximate);
      if (claim) claims.push(claim);
    }
    const carried = previous && continuedFrom(tokens, previous.chain, chain);
    if (carried && previous) {
      const a = previous.sides[previous.sides.length - 1];
      const b = sides[1];
      const claim = a && b && compare(text, a, b, chain.relations[0] === 'approx');
      // "Total = 720 × 24 × 120 × 6", then "Total = 720 × 24 = 17280 ...": a partial product, not a restatement
      const partial = a && b && squeeze(text.slice(a.start, a.end)).startsWith(squeeze(text.slice(b.start, b.end)));
      if (claim && !partial) claims.push({ ...claim, expression: `${text.slice(a.start, a.end)} = ${text.slice(b.start, b.end)}` });
    }
    previous = { chain, sides };
  }
  return claims;
}

/**
 * Display lines that go on from the one before: `\[ = 50 - 15 \]` after `\[ ... = 50 - (10 + 5) \]`, or the
 * same multi-word label again (`Number of students = 50 - 15`, then `Number of students = 35`).
 */
function continuedFrom(tokens: readonly Token[], before: Chain, chain: Chain): boolean {
  const prevEnd = before.sides[before.sides.length - 1]!.to;
  const first = chain.sides[0]!;
  if (first.from === first.to && (first.to === 0 || tokens[first.to - 1]!.kind === 'sep')) {
    // Nothing but delimiters between the previous chain's end and this leading "="
    for (let i = prevEnd; i < first.to; i++) if (tokens[i]!.kind !== 'sep') return false;
    return prevEnd < first.to;
  }
  const label = labelOf(tokens, first.to);
  return label !== undefined && label === labelOf(tokens, before.sides[0]!.to) && before.sides[0]!.to < first.from;
}

/** The words before `=` back to the previous delimiter, when they are two or more words and nothing else. */
function labelOf(tokens: readonly Token[], eq: number): string | undefined {
  const words: string[] = [];
  for (let i = eq - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.kind === 'sep' || (t.kind === 'punct' && t.text !== "'")) break;
    if (t.kind !== 'word' && t.kind !== 'unit') return undefined;
    words.unshift(t.text.toLowerCase());
  }
  return words.length >= 2 ? words.join(' ') : undefined;
}

const ARITH = new Set<Token['kind']>(['num', 'op', 'open', 'close', 'percent', 'fact', 'frac', 'sqrt', 'boxed', 'unit']);
const isRelation = (t: Token | undefined) => t?.kind === 'eq' || t?.kind === 'approx';

interface Chain {
  /** Token ranges [from, to) of the sides; relations sit between them. */
  sides: { from: number; to: number }[];
  relations: ('eq' | 'approx')[];
}

function findChains(tokens: readonly Token[]): Chain[] {
  const chains: Chain[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!isRelation(tokens[i])) continue;
    let from = i;
    while (from > 0 && ARITH.has(tokens[from - 1]!.kind)) from--;
    const chain: Chain = { sides: [{ from, to: i }], relations: [] };
    let at = i;
    for (;;) {
      let to = at + 1;
      while (to < tokens.length && ARITH.has(tokens[to]!.kind)) to++;
      chain.relations.push(tokens[at]!.kind as 'eq' | 'approx');
      chain.sides.push({ from: at + 1, to });
      if (!isRelation(tokens[to])) break;
      at = to;
    }
    chains.push(chain);
    i = at;
  }
  return chains;
}

interface ReadSide extends Side {
  start: number;
  end: number;
  /** Written with a trailing `...`: a truncated decimal. */
  truncated: boolean;
  /** Words after it (`remainder`, `mod`, `full`) may make the stated number a quotient or residue. */
  quotient: boolean;
  /** The chain's first side follows a word: in "half of 80 = 80/2" the claim began before the 80. */
  afterWord: boolean;
}

function readChain(text: string, tokens: readonly Token[], chain: Chain): (ReadSide | undefined)[] {
  const last = chain.sides.length - 1;
  return chain.sides.map((range, k) => readSide(text, tokens, range, k === 0, k === last));
}

function readSide(text: string, tokens: readonly Token[], range: { from: number; to: number }, first: boolean, last: boolean): ReadSide | undefined {
  let { from, to } = range;
  if (first) from = afterUnmatchedOpen(tokens, from, to);
  if (last) to = beforeAside(tokens, from, beforeUnmatchedClose(tokens, from, to));
  if (from >= to) return undefined;
  const head = tokens[from]!;
  if (first && !safeBefore(tokens, from)) return undefined;
  // A leading sign must be glued to its number: "x - 3" and a markdown "- " bullet are not negative numbers.
  if (head.kind === 'op' && (head.op !== '-' || tokens[from + 1]?.spaced || tokens[from + 1]?.kind !== 'num')) return undefined;
  let truncated = false;
  let quotient = false;
  if (last) {
    const after = safeAfter(tokens, to);
    if (after === 'unsafe') return undefined;
    truncated = after === 'truncated';
    quotient = tokens[to] !== undefined && INTEGER_DIVISION.test(clause(text, tokens[to]!.start));
  }
  const side = evaluateSide(tokens.slice(from, to));
  if (!side) return undefined;
  return { ...side, start: head.start, end: tokens[to - 1]!.end, truncated, quotient, afterWord: first && tokens[from - 1]?.kind === 'word' };
}

/** The first side of a chain may start inside a bracket: `(3 + 4 = 7)`, `\boxed{5 + 3 = 8}`. */
function afterUnmatchedOpen(tokens: readonly Token[], from: number, to: number): number {
  let depth = 0;
  let cut = from;
  for (let i = to - 1; i >= from; i--) {
    const t = tokens[i]!;
    if (t.kind === 'close') depth++;
    else if (t.kind === 'open') {
      if (depth === 0) {
        cut = i + 1;
        break;
      }
      depth--;
    }
  }
  return cut;
}

function beforeUnmatchedClose(tokens: readonly Token[], from: number, to: number): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'open') depth++;
    else if (t.kind === 'close') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return to;
}

/** The last side ends before a spaced aside in parentheses: `= $0.20 (20 cents)`. */
function beforeAside(tokens: readonly Token[], from: number, to: number): number {
  for (let p = from + 1; p < to; p++) {
    const t = tokens[p]!;
    if (t.text === '(' && t.spaced && (isProse(tokens[p + 1]) || (tokens[p + 1]?.kind === 'num' && isProse(tokens[p + 2])))) return p;
  }
  return to;
}

/** What precedes the first side must be prose or punctuation, not a variable, a ratio or a relation. */
function safeBefore(tokens: readonly Token[], from: number): boolean {
  const before = tokens[from - 1];
  const head = tokens[from]!;
  if (!before) return true;
  switch (before.kind) {
    case 'sep':
    case 'open': // cut at an unmatched bracket
      return true;
    case 'punct':
      return head.spaced && before.text !== '!';
    case 'word':
      return head.spaced && !MATH_WORDS.has(before.text.toLowerCase()) && (before.text.length > 1 || /^[aAI]$/.test(before.text));
    default:
      return false;
  }
}

// Words after `a ÷ b = q` that make q a quotient or a residue, not the exact value.
const INTEGER_DIVISION = /\bmod\b|\\pmod|\\bmod|\\mod\b|modulo|remainder|quotient|remaining|left ?over|\bfull\b|\bwhole\b|\\equiv|≡|\bR\s*\d|\brem\b/i;

/** What follows the last side must end the claim: prose, punctuation, end of the step. */
function safeAfter(tokens: readonly Token[], to: number): 'safe' | 'unsafe' | 'truncated' {
  const after = tokens[to];
  if (!after) return 'safe';
  const next = tokens[to + 1];
  switch (after.kind) {
    case 'sep':
    case 'close':
      return 'safe';
    case 'open':
      // "= $0.20 (20 cents)", "= 12 (the answer)"; not "= 5 (x + 1)"
      return after.spaced && after.text === '(' && (isProse(next) || (next?.kind === 'num' && isProse(tokens[to + 2]))) ? 'safe' : 'unsafe';
    case 'ellipsis':
      return 'truncated';
    case 'punct':
      // "= 3:4", "= 1,5", "= 0.\overline{6}", "= 10!" (a factorial or an exclamation?)
      if (after.text === '!') return 'unsafe';
      return next && !next.spaced && next.kind !== 'sep' && next.kind !== 'close' ? 'unsafe' : 'safe';
    case 'word':
      return after.spaced && !MATH_WORDS.has(after.text.toLowerCase()) && (after.text.length > 1 || /^[aAI]$/.test(after.text)) ? 'safe' : 'unsafe';
    default:
      return 'unsafe';
  }
}

/** The rest of the sentence from `at`, at most 80 characters. */
function clause(text: string, at: number): string {
  const rest = text.slice(at, at + 80);
  const stop = rest.search(/[.;!?](\s|$)|\n\n/);
  return stop < 0 ? rest : rest.slice(0, stop);
}

const isProse = (t: Token | undefined) => (t?.kind === 'word' || t?.kind === 'unit') && t.text.length > 1 && !MATH_WORDS.has(t.text.toLowerCase());

/** Checks `a = b` (or `a ≈ b`); undefined when the pair is not a computation (`1 dozen = 12`). */
function compare(text: string, a: ReadSide, b: ReadSide, approximate: boolean): ArithmeticClaim | undefined {
  if (a.operations === 0 && b.operations === 0) return undefined;
  // "5 hours = 5 * 60": a unit conversion, not an equality of numbers
  if (a.operations === 0 && (a.hasUnit || b.hasUnit || a.afterWord)) return undefined;
  const expression = text.slice(a.start, b.end);
  const [computedSide, statedSide] = b.operations === 0 ? [a, b] : a.operations === 0 ? [b, a] : [a, b];
  const ok = statedSide.literal ? matchesLiteral(computedSide.value, statedSide, approximate) : overlaps(computedSide.value, statedSide.value, approximate ? 1e-2 : 1e-6);
  // "194 ÷ 11 = 17 remainder 7", "= 1 (mod 11)": only an exact match says anything
  if (!ok && (a.quotient || b.quotient)) return undefined;
  // Run-on chain "3 + 4 = 7 * 2 = 14": the middle side restates the previous result and goes on.
  if (!ok && b.operations > 0 && b.firstNumber !== undefined && overlaps(a.value, { lo: b.firstNumber, hi: b.firstNumber }, 1e-6)) return undefined;
  return { expression, computed: mid(computedSide.value), stated: mid(statedSide.value), ok, start: a.start, end: b.end };
}

/** Is the computed interval consistent with the number written, given the decimals written? */
function matchesLiteral(computed: Interval, stated: ReadSide, approximate: boolean): boolean {
  const lit = stated.literal!;
  const sign = mid(stated.value) < 0 ? -1 : 1;
  const written = sign * lit.value;
  // Half a unit in the last place written (rounding); a whole unit after "..." (truncation);
  // ≈ adds 1% for rounded intermediate values. An exact integer gets no slack.
  const unit = 10 ** -lit.decimals;
  const tolerance = stated.truncated ? unit : approximate || lit.decimals > 0 ? unit / 2 : 0;
  const relative = approximate && !stated.truncated ? 1e-2 : 1e-6;
  const scales = lit.percent ? [0.01, 1] : [1]; // "= 25%" after either 0.25 or 25
  return scales.some((s) => {
    const target = { lo: (written - tolerance) * s, hi: (written + tolerance) * s };
    return overlaps(computed, target, relative);
  });
}

function overlaps(a: Interval, b: Interval, relative: number): boolean {
  const slack = relative * Math.max(Math.abs(a.lo), Math.abs(a.hi), Math.abs(b.lo), Math.abs(b.hi), 1e-9) + 1e-12;
  return a.lo <= b.hi + slack && b.lo <= a.hi + slack;
}

const squeeze = (s: string) => s.replace(/\s+/g, '');
const mid = (v: Interval) => (v.lo === v.hi ? v.lo : (v.lo + v.hi) / 2);
