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
  /**
   * The scorer could not judge the step (nothing to check, context overflow, an answer with no verdict): `score` is
   * then a neutral 0.5 that means nothing, the reason is in `evidence.note`, and the step has no verdict.
   */
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

/** `unscored`: the scorer abstained, so the step has no verdict; never a pass and never a wrong step. */
export type Verdict = 'ok' | 'doubtful' | 'wrong' | 'unscored';
/** The verdicts a score can earn. */
export type JudgedVerdict = Exclude<Verdict, 'unscored'>;

/** The reason the arithmetic checker gives for a step with no claim it can check (shown as "unchecked"). */
export const NOTHING_TO_CHECK = 'nothing to check';

/** A scorer's answer for a step it could not judge. */
export function abstention(scorer: ScorerName, method: string, note: string, evidence: Evidence = {}): StepScore {
  return { score: 0.5, scorer, method, abstained: true, evidence: { ...evidence, note } };
}

/** Scores at or above `threshold` are ok; below `threshold * doubtfulRatio`... see `verdictFor`. */
export interface VerdictThresholds {
  /** Below this a step is wrong (default 0.5). */
  threshold: number;
  /** Below this (and at or above `threshold`) a step is doubtful (default threshold + 0.25, capped at 0.9). */
  doubtful?: number;
}

export function verdictFor(score: number, t: VerdictThresholds): JudgedVerdict {
  if (score < t.threshold) return 'wrong';
  const doubtful = t.doubtful ?? Math.min(0.9, t.threshold + 0.25);
  return score < doubtful ? 'doubtful' : 'ok';
}

type ReadStep = (problem: string, steps: readonly string[], k: number, signal?: AbortSignal) => Promise<StepScore>;

/** Characters of the prompt that grow with k: the prompt for step k holds the problem and steps 0..k. */
const promptSize = (problem: string, steps: readonly string[], k: number) => steps.slice(0, k + 1).reduce((n, s) => n + s.length, problem.length);

/**
 * `score` for scorers that ask the model about one step at a time: every requested step gets its own request
 * (through `limit` when given), and a step too long for the model's context abstains with the reason rather than
 * being judged on a prompt the server would cut. Once a prompt overflowed, every prompt at least as long abstains
 * at once instead of being sent (later steps of a solution only grow).
 */
export function scoreEachStep(scorer: ScorerName, method: string, read: ReadStep, limit: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn()) {
  let overflow: { size: number; step: number; message: string } | undefined;
  const one: ReadStep = async (problem, steps, k, signal) => {
    const size = promptSize(problem, steps, k);
    if (overflow && size >= overflow.size) {
      return abstention(scorer, method, `Not sent: its prompt is at least as long as step ${overflow.step + 1}'s, which did not fit the context. ${overflow.message}`);
    }
    try {
      return await read(problem, steps, k, signal);
    } catch (err) {
      if (!(err instanceof PromptTooLong)) throw err;
      if (!overflow || size < overflow.size) overflow = { size, step: k, message: err.message };
      return abstention(scorer, method, err.message);
    }
  };
  return (problem: string, steps: readonly string[], options: ScoreOptions = {}): Promise<StepScore[]> => {
    const which = options.which ?? steps.map((_, i) => i);
    return Promise.all(which.map((k) => limit(() => one(problem, steps, k, options.signal))));
  };
}

/** Longest model text kept in evidence and messages; longer text is cut and its full length stated. */
export const MAX_MODEL_TEXT = 2000;

export function capModelText(text: string, max = MAX_MODEL_TEXT): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… [cut: ${text.length.toLocaleString('en-US')} characters in all]`;
}
