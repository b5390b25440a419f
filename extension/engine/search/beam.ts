import type { SearchContext } from './context';
import type { SearchNode } from './types';

/**
 * Beam search as search-and-learn's `_beam_search`: N samples per level, one per beam slot. Identical sibling samples
 * are one node, scored once, but that node keeps one slot per sample (its multiplicity), as search-and-learn's
 * duplicate beams do with `filter_duplicates` off. Finished samples leave the beam; the top N/M open slots are kept
 * and each is sampled M times, so active beams are duplicated back up to N. Stops when no beam is active (or at
 * the maximum depth).
 */
export async function beamSearch(ctx: SearchContext): Promise<void> {
  const { n, beamWidth } = ctx.options;
  const keep = n / beamWidth;
  const watch = { watchPartials: ctx.options.partialReject };
  let slots = (await ctx.expand(ctx.tree.root, n, watch)).samples;
  for (;;) {
    const ranked = rankSlots(ctx, slots);
    const kept = ranked.slice(0, keep);
    const keptNodes = new Set(kept);
    const distinctRanked = [...new Set(ranked)];
    distinctRanked.forEach((node) => {
      if (!keptNodes.has(node)) ctx.prune(node, `outside the beam (rank ${ranked.indexOf(node) + 1} of ${ranked.length})`);
    });
    if (kept.length === 0 || ctx.shouldStop()) return;
    // A node holding s of the kept slots is sampled s·M times: one request each, all in one level.
    const share = new Map<SearchNode, number>();
    for (const node of kept) share.set(node, (share.get(node) ?? 0) + 1);
    for (const node of share.keys()) ctx.update(node, 'expanded');
    const expansions = await Promise.all([...share].map(([node, s]) => ctx.expand(node, s * beamWidth, watch)));
    slots = expansions.flatMap((e) => e.samples);
  }
}

/** Open samples of this level, one entry per sample, best path score first (ties: earlier node first). */
function rankSlots(ctx: SearchContext, slots: SearchNode[]): SearchNode[] {
  const prefer = ctx.options.orderByConfidence;
  return slots
    .filter((s) => s.status === 'open')
    .map((node, i) => ({ node, i }))
    .sort(
      (a, b) =>
        (b.node.pathScore ?? -Infinity) - (a.node.pathScore ?? -Infinity) ||
        (prefer ? (b.node.confidence?.meanLogprob ?? -Infinity) - (a.node.confidence?.meanLogprob ?? -Infinity) : 0) ||
        Number(a.node.id.slice(1)) - Number(b.node.id.slice(1)) ||
        a.i - b.i,
    )
    .map((s) => s.node);
}
