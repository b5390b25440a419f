import { STEP_DELIMITER } from '../search/propose';
import type { CorrectionSession } from './session';
import type { ScoredText } from './types';

const REVIEWER_PROMPT =
  'You review math solutions. A process reward model flagged the steps listed below as the least likely to be ' +
  'correct. Say precisely what is wrong in them (the wrong claim and the right one) in at most three sentences. ' +
  'Do not write a new solution.';

const REFINER_PROMPT =
  'You fix math solutions. Rewrite the solution from the step named below to the end, using the reviewer\'s ' +
  'feedback. Write each step as one paragraph starting with "## Step N:" and separate steps with a blank line. ' +
  'End with the final answer as \\boxed{answer}. Write only the rewritten steps.';

function numbered(steps: readonly ScoredText[]): string {
  return steps.map((s, i) => `Step ${i + 1} (score ${s.score.toFixed(2)}): ${s.text}`).join('\n\n');
}

/** The `count` lowest-scored steps, in solution order. */
export function lowestSteps(steps: readonly ScoredText[], count = 2): number[] {
  return steps
    .map((s, i) => ({ i, score: s.score }))
    .sort((a, b) => a.score - b.score || a.i - b.i)
    .slice(0, count)
    .map((x) => x.i)
    .sort((a, b) => a - b);
}

export interface RefineOutcome {
  feedback: string;
  steps: ScoredText[];
}

/** One MAgICoRe round: reviewer feedback aimed at the lowest-scored steps, then a refiner rewrite from `weak` on. */
export async function refineFrom(session: CorrectionSession, current: ScoredText[], weak: number): Promise<RefineOutcome | undefined> {
  const { req } = session;
  if (!req.provider || !req.model || session.spent() || session.budget.remainingCalls() < 3) return undefined;
  const flagged = lowestSteps(current).map((i) => `Step ${i + 1}`).join(', ');
  const review = await req.provider.generate({
    model: req.model,
    messages: [
      { role: 'system', content: REVIEWER_PROMPT },
      { role: 'user', content: `Problem:\n${req.problem}\n\nSolution:\n${numbered(current)}\n\nFlagged: ${flagged}.` },
    ],
    temperature: 0,
    seed: req.seed,
    maxTokens: 256,
    signal: req.signal,
  });
  session.countGeneration(review.usage.completionTokens);
  const feedback = review.text.trim();
  const keep = current.slice(0, weak);
  const rewrite = await req.provider.generate({
    model: req.model,
    messages: [
      { role: 'system', content: REFINER_PROMPT },
      {
        role: 'user',
        content:
          `Problem:\n${req.problem}\n\nSolution:\n${numbered(current)}\n\nReviewer feedback: ${feedback}\n\n` +
          `Keep steps 1 to ${weak} as they are and rewrite from Step ${weak + 1}.`,
      },
    ],
    temperature: req.temperature ?? 0.7,
    seed: session.nextSeed(keep.map((s) => s.text)),
    maxTokens: 1024,
    signal: req.signal,
  });
  session.countGeneration(rewrite.usage.completionTokens);
  const newSteps = rewrite.text.split(STEP_DELIMITER).map((s) => s.trim()).filter(Boolean);
  if (newSteps.length === 0) return undefined;
  const steps = await session.scoreAll([...keep.map((s) => s.text), ...newSteps]);
  return { feedback, steps };
}
