import { InvalidOptions } from '../errors';
import type { SearchBudget } from '../search/budget';
import type { StepProposer } from '../search/propose';
import { answersEqual, extractAnswer, normaliseAnswer } from '../steps/answers';
import { PrefixRollouts, type RolloutSet } from './progressRollouts';
import type { RolloutEvidence, Scorer, ScoreOptions, StepScore } from './scorer';

export const ESTIMATES = ['hard', 'soft'] as const;
export type Estimate = (typeof ESTIMATES)[number];

/** The progress scorer's settings (Math-Shepherd: K = 8 completions per step, hard estimate). */
export interface ProgressSettings {
  /** Completions rolled out after each prefix (K). */
  rollouts: number;
  /** hard: Q = 1 when any rollout reaches the answer; soft: the share that does. */
  estimate: Estimate;
  /** The reference answer; without it, the answer most rollouts from the problem reach. */
  answer?: string;
  seed: number;
  temperature: number;
  /** Most steps in a rolled-out solution. */
  maxDepth: number;
  budget: SearchBudget;
}

export const DEFAULT_PROGRESS: ProgressSettings = { rollouts: 8, estimate: 'hard', seed: 0, temperature: 0.8, maxDepth: 40, budget: {} };

/** Every check on the progress settings, with a sentence a user can act on. */
export function validateProgress(s: ProgressSettings): ProgressSettings {
  if (!Number.isInteger(s.rollouts) || s.rollouts < 1) throw new InvalidOptions(`The number of rollouts must be a whole number of at least 1 (got ${s.rollouts}).`);
  if (!(ESTIMATES as readonly string[]).includes(s.estimate)) throw new InvalidOptions(`Unknown estimate "${s.estimate}"; use hard or soft.`);
  if (!Number.isInteger(s.maxDepth) || s.maxDepth < 1) throw new InvalidOptions(`The maximum depth must be a whole number of at least 1 (got ${s.maxDepth}).`);
  if (!(s.temperature >= 0 && s.temperature <= 2)) throw new InvalidOptions(`The temperature must be between 0 and 2 (got ${s.temperature}).`);
  if (!Number.isInteger(s.seed)) throw new InvalidOptions(`The seed must be a whole number (got ${s.seed}).`);
  const b = s.budget;
  if (b.calls !== undefined && !(b.calls >= 1)) throw new InvalidOptions(`The call budget must allow at least 1 request (got ${b.calls}).`);
  if (b.tokens !== undefined && !(b.tokens > 0)) throw new InvalidOptions(`The token budget must be positive (got ${b.tokens}).`);
  if (b.ms !== undefined && !(b.ms > 0)) throw new InvalidOptions(`The time budget must be positive (got ${b.ms} ms).`);
  return s;
}

export interface ProgressScorerOptions extends ProgressSettings {
  proposer: StepProposer;
  /** Identifies the policy (provider, URL, model) in the cache key. */
  policyKey: string;
  concurrency: number;
}

interface Value {
  q: number;
  answers: string[];
  reached: number;
  ownAnswer?: boolean;
}

/**
 * Math-Shepherd's Monte-Carlo estimation with PAV's progress: step k is as good as the solutions the policy reaches
 * from steps 1..k. Q_k is whether any of K rollouts reaches the reference answer (hard) or the share that does
 * (soft); the evidence adds the progress Q_k − Q_(k−1), Q_(−1) being the rollouts from the problem alone.
 * A step that states a final answer is scored by that answer, with no rollout.
 */
export function createProgressScorer(opts: ProgressScorerOptions): Scorer {
  const pool = new PrefixRollouts({ ...opts, concurrency: opts.concurrency });
  const given = opts.answer?.trim() ? opts.answer.trim() : undefined;
  const method = `Monte-Carlo estimate from ${opts.rollouts} policy rollouts per prefix (${opts.estimate}: ${
    opts.estimate === 'hard' ? 'Q = 1 if any reaches the answer' : 'Q = share reaching the answer'
  }${given ? '' : '; the answer is the one most rollouts from the problem reach'})`;
  const abstain = (note: string): StepScore => ({ score: 0.5, scorer: 'progress', method, abstained: true, evidence: { note } });

  const estimate = (reached: number, total: number) => (opts.estimate === 'hard' ? (reached > 0 ? 1 : 0) : reached / total);

  /** Q after `prefix`, or undefined when no rollout finished under the budget. */
  async function valueAfter(problem: string, prefix: readonly string[], target: string, signal?: AbortSignal): Promise<Value | undefined> {
    const own = prefix.length ? extractAnswer(prefix[prefix.length - 1]) : undefined;
    if (own !== undefined) {
      const reached = answersEqual(own, target) ? 1 : 0;
      return { q: reached, answers: [own], reached, ownAnswer: true };
    }
    const set = await pool.after(problem, prefix, signal);
    if (set.answers.length === 0) return undefined;
    const reached = set.answers.filter((a) => answersEqual(a, target)).length;
    return { q: estimate(reached, set.answers.length), answers: set.answers, reached };
  }

  async function targetFor(problem: string, signal?: AbortSignal): Promise<{ target?: string; why?: string }> {
    if (given) return { target: given };
    const root = await pool.after(problem, [], signal);
    const target = majorityAnswer(root);
    if (target !== undefined) return { target };
    return {
      why: root.answers.length
        ? `no reference answer, and none of the ${root.answers.length} rollouts from the problem reached an answer: give one with --answer or an "Answer:" line`
        : `no reference answer, and the rollout budget ran out before any rollout from the problem finished`,
    };
  }

  async function scoreOne(problem: string, steps: readonly string[], k: number, signal?: AbortSignal): Promise<StepScore> {
    const { target, why } = await targetFor(problem, signal);
    if (target === undefined) return abstain(why!);
    const [now, before] = await Promise.all([
      valueAfter(problem, steps.slice(0, k + 1), target, signal),
      valueAfter(problem, steps.slice(0, k), target, signal),
    ]);
    if (!now) return abstain(`the rollout budget ran out before any rollout after step ${k + 1} finished`);
    const rollouts: RolloutEvidence = {
      answers: now.answers,
      reached: now.reached,
      target,
      targetFrom: given ? 'reference' : 'majority',
      estimate: opts.estimate,
      q: now.q,
      ...(before ? { previousQ: before.q, progress: now.q - before.q } : {}),
      ...(now.ownAnswer ? { ownAnswer: true } : {}),
    };
    return { score: now.q, scorer: 'progress', method, evidence: { rollouts, note: describeRollouts(rollouts) } };
  }

  return {
    name: 'progress',
    // The budget is in the key: an abstention for want of budget must not be remembered past a larger one.
    key: `progress:${opts.policyKey}:k${opts.rollouts}:${opts.estimate}:t${opts.temperature}:s${opts.seed}:d${opts.maxDepth}:b${JSON.stringify(opts.budget)}:a${given ?? ''}`,
    async score(problem: string, steps: readonly string[], options: ScoreOptions = {}): Promise<StepScore[]> {
      const which = options.which ?? steps.map((_, i) => i);
      return Promise.all(which.map((k) => scoreOne(problem, steps, k, options.signal)));
    },
  };
}

/** The most frequent answer among rollouts that reached one (first seen wins a tie), or undefined. */
export function majorityAnswer(set: RolloutSet): string | undefined {
  const counts = new Map<string, { answer: string; n: number }>();
  for (const a of set.answers) {
    if (!a.trim()) continue;
    const key = normaliseAnswer(a);
    const entry = counts.get(key) ?? { answer: a, n: 0 };
    entry.n++;
    counts.set(key, entry);
  }
  let best: { answer: string; n: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.n > best.n) best = entry;
  return best?.answer;
}

/** "5 of 8 rollouts reach 42: Q = 1 (hard); progress −0.25 (Q before 1)" */
export function describeRollouts(r: RolloutEvidence): string {
  const q = formatQ(r.q);
  const head = r.ownAnswer
    ? `the step states ${r.answers[0]}, ${r.reached ? 'the' : 'not the'} ${r.targetFrom === 'reference' ? 'reference' : 'majority'} answer ${r.target}: Q = ${q}`
    : `${r.reached} of ${r.answers.length} rollouts reach ${r.target}${r.targetFrom === 'majority' ? ' (the majority answer)' : ''}: Q = ${q} (${r.estimate})`;
  if (r.progress === undefined) return head;
  const sign = r.progress > 0 ? '+' : r.progress < 0 ? '−' : '±';
  return `${head}; progress ${sign}${formatQ(Math.abs(r.progress))} (Q before ${formatQ(r.previousQ!)})`;
}

const formatQ = (x: number) => String(Number(x.toFixed(3)));
