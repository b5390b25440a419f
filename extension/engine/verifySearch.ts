// The verification of a search's best path and of a solution after a correction: the same `VerifyResult` as
// `verifySteps`, so every view reads one shape and Solve never calls an unverified path verified.
import { abstention, type ScorerName, type StepScore } from './scorers/scorer';
import type { SearchNode, SearchResult } from './search/types';
import type { Step } from './steps/types';
import { summariseSteps, verifiedStep, type VerifiedStep, type VerifyResult } from './verdicts';

/** How the best path's steps are laid out when written into a document: one paragraph each. */
export const SOLUTION_STEP_SEPARATOR = '\n\n';

/**
 * The best path of a search as a verification: each step keeps the score the search gave it; a step the scorer
 * abstained on, or that was never scored (the search stopped first), has no verdict. Offsets are those of the
 * steps joined by `separator`, starting at `at`.
 */
export function verifySearchResult(
  result: Pick<SearchResult, 'bestPath' | 'nodes' | 'scorer' | 'aggregation' | 'strategy'>,
  opts: { threshold: number; at?: number; separator?: string; texts?: readonly string[] },
): VerifyResult {
  const byId = new Map(result.nodes.map((n) => [n.id, n]));
  const path = result.bestPath.map((id) => byId.get(id)).filter((n): n is SearchNode => n !== undefined && n.parentId !== null);
  const separator = opts.separator ?? SOLUTION_STEP_SEPARATOR;
  let offset = opts.at ?? 0;
  const steps = path.map((node, index): VerifiedStep => {
    const text = opts.texts?.[index] ?? node.text;
    const step: Step = { index, text, start: offset, end: offset + text.length };
    offset = step.end + separator.length;
    const score: StepScore = node.score ?? abstention(result.scorer, `scored during the ${result.strategy} search`, 'not scored: the search stopped before scoring this step');
    const verified = verifiedStep(step, score, opts.threshold);
    return { ...verified, evidence: { ...verified.evidence, note: verified.evidence.note ?? `Search node ${node.id}.` } };
  });
  const notes = path.length ? [] : ['The search reached no solution, so there is nothing to verify.'];
  return summariseSteps(steps, { scorer: result.scorer, aggregation: result.aggregation, threshold: opts.threshold, notes });
}

/**
 * A verification after `replacedCount` steps from `from` were rewritten (an applied correction): the new steps
 * carry the scores they got in context, later steps are renumbered, and every derived part is computed again.
 */
export function withReplacedSteps(result: VerifyResult, from: number, replacedCount: number, fresh: readonly VerifiedStep[]): VerifyResult {
  const after = result.steps.slice(from + replacedCount).map((s, k) => ({ ...s, index: from + fresh.length + k }));
  const steps = [...result.steps.slice(0, from), ...fresh.map((s, k) => ({ ...s, index: from + k })), ...after];
  return summariseSteps(steps, result);
}

/** A step of a correction as verified: its score from the same verifier, in the context of the steps before it. */
export function correctedStep(step: Step, score: number | StepScore, meta: { scorer: ScorerName; threshold: number }): VerifiedStep {
  const s: StepScore =
    typeof score === 'number'
      ? { score, scorer: meta.scorer, method: 'suggested correction, scored by the same verifier', evidence: { note: 'Replaced by Stepwise.' } }
      : score;
  return verifiedStep(step, s, meta.threshold);
}
