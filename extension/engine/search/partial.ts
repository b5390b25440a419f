import type { SearchContext } from './context';
import type { ProposeOptions } from './propose';

/** A sample is stopped only when its partial step trails its best sibling's by this much (and is under rejectBelow). */
export const PARTIAL_MARGIN = 0.2;
/** Roughly a short step: how often a streaming sample's partial text is scored. */
export const PARTIAL_EVERY_TOKENS = 64;

/**
 * Scores the partial steps of one expansion's samples while they stream (`which: [k]` on the path ending in the
 * partial text) and stops the samples that are clearly losing, so they spend no more tokens.
 */
export class PartialRejecter {
  private readonly controllers: AbortController[];
  private readonly latest: (number | undefined)[];
  private readonly scoring: boolean[];
  /** Why sample i was stopped, once it was. */
  readonly reasons: (string | undefined)[];

  constructor(
    private readonly ctx: SearchContext,
    private readonly prefix: readonly string[],
    samples: number,
    private readonly rejectBelow: number,
  ) {
    this.controllers = Array.from({ length: samples }, () => new AbortController());
    this.latest = Array.from({ length: samples }, () => undefined);
    this.scoring = this.latest.map(() => false);
    this.reasons = this.latest.map(() => undefined);
  }

  hooks(): Pick<ProposeOptions, 'onPartial' | 'partialEvery' | 'sampleSignals'> {
    return {
      onPartial: (i, text) => this.onPartial(i, text),
      partialEvery: PARTIAL_EVERY_TOKENS,
      sampleSignals: this.controllers.map((c) => c.signal),
    };
  }

  private onPartial(i: number, text: string): void {
    const step = text.trim();
    // One partial score per sample at a time, and never the calls the finished samples' own scores need.
    if (!step || this.scoring[i] || this.controllers[i].signal.aborted || this.ctx.budget.remainingCalls() <= this.ctx.unscoredSamples) return;
    this.scoring[i] = true;
    // Outside the shared limit: the streams being judged may hold every slot. At most one extra request per stream.
    this.ctx.scorePath([...this.prefix, step], { outsideLimit: true }).then(
      (score) => {
        this.scoring[i] = false;
        this.latest[i] = score.score;
        this.judge(i);
      },
      // A failed partial score only means no early stop; a cancelled run is reported by the expansion itself.
      () => (this.scoring[i] = false),
    );
  }

  private judge(i: number): void {
    const own = this.latest[i]!;
    const rivals = this.latest.filter((s, j): s is number => j !== i && s !== undefined && !this.controllers[j].signal.aborted);
    if (rivals.length === 0 || own >= this.rejectBelow || own >= Math.max(...rivals) - PARTIAL_MARGIN) return;
    this.reasons[i] = `aborted while writing: partial score ${own.toFixed(2)}`;
    this.controllers[i].abort();
  }
}
