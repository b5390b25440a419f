/**
 * Accuracy versus N from one set of N samples per problem, for three selection rules.
 *
 * For each N' the accuracy is averaged over subsets of N' samples: every subset when there are at most
 * `maxSubsets` of them (exact), else `maxSubsets` random subsets drawn without replacement by a generator
 * seeded from (seed, problem id, N'). N' = N always uses all samples.
 */
import { InvalidOptions } from '../errors';
import { hashString, seededRandom, type Random } from '../search/random';
import { tallyVotes } from '../search/result';

/** One sampled solution as the selection rules see it. */
export interface Candidate {
  /** The final answer as written; undefined when the solution reached none (it never wins a vote). */
  answer?: string;
  correct: boolean;
  /** Aggregated PRM score of the solution. */
  score: number;
}

export const SELECTION_RULES = ['majority', 'prmBest', 'weighted'] as const;
export type SelectionRule = (typeof SELECTION_RULES)[number];

export const RULE_LABELS: Record<SelectionRule, string> = {
  majority: 'majority vote',
  prmBest: 'PRM-best',
  weighted: 'PRM-weighted vote',
};

/**
 * The candidate a rule picks among those with an answer (undefined when none has one).
 * majority: most votes, never the PRM (ties: first seen; `expectedCorrect` counts a tie as its expected value);
 * prmBest: highest score (ties: first); weighted: largest score sum per canonical answer (ties: first seen).
 */
export function selectCandidate(rule: SelectionRule, candidates: readonly Candidate[]): Candidate | undefined {
  const answered = candidates.filter((c): c is Candidate & { answer: string } => c.answer !== undefined);
  if (answered.length === 0) return undefined;
  if (rule === 'prmBest') return answered.reduce((best, c) => (c.score > best.score ? c : best));
  const votes = tallyVotes(answered.map((c) => ({ answer: c.answer, score: c.score })));
  const winner = (rule === 'majority' ? votes.majority : votes.weighted)[0];
  // tallyVotes keeps the first spelling of each answer: the first candidate with it represents the group.
  return answered.find((c) => c.answer === winner.answer);
}

/** How right a rule's pick is on average: a vote tied between k answers counts each at 1/k. */
export function expectedCorrect(rule: SelectionRule, candidates: readonly Candidate[]): number {
  const answered = candidates.filter((c): c is Candidate & { answer: string } => c.answer !== undefined);
  if (answered.length === 0) return 0;
  if (rule === 'prmBest') return selectCandidate(rule, answered)!.correct ? 1 : 0;
  const votes = tallyVotes(answered.map((c) => ({ answer: c.answer, score: c.score })));
  return (rule === 'majority' ? votes.majority : votes.weighted)
    .filter((v) => v.share > 0)
    .reduce((sum, v) => sum + (answered.find((c) => c.answer === v.answer)!.correct ? v.share : 0), 0);
}

/** 1, 2, 4, ... up to n, and n itself when it is not a power of two. */
export function budgetsUpTo(n: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new InvalidOptions(`N must be a whole number of at least 1 (got ${n}).`);
  const out: number[] = [];
  for (let k = 1; k <= n; k *= 2) out.push(k);
  if (out[out.length - 1] !== n) out.push(n);
  return out;
}

/** C(n, k), or Infinity once it passes `cap` (only the comparison with the cap matters). */
export function binomialUpTo(n: number, k: number, cap: number): number {
  let c = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) {
    c = (c * (n - k + i)) / i;
    if (c > cap) return Infinity;
  }
  return Math.round(c);
}

/** Every k-subset of 0..n-1, in lexicographic order. */
export function allSubsets(n: number, k: number): number[][] {
  const out: number[][] = [];
  const pick: number[] = [];
  const walk = (from: number) => {
    if (pick.length === k) return void out.push([...pick]);
    for (let i = from; i <= n - (k - pick.length); i++) {
      pick.push(i);
      walk(i + 1);
      pick.pop();
    }
  };
  walk(0);
  return out;
}

/** One uniformly random k-subset of 0..n-1 (partial Fisher-Yates), sorted. */
export function randomSubset(n: number, k: number, random: Random): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, k).sort((a, b) => a - b);
}

/** The subsets averaged over for one problem at size k, and whether they are all of them. */
export function subsetsFor(total: number, k: number, maxSubsets: number, random: Random): { subsets: number[][]; exact: boolean } {
  if (binomialUpTo(total, k, maxSubsets) <= maxSubsets) return { subsets: allSubsets(total, k), exact: true };
  return { subsets: Array.from({ length: maxSubsets }, () => randomSubset(total, k, random)), exact: false };
}

export interface CurvePoint {
  n: number;
  /** Accuracy in percent, averaged over problems and subsets. */
  majority: number;
  prmBest: number;
  weighted: number;
  /** Share (percent) of subsets holding at least one correct answer: the ceiling for any rule. */
  coverage: number;
  /** True when every subset of every problem was averaged over (no random draw). */
  exact: boolean;
}

export interface CurveOptions {
  /** Sizes N' to report (default 1, 2, 4, ... up to the samples per problem). */
  budgets?: number[];
  maxSubsets: number;
  seed: number;
}

/** Accuracy at each N' for the three rules, from the same samples. Problems with fewer samples than N' are skipped at that N'. */
export function accuracyCurve(problems: readonly { id: string; candidates: readonly Candidate[] }[], opts: CurveOptions): CurvePoint[] {
  if (!(Number.isInteger(opts.maxSubsets) && opts.maxSubsets >= 1)) throw new InvalidOptions(`The number of subsets must be at least 1 (got ${opts.maxSubsets}).`);
  const most = Math.max(0, ...problems.map((p) => p.candidates.length));
  if (most === 0) return [];
  const budgets = opts.budgets ?? budgetsUpTo(most);
  return budgets.map((k) => {
    const sums = { majority: 0, prmBest: 0, weighted: 0, coverage: 0 };
    let counted = 0;
    let exact = true;
    for (const p of problems) {
      if (p.candidates.length < k) continue;
      const random = seededRandom(hashString(`${opts.seed}\u0000${p.id}\u0000${k}`));
      const drawn = subsetsFor(p.candidates.length, k, opts.maxSubsets, random);
      exact &&= drawn.exact;
      // Counts first (halves for ties), one division per problem: 3 of 6 subsets is exactly 0.5.
      const hits = { majority: 0, prmBest: 0, weighted: 0, coverage: 0 };
      for (const subset of drawn.subsets) {
        const chosen = subset.map((i) => p.candidates[i]);
        for (const rule of SELECTION_RULES) hits[rule] += expectedCorrect(rule, chosen);
        if (chosen.some((c) => c.correct)) hits.coverage++;
      }
      for (const key of Object.keys(sums) as (keyof typeof sums)[]) sums[key] += hits[key] / drawn.subsets.length;
      counted++;
    }
    const pct = (v: number) => (counted ? (100 * v) / counted : 0);
    return { n: k, majority: pct(sums.majority), prmBest: pct(sums.prmBest), weighted: pct(sums.weighted), coverage: pct(sums.coverage), exact };
  });
}
