import { hasBoxedAnswer } from '../steps/answers';
import type { CorrectionSession } from './session';
import type { ScoredText } from './types';

export interface ResampleOutcome {
  /** The best alternative for the weak step, if any differed from the original. */
  best?: ScoredText;
  /** The full candidate solution: prefix, best alternative, and the continuation to an answer. */
  steps?: ScoredText[];
  tried: number;
}

/** Samples alternatives for step `weak` from its prefix, keeps the best, and continues it to an answer. */
export async function resampleStep(session: CorrectionSession, current: ScoredText[], weak: number): Promise<ResampleOutcome> {
  const { req } = session;
  const prefix = current.slice(0, weak).map((s) => s.text);
  if (session.spent()) return { tried: 0 };
  const room = Math.floor(session.budget.remainingCalls() / 2);
  const k = Math.min(req.alternatives, room);
  if (k < 1) {
    session.stopReason = 'budget-calls';
    return { tried: 0 };
  }
  const proposals = await req.proposer.propose(req.problem, prefix, k, { signal: req.signal, seedBase: session.nextSeed(prefix), temperature: req.temperature });
  proposals.forEach((p) => session.countGeneration(p.usage.completionTokens));
  const original = current[weak].text.replace(/\s+/g, ' ').trim();
  const distinct = [...new Map(proposals.filter((p) => p.text.trim() && p.text.replace(/\s+/g, ' ').trim() !== original).map((p) => [p.text.trim(), p])).values()];
  if (distinct.length === 0) return { tried: proposals.length };
  const scored = await Promise.all(distinct.map(async (p) => ({ p, s: (await session.scoreAll([...prefix, p.text]))[weak] })));
  scored.sort((a, b) => b.s.score - a.s.score);
  const { p: bestProposal, s: best } = scored[0];
  const head = [...(await session.scoreAll(prefix)), best];
  const steps = bestProposal.finished ? head : await continueToAnswer(session, head);
  return { best, steps, tried: proposals.length };
}

/**
 * Writes the solution on step by step until it ends (a `\\boxed{}` answer, an empty step or the length limit, as in the
 * search; a phrase like "the answer is" does not end it): each step is the best-scored of a few samples.
 */
export async function continueToAnswer(session: CorrectionSession, head: ScoredText[]): Promise<ScoredText[]> {
  const { req } = session;
  const steps = [...head];
  const maxDepth = req.maxDepth ?? 20;
  while (steps.length < maxDepth && !hasBoxedAnswer(steps[steps.length - 1]?.text ?? '')) {
    const k = Math.min(req.alternatives, Math.floor(session.budget.remainingCalls() / 2));
    if (session.spent() || k < 1) {
      session.stopReason ??= 'budget-calls';
      break;
    }
    const texts = steps.map((s) => s.text);
    const proposals = await req.proposer.propose(req.problem, texts, k, { signal: req.signal, seedBase: session.nextSeed(texts), temperature: req.temperature });
    proposals.forEach((p) => session.countGeneration(p.usage.completionTokens));
    const distinct = [...new Map(proposals.filter((p) => p.text.trim()).map((p) => [p.text.trim(), p])).values()];
    if (distinct.length === 0) break;
    const scored = await Promise.all(distinct.map(async (p) => ({ p, s: (await session.scoreAll([...texts, p.text])).at(-1)! })));
    scored.sort((a, b) => b.s.score - a.s.score);
    steps.push(scored[0].s);
    if (scored[0].p.finished) break;
  }
  return steps;
}
