import { InvalidOptions } from '../errors';
import { extractAnswer } from '../steps/answers';
import { refineFrom } from './refine';
import { resampleStep } from './resample';
import { CorrectionSession, weakestStep } from './session';
import type { CorrectionResult, CorrectionRound, CorrectRequest, ScoredText } from './types';

export type { CorrectionResult, CorrectionRound, CorrectRequest, ScoredText } from './types';

function validate(req: CorrectRequest): void {
  if (req.steps.length === 0) throw new InvalidOptions('There is no solution to correct: write the steps after the problem.');
  if (!Number.isInteger(req.alternatives) || req.alternatives < 1) throw new InvalidOptions(`alternatives must be a whole number of at least 1 (got ${req.alternatives}).`);
  if (!Number.isInteger(req.rounds) || req.rounds < 1) throw new InvalidOptions(`rounds must be a whole number of at least 1 (got ${req.rounds}).`);
  if (req.weakIndex !== undefined && !(Number.isInteger(req.weakIndex) && req.weakIndex >= 0 && req.weakIndex < req.steps.length)) {
    throw new InvalidOptions(`Step ${req.weakIndex + 1} does not exist: the solution has ${req.steps.length} steps.`);
  }
  if (!(req.threshold >= 0 && req.threshold <= 1)) throw new InvalidOptions(`The threshold must be between 0 and 1 (got ${req.threshold}).`);
}

const fmt = (x: number) => x.toFixed(2);

/**
 * Finds the weak step of a solution and tries to fix it: resample it from its prefix (and, with a provider and
 * model, a reviewer/refiner rewrite), continue the best candidate to an answer, keep it only if the whole solution
 * scores higher. Repeats for `rounds` rounds while some step is under the threshold.
 */
export async function correctSolution(req: CorrectRequest): Promise<CorrectionResult> {
  validate(req);
  const started = Date.now();
  const session = new CorrectionSession(req);
  const batch = await req.scorer.score(req.problem, req.steps, { signal: req.signal });
  session.scoringCalls++;
  session.budget.calls++;
  session.cache.prime(req.problem, req.steps, batch);
  const originalSteps: ScoredText[] = req.steps.map((text, i) => ({ text, score: batch[i].score }));
  const originalScore = session.solutionScore(originalSteps);
  const firstWeak = req.weakIndex ?? weakestStep(originalSteps, req.threshold);
  let current = originalSteps;
  let currentScore = originalScore;
  let bestAlternative: ScoredText | undefined;
  let lastFeedback: string | undefined;
  const rounds: CorrectionRound[] = [];

  for (let round = 1; round <= req.rounds; round++) {
    if (round > 1 && current.every((s) => s.score >= req.threshold)) break;
    if (session.spent()) break;
    const weak = round === 1 ? firstWeak : weakestStep(current, req.threshold);
    const candidates: Omit<CorrectionRound, 'round' | 'accepted'>[] = [];
    const resampled = await resampleStep(session, current, weak);
    if (round === 1 && resampled.best) bestAlternative = resampled.best;
    if (resampled.steps) candidates.push({ weakIndex: weak, method: 'resample', steps: resampled.steps, score: session.solutionScore(resampled.steps) });
    const refined = await refineFrom(session, current, weak);
    if (refined) candidates.push({ weakIndex: weak, method: 'refine', feedback: refined.feedback, steps: refined.steps, score: session.solutionScore(refined.steps) });
    if (candidates.length === 0) break;
    candidates.sort((a, b) => b.score - a.score);
    const pick = candidates[0];
    const accepted = pick.score > currentScore;
    rounds.push({ round, ...pick, accepted });
    if (!accepted) break;
    current = pick.steps;
    currentScore = pick.score;
    lastFeedback = pick.feedback ?? lastFeedback;
  }

  const improved = currentScore > originalScore;
  const original = originalSteps[firstWeak];
  const why = req.weakIndex !== undefined ? `was chosen (score ${fmt(original.score)})` : original.score < req.threshold ? `scored ${fmt(original.score)}, below ${fmt(req.threshold)}` : `scored lowest (${fmt(original.score)}; every step passes ${fmt(req.threshold)})`;
  const replacement = improved ? current[firstWeak] ?? original : bestAlternative ?? original;
  let reason: string;
  if (improved) {
    reason = `Step ${firstWeak + 1} ${why}. ${lastFeedback ? `Reviewer: ${lastFeedback}` : `The best of ${req.alternatives} alternatives scored ${fmt(replacement.score)}.`} The solution now scores ${fmt(currentScore)} (was ${fmt(originalScore)}).`;
  } else if (rounds.length === 0 && !bestAlternative) {
    reason = `Step ${firstWeak + 1} ${why}, but ${session.stopReason ? 'the budget ran out before' : 'the model proposed nothing different'} — the original is kept.`;
  } else {
    reason = `Step ${firstWeak + 1} ${why}. No alternative beat the original: the best corrected solution scored ${fmt(Math.max(...rounds.map((r) => r.score), 0))}, the original ${fmt(originalScore)} — the original is kept.`;
  }
  const final = improved ? current : originalSteps;
  const answer = extractAnswer(final[final.length - 1]?.text ?? '');
  return {
    weakIndex: firstWeak,
    original,
    replacement,
    tail: improved ? current.slice(firstWeak + 1) : [],
    reason,
    ...(answer !== undefined ? { answer } : {}),
    improved,
    rounds,
    originalScore,
    correctedScore: currentScore,
    steps: final,
    stoppedBy: session.stopReason ?? 'done',
    stats: {
      calls: session.generationCalls + session.scoringCalls,
      scoringCalls: session.scoringCalls,
      generationCalls: session.generationCalls,
      completionTokens: session.budget.tokens,
      cacheHits: session.cache.hits,
      wallMs: Date.now() - started,
    },
  };
}
