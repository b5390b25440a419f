import { EmptySolution, throwIfAborted } from './errors';
import type { Aggregation } from './scorers/aggregate';
import type { Scorer, StepScore } from './scorers/scorer';
import type { Step } from './steps/types';
import { summariseSteps, verifiedStep, type VerifiedStep, type VerifyResult } from './verdicts';

export * from './verdicts';

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

/** Scores every step of a solution and finds the earliest wrong one; steps the scorer could not judge stay unscored. */
export async function verifySteps(req: VerifyRequest): Promise<VerifyResult> {
  if (req.steps.length === 0) throw new EmptySolution();
  throwIfAborted(req.signal);
  const texts = req.steps.map((s) => s.text);
  const toStep = (i: number, s: StepScore): VerifiedStep => {
    const verified = verifiedStep(req.steps[i], s, req.threshold);
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
  return summariseSteps(steps, { scorer: req.scorer.name, aggregation: req.aggregation, threshold: req.threshold, notes: req.notes });
}
