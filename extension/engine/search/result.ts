import { canonicalAnswer, extractAnswer } from '../steps/answers';
import { verdictFor } from '../scorers/scorer';
import type { SearchContext } from './context';
import type { SearchResult, StopReason, Vote } from './types';

/**
 * Majority and PRM-weighted votes over every complete solution with an answer, grouped by canonical form
 * (`canonicalAnswer`; the first spelling names the group). Plain majority never looks at PRM scores: answers tied
 * for the most votes share the win (`share` = 1/k each, the expected value of a fair tie-break), listed in the order
 * first seen. The weighted vote ranks by score sum, and splits exact ties the same way.
 */
export function tallyVotes(solutions: { answer: string; score: number }[]): { majority: Vote[]; weighted: Vote[] } {
  const byAnswer = new Map<string, Vote>();
  for (const s of solutions) {
    const key = canonicalAnswer(s.answer);
    const vote = byAnswer.get(key) ?? { answer: s.answer, count: 0, weight: 0, share: 0 };
    vote.count++;
    vote.weight += s.score;
    byAnswer.set(key, vote);
  }
  const votes = [...byAnswer.values()];
  return {
    majority: withShares([...votes].sort((a, b) => b.count - a.count), (v) => v.count),
    weighted: withShares([...votes].sort((a, b) => b.weight - a.weight), (v) => v.weight),
  };
}

/** Copies of the ranked votes with each top-tied answer's share of the win (1/k) and 0 for the rest. */
function withShares(ranked: Vote[], by: (v: Vote) => number): Vote[] {
  if (ranked.length === 0) return [];
  const top = by(ranked[0]);
  const tied = ranked.filter((v) => Math.abs(by(v) - top) <= 1e-12 * Math.max(1, Math.abs(top))).length;
  return ranked.map((v, i) => ({ ...v, share: i < tied ? 1 / tied : 0 }));
}

/** Freezes the tree into a JSON-ready result; marks the best path `selected` and unscored work as stopped. */
export function buildResult(ctx: SearchContext, stoppedBy: StopReason): SearchResult {
  const { tree, req } = ctx;
  for (const node of tree.all()) {
    if (node.parentId !== null && node.score === undefined && node.status === 'open') {
      ctx.prune(node, stoppedBy === 'cancelled' ? 'cancelled before it was scored' : 'budget spent before it was scored');
    }
  }
  const solutions = (ctx.solutionEnds ?? ctx.finishedNodes())
    .map((n) => ({ node: n, answer: n.answer ?? extractAnswer(n.text) }))
    .filter((s): s is { node: typeof s.node; answer: string } => s.answer !== undefined)
    .map((s) => ({ answer: s.answer, score: s.node.pathScore ?? 0 }));
  const best = ctx.best();
  const finished = best?.status === 'terminal';
  const path = best ? tree.path(best) : [];
  for (const node of path) ctx.update(node, 'selected');
  const threshold = ctx.options.threshold ?? 0.5;
  return {
    strategy: req.strategy,
    problem: req.problem,
    // Only a finished solution has an answer; a phrase in an unfinished step is not one.
    answer: (finished ? best!.answer ?? extractAnswer(best!.text) : undefined) ?? '',
    steps: path.map((n) =>
      n.score && !n.score.abstained
        ? { nodeId: n.id, text: n.text, score: n.score.score, verdict: verdictFor(n.score.score, { threshold }) }
        : { nodeId: n.id, text: n.text, score: null, verdict: 'unscored' as const },
    ),
    score: best?.pathScore ?? 0,
    aggregation: req.aggregation,
    scorer: req.scorer.name,
    bestPath: path.length ? ['n0', ...path.map((n) => n.id)] : [],
    nodes: tree.all().map((n) => ({ ...n })),
    stats: ctx.snapshotStats(),
    stoppedBy,
    ...(solutions.length ? { votes: tallyVotes(solutions) } : {}),
  };
}
