import { aggregate } from '../scorers/aggregate';
import { BudgetTracker } from '../search/budget';
import { ScoreCache } from '../search/cache';
import { seedFor } from '../search/random';
import type { StopReason } from '../search/types';
import { Cancelled } from '../errors';
import type { CorrectRequest, ScoredText } from './types';

/** Shared state of one correction: scores cached by prefix, calls and tokens counted against the budget. */
export class CorrectionSession {
  readonly cache: ScoreCache;
  readonly budget: BudgetTracker;
  generationCalls = 0;
  scoringCalls = 0;
  stopReason: StopReason | undefined;
  private expansions = 0;

  constructor(readonly req: CorrectRequest) {
    this.cache = new ScoreCache(req.scorer);
    this.budget = new BudgetTracker(req.budget ?? {});
  }

  /** True when no more model work may start. */
  spent(): boolean {
    if (this.req.signal?.aborted) throw new Cancelled();
    this.stopReason ??= this.budget.exhausted();
    return this.stopReason !== undefined;
  }

  countGeneration(completionTokens: number): void {
    this.generationCalls++;
    this.budget.calls++;
    this.budget.tokens += completionTokens;
  }

  nextSeed(prefix: readonly string[]): number {
    return seedFor(this.req.seed ?? 0, this.req.problem, prefix, this.expansions++);
  }

  /** Scores every step of `steps`; prefixes seen before cost nothing. */
  async scoreAll(steps: readonly string[]): Promise<ScoredText[]> {
    const out: ScoredText[] = [];
    const pending = steps.map((_, k) => {
      const prefix = steps.slice(0, k + 1);
      if (!this.cache.has(this.req.problem, prefix)) {
        this.scoringCalls++;
        this.budget.calls++;
      }
      return this.cache.scoreLast(this.req.problem, prefix, { signal: this.req.signal });
    });
    const scores = await Promise.all(pending);
    steps.forEach((text, k) => out.push({ text, score: scores[k].score }));
    return out;
  }

  solutionScore(steps: readonly ScoredText[]): number {
    return steps.length ? aggregate(steps.map((s) => s.score), this.req.aggregation) : 0;
  }
}

/** The first step under the threshold, else the lowest-scored one. */
export function weakestStep(steps: readonly ScoredText[], threshold: number): number {
  const first = steps.findIndex((s) => s.score < threshold);
  if (first >= 0) return first;
  return steps.reduce((low, s, i) => (s.score < steps[low].score ? i : low), 0);
}
