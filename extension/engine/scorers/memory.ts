import { createHash } from 'node:crypto';
import type { Scorer, ScoreOptions, StepScore } from './scorer';

/**
 * Step scores remembered across runs (a session in the editor): a step's score depends only on the scorer,
 * the problem and steps 1..k, so after an edit only the edited step and those after it are scored again.
 */
export class ScoreMemory {
  hits = 0;
  misses = 0;
  private readonly entries = new Map<string, StepScore>();

  constructor(readonly capacity = 20_000) {}

  static keyOf(scorerKey: string, problem: string, steps: readonly string[], k: number): string {
    const h = createHash('sha256').update(scorerKey).update('\0').update(problem);
    for (let i = 0; i <= k; i++) h.update('\0').update(steps[i]);
    return h.digest('base64');
  }

  get(key: string): StepScore | undefined {
    const found = this.entries.get(key);
    if (found) {
      // Refresh its place: the least recently used entry goes first.
      this.entries.delete(key);
      this.entries.set(key, found);
    }
    return found;
  }

  set(key: string, score: StepScore): void {
    this.entries.set(key, score);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The same scorer, asking its model only for steps whose prefix it has not scored before. */
export function rememberScores(scorer: Scorer, memory: ScoreMemory): Scorer {
  return {
    name: scorer.name,
    key: scorer.key,
    batched: scorer.batched,
    async score(problem: string, steps: readonly string[], opts: ScoreOptions = {}): Promise<StepScore[]> {
      const which = opts.which ?? steps.map((_, i) => i);
      const keys = which.map((k) => ScoreMemory.keyOf(scorer.key, problem, steps, k));
      const found = keys.map((key) => memory.get(key));
      const missing = which.filter((_, i) => !found[i]);
      memory.hits += which.length - missing.length;
      memory.misses += missing.length;
      if (missing.length > 0) {
        const fresh = await scorer.score(problem, steps, { ...opts, which: missing });
        let next = 0;
        found.forEach((score, i) => {
          if (score) return;
          found[i] = fresh[next++];
          // Abstentions and verbal estimates are kept too: asking again would cost as much and say as little.
          memory.set(keys[i], found[i]!);
        });
      }
      return found as StepScore[];
    },
  };
}
