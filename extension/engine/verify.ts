import { EmptySolution, throwIfAborted } from './errors';
import { aggregate, type Aggregation } from './scorers/aggregate';
import { verdictFor, type Scorer, type ScorerName, type StepScore, type Verdict } from './scorers/scorer';
import type { Step } from './steps/types';

export interface VerifiedStep extends Step {
  score: number;
  verdict: Verdict;
  scorer: ScorerName;
  method: string;
  evidence: StepScore['evidence'];
  abstained?: boolean;
}

export interface VerifyResult {
  steps: VerifiedStep[];
  /** 0-based index of the earliest wrong step, or -1. */
  firstError: number;
  solutionScore: number;
  scorer: ScorerName;
  aggregation: Aggregation;
  threshold: number;
  /** Things the user should know (fallbacks taken, estimates made). */
  notes: string[];
}

export interface VerifyRequest {
  problem: string;
  steps: readonly Step[];
  scorer: Scorer;
  threshold: number;
  aggregation: Aggregation;
  notes?: string[];
  signal?: AbortSignal;
  /** Called as each step's score arrives (order of arrival). */
  onStep?: (step: VerifiedStep) => void;
}

/** Scores every step of a solution and finds the earliest wrong one. */
export async function verifySteps(req: VerifyRequest): Promise<VerifyResult> {
  if (req.steps.length === 0) throw new EmptySolution();
  throwIfAborted(req.signal);
  const texts = req.steps.map((s) => s.text);
  const toStep = (i: number, s: StepScore): VerifiedStep => {
    const step = req.steps[i];
    const verdict = verdictFor(s.score, { threshold: req.threshold });
    const verified: VerifiedStep = {
      ...step,
      score: s.score,
      // A scorer's doubt (an answer from nowhere) is its verdict, whatever the threshold.
      verdict: s.doubt ? 'doubtful' : verdict,
      scorer: s.scorer,
      method: s.method,
      evidence: s.evidence,
      ...(s.abstained ? { abstained: true } : {}),
    };
    req.onStep?.(verified);
    return verified;
  };
  let steps: VerifiedStep[];
  if (req.scorer.batched) {
    const scores = await req.scorer.score(req.problem, texts, { signal: req.signal });
    steps = scores.map((s, i) => toStep(i, s));
  } else {
    // One request per step, so each score shows as soon as it arrives; the scorer bounds the concurrency.
    steps = await Promise.all(
      texts.map(async (_, i) => toStep(i, (await req.scorer.score(req.problem, texts, { which: [i], signal: req.signal }))[0])),
    );
  }
  return {
    steps,
    firstError: steps.findIndex((s) => s.verdict === 'wrong'),
    // A step the scorer could not judge says nothing about the solution (unless no step could be judged).
    solutionScore: aggregate((steps.some((s) => !s.abstained) ? steps.filter((s) => !s.abstained) : steps).map((s) => s.score), req.aggregation),
    scorer: req.scorer.name,
    aggregation: req.aggregation,
    threshold: req.threshold,
    notes: req.notes ?? [],
  };
}
