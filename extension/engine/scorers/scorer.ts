import { PromptTooLong } from '../errors';
import type { TokenLogprob } from '../providers/provider';

export const SCORER_NAMES = ['judge', 'plusminus', 'pooling', 'verbal', 'arithmetic', 'progress', 'reference'] as const;
export type ScorerName = (typeof SCORER_NAMES)[number];

/** A claim the arithmetic checker found in a step, and what it computed. */
export interface ArithmeticClaim {
  /** The claim as written, e.g. `18 - 6 = 12`. */
  expression: string;
  /** The value of the left side as computed. */
  computed: number;
  /** The value the step states. */
  stated: number;
  ok: boolean;
  /** Character range of the claim inside the step text. */
  start: number;
  end: number;
  /** Symbolic claims (identities, solutions of an equation): what was checked and found, in words. */
  note?: string;
}

/** Raw evidence behind a score, kept so a user can see why. */
export interface Evidence {
  /** Text the model wrote (a verdict, a critique). */
  text?: string;
  /** The answer-position alternatives and their logprobs (judge, plusminus). */
  top?: { token: string; logprob: number }[];
  /** The probability mass found on each side before normalising. */
  yesMass?: number;
  noMass?: number;
  /** Verbal: the sampled verdicts. */
  samples?: string[];
  /** Arithmetic: every claim checked. */
  claims?: ArithmeticClaim[];
  /** Pooling: the raw class probabilities [p_neg, p_pos]. */
  probs?: number[];
  tokens?: TokenLogprob[];
  /** Progress: what the policy's rollouts after this step reached (Math-Shepherd MC estimate, PAV progress). */
  rollouts?: RolloutEvidence;
  /** Reference-guided: the reference step this step corresponds to. */
  alignment?: AlignmentEvidence;
  /** Anything the user should know about how this score was obtained. */
  note?: string;
}

/** The rollouts behind a progress score. */
export interface RolloutEvidence {
  /** Each rollout's final answer in rollout order ("" when it stopped without one); the step's own when it states one. */
  answers: string[];
  /** How many of them reach `target`. */
  reached: number;
  /** The answer counted as success, and where it came from. */
  target: string;
  targetFrom: 'reference' | 'majority';
  estimate: 'hard' | 'soft';
  /** Q_k: 1 if any rollout reaches the target (hard) or the share that does (soft). */
  q: number;
  /** Q before this step (after the previous step, or from the problem alone), and the progress Q_k − Q_(k−1). */
  previousQ?: number;
  progress?: number;
  /** The step states a final answer itself: Q is whether that answer is the target, with no rollout. */
  ownAnswer?: boolean;
}

/** Which reference step a student step corresponds to (1-based), or null for none. */
export interface AlignmentEvidence {
  reference: number | null;
  /** The reference step's text, for showing side by side. */
  referenceText?: string;
}

export interface StepScore {
  /** In [0, 1]: the probability that the step is correct given the problem and the steps before it. */
  score: number;
  scorer: ScorerName;
  /** How the score was read, e.g. "P(yes) from top-20 logprobs of the first answer token". */
  method: string;
  evidence: Evidence;
  /** The arithmetic checker has nothing to say about some steps: then the score is neutral and `abstained` is set. */
  abstained?: boolean;
  /** A reason to doubt the step that no score expresses (an answer that appears from nowhere): its verdict is doubtful. */
  doubt?: string;
}

export interface ScoreOptions {
  /** Indices of the steps to score (default: every step). */
  which?: number[];
  signal?: AbortSignal;
}

/**
 * A process reward model. The score of step k depends only on the problem and steps 0..k,
 * never on later steps, so results can be cached by prefix.
 */
export interface Scorer {
  readonly name: ScorerName;
  /** Identifies scorer + model + settings; part of the cache key. */
  readonly key: string;
  /** Scores a whole path in one request (vLLM /pooling): ask for every step at once rather than one by one. */
  readonly batched?: boolean;
  /** One score per requested index, in the order of `which`. */
  score(problem: string, steps: readonly string[], opts?: ScoreOptions): Promise<StepScore[]>;
}

export type Verdict = 'ok' | 'doubtful' | 'wrong';

/** Scores at or above `threshold` are ok; below `threshold * doubtfulRatio`... see `verdictFor`. */
export interface VerdictThresholds {
  /** Below this a step is wrong (default 0.5). */
  threshold: number;
  /** Below this (and at or above `threshold`) a step is doubtful (default threshold + 0.25, capped at 0.9). */
  doubtful?: number;
}

export function verdictFor(score: number, t: VerdictThresholds): Verdict {
  if (score < t.threshold) return 'wrong';
  const doubtful = t.doubtful ?? Math.min(0.9, t.threshold + 0.25);
  return score < doubtful ? 'doubtful' : 'ok';
}

type ReadStep = (problem: string, steps: readonly string[], k: number, signal?: AbortSignal) => Promise<StepScore>;

/**
 * `score` for scorers that ask the model about one step at a time: every requested step gets its own request
 * (through `limit` when given), and a step too long for the model's context abstains with the reason rather than
 * being judged on a prompt the server would cut.
 */
export function scoreEachStep(scorer: ScorerName, method: string, read: ReadStep, limit: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn()) {
  const one: ReadStep = async (problem, steps, k, signal) => {
    try {
      return await read(problem, steps, k, signal);
    } catch (err) {
      if (err instanceof PromptTooLong) return { score: 0.5, scorer, method, abstained: true, evidence: { note: err.message } };
      throw err;
    }
  };
  return (problem: string, steps: readonly string[], options: ScoreOptions = {}): Promise<StepScore[]> => {
    const which = options.which ?? steps.map((_, i) => i);
    return Promise.all(which.map((k) => limit(() => one(problem, steps, k, options.signal))));
  };
}
