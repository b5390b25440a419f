import type { SearchContext } from './context';
import { byPathScore } from './rank';

/** Diverse verifier tree search: N/M independent subtrees; each expands M candidates per step and keeps its best. */
export async function dvts(ctx: SearchContext): Promise<void> {
  const subtrees = ctx.options.n / ctx.options.beamWidth;
  await Promise.all(Array.from({ length: subtrees }, () => greedySubtree(ctx)));
}

async function greedySubtree(ctx: SearchContext): Promise<void> {
  let node = ctx.tree.root;
  while (!ctx.shouldStop()) {
    const { samples, fresh } = await ctx.expand(node, ctx.options.beamWidth);
    const live = [...new Set(samples)].filter((s) => s.status !== 'pruned').sort(byPathScore(ctx.options.orderByConfidence));
    if (live.length === 0) return;
    const best = live[0];
    for (const other of fresh) if (other !== best && other.status === 'open') ctx.prune(other, `not the best of its subtree (${best.id} is)`);
    if (best.status === 'terminal') return;
    ctx.update(best, 'expanded');
    node = best;
  }
}
