import type { ScoreOptions, Scorer, StepScore } from '../scorers/scorer';

/**
 * A step's score depends only on (scorer, problem, steps 0..k): each prefix is scored at most once per run.
 * Concurrent requests for the same prefix share one promise.
 */
export class ScoreCache {
  hits = 0;
  /** Scorer requests actually made. */
  requests = 0;
  private readonly entries = new Map<string, Promise<StepScore>>();
  /** Scores asked for ahead of their node (`warm`): the node's own lookup is not a cache hit. */
  private readonly warmed = new Set<string>();

  constructor(readonly scorer: Scorer) {}

  private keyOf(problem: string, steps: readonly string[], k: number): string {
    return JSON.stringify([this.scorer.key, problem, steps.slice(0, k + 1)]);
  }

  has(problem: string, steps: readonly string[]): boolean {
    return this.entries.has(this.keyOf(problem, steps, steps.length - 1));
  }

  /** Records scores obtained in one batch request (every step of a solution), so later prefixes reuse them. */
  prime(problem: string, steps: readonly string[], scores: readonly StepScore[]): void {
    scores.forEach((score, k) => this.entries.set(this.keyOf(problem, steps, k), Promise.resolve(score)));
  }

  /** Starts scoring `steps` before the search asks for it; the later `scoreLast` for it then counts as no hit. */
  warm(problem: string, steps: readonly string[], opts: ScoreOptions & { run?: <T>(fn: () => Promise<T>) => Promise<T> } = {}): Promise<StepScore> {
    const key = this.keyOf(problem, steps, steps.length - 1);
    const fresh = !this.entries.has(key);
    const pending = this.scoreLast(problem, steps, opts);
    if (fresh) {
      this.warmed.add(key);
      pending.catch(() => this.warmed.delete(key));
    } else this.hits--; // a lookup, not a use
    return pending;
  }

  /** The score of the last step of `steps`: one scorer request (`which: [k]`) unless cached. */
  scoreLast(problem: string, steps: readonly string[], opts: ScoreOptions & { run?: <T>(fn: () => Promise<T>) => Promise<T> } = {}): Promise<StepScore> {
    const k = steps.length - 1;
    const key = this.keyOf(problem, steps, k);
    const cached = this.entries.get(key);
    if (cached) {
      if (!this.warmed.delete(key)) this.hits++;
      return cached;
    }
    const request = async () => {
      this.requests++;
      const scores = await this.scorer.score(problem, steps, { which: [k], signal: opts.signal });
      if (scores.length !== 1) {
        throw new Error(`The ${this.scorer.name} scorer returned ${scores.length} scores for one step.`);
      }
      return scores[0];
    };
    const pending = opts.run ? opts.run(request) : request();
    this.entries.set(key, pending);
    // A failed or cancelled request must not poison later lookups.
    pending.catch(() => this.entries.delete(key));
    return pending;
  }
}
