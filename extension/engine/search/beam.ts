import type { SearchContext } from './context';
import { byPathScore } from './rank';

/**
 * Beam search (search-and-learn): N candidates per step; the top N/M partial solutions are kept and each is
 * expanded M times to refill N. Stops when no beam is active or N solutions are complete.
 */
export async function beamSearch(ctx: SearchContext): Promise<void> {
  const { n, beamWidth } = ctx.options;
  const keep = n / beamWidth;
  const watch = { watchPartials: ctx.options.partialReject };
  let candidates = (await ctx.expand(ctx.tree.root, n, watch)).fresh;
  for (;;) {
    const live = candidates.filter((c) => c.status === 'open').sort(byPathScore(ctx.options.orderByConfidence));
    const kept = live.slice(0, keep);
    live.slice(keep).forEach((c, i) => ctx.prune(c, `outside the beam (rank ${keep + i + 1} of ${live.length})`));
    if (kept.length === 0 || ctx.finishedNodes().length >= n || ctx.shouldStop()) return;
    kept.forEach((beam) => ctx.update(beam, 'expanded'));
    const expansions = await Promise.all(kept.map((beam) => ctx.expand(beam, beamWidth, watch)));
    candidates = expansions.flatMap((e) => e.fresh);
  }
}
