// An answer that appears from nowhere: a step states a final number that neither an earlier step nor the rest of
// its own text writes or computes (nor the problem gives). Only plain numeric answers are checked.
import { extractAnswer, normaliseAnswer } from '../../steps/answers';
import { checkStep } from './claims';

const NUMBER = /(?<![\w.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])-?\d+(?:\.\d+)?|-?\.\d+/g;
const FRACTION = /\\[dt]?frac\s*\{\s*(-?\d+(?:\.\d+)?)\s*\}\s*\{\s*(\d+(?:\.\d+)?)\s*\}|\\[dt]?frac(\d)(\d)|(?<![\w.])(-?\d+)\s*\/\s*(\d+)(?![\w.])/g;

const RESULT_OF = /(?:=|\\approx|≈)\s*\$?\s*(?:\\boxed\s*\{|\\fbox\s*\{)?\s*(?:\\\$)?\s*$/;

/** The value of a plain numeric answer ("42", "3/4", "\frac{3}{4}", "$18.50", "50\%"), else undefined. */
function numericValue(answer: string): { value: number; decimals: number } | undefined {
  const canonical = normaliseAnswer(answer);
  const m = /^(-?\d+)(?:\/(\d+))?$/.exec(canonical);
  if (!m) return undefined;
  const value = m[2] ? Number(m[1]) / Number(m[2]) : Number(m[1]);
  const written = /\.(\d+)/.exec(answer.replace(/\\%|%/g, ''));
  return { value, decimals: m[2] ? Infinity : written ? written[1]!.length : 0 };
}

/** Every number a text writes, digit groups and fractions read as values. */
function numbersIn(text: string): number[] {
  const values: number[] = [];
  for (const m of text.matchAll(NUMBER)) values.push(Number(m[0].replace(/,/g, '')));
  for (const m of text.matchAll(FRACTION)) {
    const [a, b] = m[1] !== undefined ? [m[1], m[2]] : m[3] !== undefined ? [m[3], m[4]] : [m[5], m[6]];
    if (Number(b) !== 0) values.push(Number(a) / Number(b));
  }
  return values;
}

/** The values a text's equalities compute (`12 × 5` in `12 × 5 = 61` computes 60). */
const computedIn = (text: string): number[] => checkStep(text).map((claim) => claim.computed);

/** Does `value` match the answer as written (rounded to its decimals), as a number or a percentage? */
function matches(value: number, answer: { value: number; decimals: number }): boolean {
  const slack = Number.isFinite(answer.decimals) ? 0.5 * 10 ** -answer.decimals + 1e-9 : 1e-9;
  return [value, value * 100, value / 100].some((v) => Math.abs(Math.abs(v) - Math.abs(answer.value)) <= slack * Math.max(1, answer.decimals === Infinity ? Math.abs(answer.value) : 1));
}

/**
 * Why the final answer of `step` is unsupported, or undefined when it is supported, not numeric, or not there.
 * `earlier` are the steps before it.
 */
export function unsupportedAnswer(problem: string, earlier: readonly string[], step: string): string | undefined {
  const raw = extractAnswer(step);
  if (raw === undefined) return undefined;
  const answer = numericValue(raw);
  if (!answer) return undefined;
  // The step without the statement of its answer: the last place the answer is written.
  const at = step.lastIndexOf(raw);
  // `… = \boxed{45}`: the step computes its answer; whether rightly is the equality checkers' business.
  if (at >= 0 && RESULT_OF.test(step.slice(Math.max(0, at - 24), at))) return undefined;
  const own = at >= 0 ? step.slice(0, at) + step.slice(at + raw.length) : step;
  // A whole answer may be a rounded value: "≈ 18.18, so 19 whole years".
  const found = (values: number[]) =>
    values.some((v) => matches(v, answer) || (Number.isInteger(answer.value) && (matches(Math.floor(v), answer) || matches(Math.ceil(v), answer))));
  const texts = [problem, ...earlier, own];
  // Written numbers first; what equalities compute only when no number is written (reading claims is slower).
  if (texts.some((t) => found(numbersIn(t))) || texts.some((t) => found(computedIn(t)))) return undefined;
  return `unsupported: the answer ${raw} appears from nowhere (no earlier step and nothing else in this step computes it)`;
}
