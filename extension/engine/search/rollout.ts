import { extractAnswer } from '../steps/answers';
import type { SearchContext } from './context';
import { seedFor } from './random';
import type { RolloutSummary, SearchNode } from './types';

/**
 * Rollout r from a node at depth d uses expansion number OFFSET·(d + 1) + r at every prefix it passes: far from the
 * tree's own expansion counts, and apart from rollouts of the node's ancestors that pass the same prefix.
 */
const ROLLOUT_SEED_OFFSET = 100_000;

interface RolloutEnd {
  answer: string;
  score: number;
}

/**
 * Plays `k` completions out from `node` (one step per request, up to the maximum depth, steps not scored) and
 * scores only each completion's final step. Undefined when the budget allowed no rollout at all.
 */
export async function rollOut(ctx: SearchContext, node: SearchNode, k: number): Promise<RolloutSummary | undefined> {
  const ends = (await Promise.all(Array.from({ length: k }, (_, r) => playOut(ctx, node, r)))).filter((e): e is RolloutEnd => e !== undefined);
  if (ends.length === 0) return undefined;
  ctx.stats.rollouts = (ctx.stats.rollouts ?? 0) + ends.length;
  return {
    count: ends.length,
    answers: ends.map((e) => e.answer),
    meanScore: ends.reduce((sum, e) => sum + e.score, 0) / ends.length,
  };
}

async function playOut(ctx: SearchContext, node: SearchNode, r: number): Promise<RolloutEnd | undefined> {
  if (ctx.shouldStop() || ctx.budget.remainingCalls() < 2) return undefined;
  // Hold one call for the final score, so parallel rollouts never spend it on more steps.
  ctx.budget.calls++;
  const texts = ctx.tree.pathTexts(node);
  let answer: string | undefined;
  while (texts.length < ctx.options.maxDepth && !ctx.shouldStop() && ctx.budget.remainingCalls() >= 1) {
    ctx.budget.calls++;
    const seedBase = seedFor(ctx.options.seed, ctx.req.problem, texts, ROLLOUT_SEED_OFFSET * (node.depth + 1) + r);
    const [step] = await ctx.proposeSteps(texts, 1, seedBase);
    if (!step?.text.trim()) {
      // The model had nothing more to write: the solution ended with the previous step.
      answer = extractAnswer(texts[texts.length - 1] ?? '');
      break;
    }
    texts.push(step.text);
    if (step.finished) {
      answer = step.answer ?? extractAnswer(step.text);
      break;
    }
  }
  ctx.budget.calls--; // released here; scorePath counts the call again unless the prefix is cached
  const score = await ctx.scorePath(texts);
  return { answer: answer ?? '', score: score.score };
}
