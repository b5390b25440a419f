import { extractAnswer, normaliseAnswer } from '../steps/answers';
import { verdictFor } from '../scorers/scorer';
import type { SearchContext } from './context';
import type { SearchResult, StopReason, Vote } from './types';

/** Majority and PRM-weighted votes over every complete solution with an answer. */
export function tallyVotes(solutions: { answer: string; score: number }[]): { majority: Vote[]; weighted: Vote[] } {
  const byAnswer = new Map<string, Vote>();
  for (const s of solutions) {
    const key = normaliseAnswer(s.answer);
    const vote = byAnswer.get(key) ?? { answer: s.answer, count: 0, weight: 0 };
    vote.count++;
    vote.weight += s.score;
    byAnswer.set(key, vote);
  }
  const votes = [...byAnswer.values()];
  return {
    majority: [...votes].sort((a, b) => b.count - a.count || b.weight - a.weight),
    weighted: [...votes].sort((a, b) => b.weight - a.weight || b.count - a.count),
  };
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
    steps: path.map((n) => ({ nodeId: n.id, text: n.text, score: n.score?.score ?? 0, verdict: verdictFor(n.score?.score ?? 0, { threshold }) })),
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
