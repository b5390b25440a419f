// Symbolic claims beside the arithmetic ones, checked with @cortex-js/compute-engine (loaded on first use):
//  - identities: `(x + 1)^2 - 1 = x^2 + 2x + 1 - 1 = x^2 + 2x`, sides with the same variables in a chain of three
//    or more sides, checked by evaluating both sides at several points;
//  - claimed solutions: `x = 3` after `2x + 1 = 7` in the same step, checked by substituting.
// Checked only where the claim is unambiguous (single-letter lower-case variables, no functions, subscripts,
// decimals or unknown commands); silent otherwise.
import type { ArithmeticClaim } from '../scorer';
import { compileJson, type MathJson } from './mathJson';
import { mathChains, type MathChain } from './mathText';

type Engine = InstanceType<typeof import('@cortex-js/compute-engine').ComputeEngine>;
let engine: Promise<Engine> | undefined;

/** The compute engine, loaded once, on the first symbolic check. */
function computeEngine(): Promise<Engine> {
  engine ??= import('@cortex-js/compute-engine').then(({ ComputeEngine }) => new ComputeEngine());
  return engine;
}

/** LaTeX commands a checked side may use; any other makes the side unreadable. */
const ALLOWED_COMMANDS = new Set(['frac', 'dfrac', 'tfrac', 'sqrt', 'cdot', 'times', 'left', 'right', 'div']);
const POINTS = [0.5383, 1.7217, -1.3149, 2.9021, -0.4471];

interface Side {
  latex: string;
  vars: string[];
  /** Value at each test point (NaN where undefined). */
  values: number[];
  start: number;
  end: number;
  f: (env: Readonly<Record<string, number>>) => number;
}

/** Letters used as variables, or undefined when the side is not plainly a polynomial/rational expression. */
function variablesOf(latex: string): string[] | undefined {
  if (/[_!|'"<>%]|\d\.\d|\\[,;: !]|\.\.\./.test(latex)) return undefined;
  const commands = [...latex.matchAll(/\\([a-zA-Z]+)/g)].map((m) => m[1]!);
  if (commands.some((c) => !ALLOWED_COMMANDS.has(c))) return undefined;
  const bare = latex.replace(/\\[a-zA-Z]+/g, ' ');
  // `2ab` is a product, but a longer run of letters is a word (`area`); a letter before "(" may be a function
  // (`f(x)`), a capital a point (`AB`), e and i are constants.
  if (/[a-zA-Z]{4}|[a-zA-Z]\s*\(|[A-Zei]/.test(bare)) return undefined;
  return [...new Set(bare.match(/[a-z]/g) ?? [])].sort();
}

function readSide(ce: Engine, side: MathChain['sides'][number]): Side | undefined {
  const vars = variablesOf(side.latex);
  if (!vars) return undefined;
  let f;
  try {
    f = compileJson(ce.parse(side.latex, { canonical: false }).json as MathJson);
  } catch {
    return undefined;
  }
  if (!f) return undefined;
  const values = POINTS.map((_, p) => {
    const value = f(Object.fromEntries(vars.map((v, j) => [v, POINTS[(p + j) % POINTS.length]!])));
    return Number.isFinite(value) ? value : NaN;
  });
  return { latex: side.latex, vars, values, start: side.start, end: side.end, f };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-7 * Math.max(1, Math.abs(a), Math.abs(b));
const sameVars = (a: Side, b: Side) => a.vars.length > 0 && a.vars.join() === b.vars.join();

/** Equal at every point where both are defined (true), at none (false), or mixed/too few points (undefined). */
function identical(a: Side, b: Side): boolean | undefined {
  const pairs = a.values.map((v, i) => [v, b.values[i]!] as const).filter(([x, y]) => !Number.isNaN(x) && !Number.isNaN(y));
  if (pairs.length < 3) return undefined;
  const equal = pairs.filter(([x, y]) => close(x, y)).length;
  return equal === pairs.length ? true : equal === 0 ? false : undefined;
}

function identityClaims(step: string, sides: (Side | undefined)[]): ArithmeticClaim[] {
  const claims: ArithmeticClaim[] = [];
  if (sides.length < 3) return claims;
  for (let k = 0; k + 1 < sides.length; k++) {
    const a = sides[k];
    const b = sides[k + 1];
    if (!a || !b || !sameVars(a, b)) continue;
    const same = identical(a, b);
    if (same === undefined) continue;
    const at = a.vars.map((v, j) => `${v} = ${POINTS[j % POINTS.length]}`).join(', ');
    const i = a.values.findIndex((x, p) => !Number.isNaN(x) && !Number.isNaN(b.values[p]!) && !close(x, b.values[p]!));
    claims.push({
      expression: step.slice(a.start, b.end),
      computed: same ? a.values[0]! : a.values[i]!,
      stated: same ? b.values[0]! : b.values[i]!,
      ok: same,
      start: a.start,
      end: b.end,
      note: same
        ? `${a.latex} = ${b.latex} holds at every point tried`
        : `${a.latex} = ${b.latex} is not an identity: at ${at} the left side is ${round(a.values[i]!)} and the right ${round(b.values[i]!)}`,
    });
  }
  return claims;
}

const HYPOTHETICAL = /\b(?:if|when|whenever|let|suppose|assume|assuming|for|at|substitut\w*|plug\w*|try|trying|test\w*|check\w*|say|e\.g|such as|where|otherwise|not|case|cases)\b|\?/i;
const CONCLUSIVE = /\\implies|\\Rightarrow|\\Longrightarrow|\\therefore|\b(?:so|thus|therefore|hence|gives?|get|gets|obtain|find|yields?|solving|solve|we have|is)\b|[,:]\s*$/i;

/** `x = c` after an equation in x alone, with a conclusive word between and nothing hypothetical around. */
function solutionClaims(step: string, chains: MathChain[], read: (Side | undefined)[][]): ArithmeticClaim[] {
  const claims: ArithmeticClaim[] = [];
  for (let c = 1; c < chains.length; c++) {
    const chain = chains[c]!;
    const [lhs, rhs] = chain.sides;
    if (chain.sides.length !== 2 || !/^[a-z]$/.test(lhs!.latex)) continue;
    const v = lhs!.latex;
    const value = read[c]![1];
    if (!value || value.vars.length > 0 || Number.isNaN(value.values[0]!)) continue;
    // The nearest equation in v alone before it (skipping other claims of a value).
    let e = c - 1;
    while (e >= 0 && isValueClaim(chains[e]!)) e--;
    if (e < 0 || chains[e]!.sides.length !== 2) continue;
    const [l, r] = read[e]!;
    if (!l || !r || [...new Set([...l.vars, ...r.vars])].join() !== v || identical(l, r) === true) continue;
    const between = step.slice(chains[e]!.end, chain.start);
    const around = step.slice(Math.max(0, chains[e]!.start - 60), chains[e]!.start) + between + step.slice(chain.end, chain.end + 12);
    if (!CONCLUSIVE.test(between) || HYPOTHETICAL.test(around)) continue;
    const at = { [v]: value.values[0]! };
    const residual = l.f(at) - r.f(at);
    const scale = Math.max(1, ...[l, r].flatMap((s) => s.values.filter((x) => !Number.isNaN(x)).map(Math.abs)));
    if (!Number.isFinite(residual)) continue;
    const ok = Math.abs(residual) <= 1e-9 * scale;
    claims.push({
      expression: `${step.slice(chains[e]!.start, chains[e]!.end)} … ${step.slice(chain.start, chain.end)}`,
      computed: residual,
      stated: 0,
      ok,
      start: chain.start,
      end: chain.end,
      note: ok ? `${v} = ${rhs!.latex} solves ${l.latex} = ${r.latex}` : `${v} = ${rhs!.latex} does not solve ${l.latex} = ${r.latex}: the two sides differ by ${round(residual)} there`,
    });
  }
  return claims;
}

const SUBSTITUTED = /substitut|plug|we know|known|given that/i;
const isValueClaim = (chain: MathChain) => chain.sides.length === 2 && /^[a-z]$/.test(chain.sides[0]!.latex) && !/[a-z]/i.test(chain.sides[1]!.latex.replace(/\\[a-z]+/gi, ''));
const round = (x: number) => String(Number(x.toPrecision(6)));

/** The symbolic claims a step states, each checked; [] when there is nothing it can read unambiguously. */
export async function checkSymbolic(step: string): Promise<ArithmeticClaim[]> {
  const chains = mathChains(step);
  const wanted = sidesWorthReading(chains);
  // The engine loads only for a step with something to check.
  if (!wanted.some((w) => w.some(Boolean))) return [];
  const ce = await computeEngine();
  const read = chains.map((chain, c) => chain.sides.map((s, k) => (wanted[c]![k] ? readSide(ce, s) : undefined)));
  // After "substituting" or "we know", a chain may use facts of the problem (`a + b = 7`): not an identity to check.
  const identities = chains.flatMap((chain, c) => (SUBSTITUTED.test(step.slice(Math.max(0, chain.start - 80), chain.start)) ? [] : identityClaims(step, read[c]!)));
  return [...identities, ...solutionClaims(step, chains, read)];
}

/** Which sides a check could use, decided from the text alone (parsing is the slow part). */
function sidesWorthReading(chains: MathChain[]): boolean[][] {
  const vars = chains.map((chain) => chain.sides.map((s) => variablesOf(s.latex)?.join()));
  const wanted = chains.map((chain) => chain.sides.map(() => false));
  chains.forEach((chain, c) => {
    const v = vars[c]!;
    if (chain.sides.length >= 3) {
      for (let k = 0; k + 1 < v.length; k++) if (v[k] && v[k] === v[k + 1]) wanted[c]![k] = wanted[c]![k + 1] = true;
    }
    if (chain.sides.length === 2 && /^[a-z]$/.test(chain.sides[0]!.latex) && v[1] === '') {
      let e = c - 1;
      while (e >= 0 && isValueClaim(chains[e]!)) e--;
      if (e < 0 || chains[e]!.sides.length !== 2) return;
      const letters = new Set(vars[e]!.flatMap((x) => (x ? x.split(',') : [])));
      if (vars[e]!.some((x) => x === undefined) || letters.size !== 1 || !letters.has(chain.sides[0]!.latex)) return;
      wanted[c]![1] = wanted[e]![0] = wanted[e]![1] = true;
    }
  });
  return wanted;
}
