import type { Token } from './tokens';

/**
 * Second pass over the tokens: words that act as arithmetic (`5 x 3`, `3 times 4`, `25% of 80`, `5!`)
 * and unit words between a number and an operator (`18 flamingos - 6 flamingos`) are re-tagged.
 */

// Words that never count as units: prose glue and mathematical words.
const NOT_UNITS = new Set([
  'is', 'are', 'was', 'were', 'be', 'and', 'or', 'so', 'then', 'the', 'to', 'that', 'which', 'this', 'it', 'we', 'he', 'she', 'they',
  'equals', 'equal', 'gives', 'leaves', 'makes', 'yields', 'mod', 'modulo', 'remainder', 'rem', 'times', 'plus', 'minus', 'of',
  'in', 'at', 'by', 'for', 'with', 'from', 'than', 'as', 'if', 'when', 'not', 'no', 'but', 'also', 'into', 'on',
  'sin', 'cos', 'tan', 'cot', 'sec', 'csc', 'log', 'ln', 'lg', 'exp', 'lim', 'max', 'min', 'gcd', 'lcm', 'pi', 'det', 'arg', 'sqrt',
  'mid', 'choose', 'floor', 'ceil', 'abs', 'deg', 'rad',
]);
export const MATH_WORDS = new Set(['sin', 'cos', 'tan', 'cot', 'sec', 'csc', 'log', 'ln', 'lg', 'exp', 'lim', 'max', 'min', 'gcd', 'lcm', 'pi', 'det', 'arg', 'mod', 'modulo', 'choose', 'floor', 'ceil', 'abs', 'sum', 'prod', 'var', 'mean', 'median']);

const WORD_OPS = new Map<string, Token['op']>([['x', '*'], ['X', '*'], ['times', '*'], ['plus', '+'], ['minus', '-']]);

const ends = (t: Token | undefined) => !!t && (t.kind === 'num' || t.kind === 'close' || t.kind === 'percent' || t.kind === 'unit');
const begins = (t: Token | undefined) => !!t && (t.kind === 'num' || t.kind === 'open' || t.kind === 'frac' || t.kind === 'sqrt');
const isUnitWord = (t: Token) => t.kind === 'word' && t.text.length >= 2 && /^[a-z]+(?:\/[a-z]+)*$/.test(t.text) && !NOT_UNITS.has(t.text);
const continuesExpression = (t: Token | undefined) => !!t && (t.kind === 'eq' || t.kind === 'approx' || t.kind === 'close' || (t.kind === 'op' && t.op !== '^'));
const mark = (tokens: Token[], from: number, to: number) => {
  for (let k = from; k <= to; k++) tokens[k]!.kind = 'unit';
};

/** `$15/student`, `$6.00/plate`: a slash glued to a number and a word is a rate, not a division. */
function markPerUnits(out: Token[]): void {
  for (let i = 1; i + 1 < out.length; i++) {
    const slash = out[i]!;
    const word = out[i + 1]!;
    if (slash.op !== '/' || slash.spaced || word.spaced || !isUnitWord(word)) continue;
    const prev = out[i - 1]!;
    const after = out[i + 2];
    if ((prev.kind === 'num' || prev.kind === 'unit') && !(after && !after.spaced && (after.kind === 'open' || after.op === '^'))) mark(out, i, i + 1);
  }
}

/** `7995 (total cookies) - 2595 (rainbow cookies) = 4500`: a parenthesised label after a number. */
function markParentheticals(out: Token[]): void {
  for (let i = 1; i < out.length; i++) {
    const open = out[i]!;
    const prev = out[i - 1]!;
    // "180 minutes (before dinner) + ...": the unit word before it is not marked yet
    const afterUnitWord = isUnitWord(prev) && out[i - 2]?.kind === 'num';
    if (open.text !== '(' || !(prev.kind === 'num' || prev.kind === 'unit' || prev.kind === 'percent' || afterUnitWord)) continue;
    let j = i + 1;
    while (j < out.length && j - i <= 8 && (out[j]!.kind === 'word' || out[j]!.kind === 'unit' || (out[j]!.kind === 'punct' && out[j]!.text !== '!'))) j++;
    const close = out[j];
    if (close?.text !== ')' || j === i + 1) continue;
    const words = out.slice(i + 1, j).filter((t) => t.kind === 'word' || t.kind === 'unit');
    // "(mod 11)", "(remainder 2)", "(x)" say something about the number: keep them visible
    if (words.some((w) => w.text.length < 2 || MATH_WORDS.has(w.text.toLowerCase()) || /^(?:remainder|quotient|rem|modulo|mod|approx|approximately|rounded|about|full|whole|remaining|left|leftover)$/i.test(w.text))) continue;
    mark(out, afterUnitWord ? i - 1 : i, j);
    i = j;
  }
}

function markUnitWords(out: Token[]): void {
  for (let i = 0; i < out.length; i++) {
    if (!(ends(out[i - 1]) && out[i - 1]!.kind !== 'close') || !isUnitWord(out[i]!) || !out[i]!.spaced) continue;
    let j = i;
    while (j + 1 < out.length && j - i < 2 && isUnitWord(out[j + 1]!) && out[j + 1]!.spaced) j++;
    const next = out[j + 1];
    const wordOpNext = next?.kind === 'word' && WORD_OPS.has(next.text) && next.spaced && begins(out[j + 2]);
    if (!continuesExpression(next) && !wordOpNext) continue;
    mark(out, i, j);
    // "dollars / hour": the slash and the word after it belong to the unit too
    if (next?.op === '/' && out[j + 2] && isUnitWord(out[j + 2]!) && continuesExpression(out[j + 3])) mark(out, j + 1, j + 2);
    i = j;
  }
}

export function markArithmeticWords(tokens: Token[]): Token[] {
  const out = tokens; // tokenize() made them; re-tagged in place
  markPerUnits(out);
  markParentheticals(out);
  markUnitWords(out); // before the x, so that `4 cookies x 3` sees a unit before the x
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!;
    const prev = out[i - 1];
    const next = out[i + 1];
    if (t.kind === 'word' && WORD_OPS.has(t.text) && t.spaced && next?.spaced && ends(prev) && begins(next)) {
      t.kind = 'op';
      t.op = WORD_OPS.get(t.text);
    } else if (t.kind === 'word' && t.text === 'of' && begins(next) && (prev?.kind === 'percent' || (prev?.kind === 'num' && out[i - 2]?.op === '/') || (prev?.kind === 'close' && prev.text === '}'))) {
      // "25% of 80", "1/3 of 18", "\frac{1}{3} of 18"
      t.kind = 'op';
      t.op = '*';
    } else if (t.kind === 'punct' && t.text === '!' && !t.spaced && (prev?.kind === 'num' || prev?.kind === 'close')) {
      const reads = !next || next.kind === 'sep' || next.kind === 'eq' || next.kind === 'approx' || next.kind === 'op' || next.kind === 'close' || (next.kind === 'punct' && next.text === '!');
      if (reads) t.kind = 'fact';
    }
  }
  return out;
}
