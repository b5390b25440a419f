import pLimit from 'p-limit';
import { throwIfAborted } from '../errors';
import { BudgetTracker, type SearchBudget } from '../search/budget';
import type { StepProposer } from '../search/propose';
import { seedFor } from '../search/random';
import { extractAnswer } from '../steps/answers';

/**
 * The search's rollout seeds (search/rollout.ts): rollout r after a prefix of d steps draws expansion
 * OFFSET·(d + 1) + r at every prefix it passes, so rollouts of one prefix differ and repeat across runs.
 */
const ROLLOUT_SEED_OFFSET = 100_000;

export interface RolloutOptions {
  proposer: StepProposer;
  /** Completions per prefix (K). */
  rollouts: number;
  /** Most steps in a rolled-out solution, prefix included. */
  maxDepth: number;
  seed: number;
  temperature: number;
  /** Parallel policy requests over every prefix. */
  concurrency: number;
  budget: SearchBudget;
}

/** The rollouts after one prefix. */
export interface RolloutSet {
  /** Final answers of the rollouts that finished under the budget ("" for one that ended without an answer). */
  answers: string[];
  /** Rollouts the budget cut short or never started: they count neither way. */
  cut: number;
}

/**
 * Plays K completions out from solution prefixes with the policy model, one step per request as the search
 * does. Each prefix is rolled out once per run: concurrent and later askers share the same promise.
 */
export class PrefixRollouts {
  readonly budget: BudgetTracker;
  private readonly sets = new Map<string, Promise<RolloutSet>>();
  private readonly limit: <T>(fn: () => Promise<T>) => Promise<T>;

  constructor(private readonly opts: RolloutOptions) {
    this.budget = new BudgetTracker(opts.budget);
    const limit = pLimit(Math.max(1, opts.concurrency));
    this.limit = (fn) => limit(fn);
  }

  after(problem: string, prefix: readonly string[], signal?: AbortSignal): Promise<RolloutSet> {
    const key = JSON.stringify([problem, prefix]);
    const known = this.sets.get(key);
    if (known) return known;
    const pending = this.rollAll(problem, prefix, signal);
    this.sets.set(key, pending);
    // A cancelled or failed set must not poison a later run over the same prefix.
    pending.catch(() => this.sets.delete(key));
    return pending;
  }

  private async rollAll(problem: string, prefix: readonly string[], signal?: AbortSignal): Promise<RolloutSet> {
    const ends = await Promise.all(Array.from({ length: this.opts.rollouts }, (_, r) => this.playOut(problem, prefix, r, signal)));
    const answers = ends.filter((a): a is string => a !== undefined);
    return { answers, cut: ends.length - answers.length };
  }

  /** One completion to a final answer; undefined when the budget stopped it before it ended. */
  private async playOut(problem: string, prefix: readonly string[], r: number, signal?: AbortSignal): Promise<string | undefined> {
    const texts = [...prefix];
    const expansion = ROLLOUT_SEED_OFFSET * (prefix.length + 1) + r;
    while (texts.length < this.opts.maxDepth) {
      throwIfAborted(signal);
      if (this.budget.exhausted() || this.budget.remainingCalls() < 1) return undefined;
      this.budget.calls++; // reserved before the await, so parallel rollouts never overspend the call budget
      const seedBase = seedFor(this.opts.seed, problem, texts, expansion);
      const [step] = await this.opts.proposer.propose(problem, texts, 1, { signal, seedBase, temperature: this.opts.temperature, schedule: this.limit });
      this.budget.tokens += step?.usage.completionTokens ?? 0;
      if (!step?.text.trim()) return '';
      texts.push(step.text);
      if (step.finished) return step.answer ?? extractAnswer(step.text) ?? '';
    }
    return ''; // the maximum depth without an answer: a rollout that failed
  }
}
