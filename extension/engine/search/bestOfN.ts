import type { SearchContext } from './context';
import type { SearchNode } from './types';

/** N solutions, each written one step at a time and scored per step; the ranking and votes come after. */
export async function bestOfN(ctx: SearchContext): Promise<void> {
  ctx.solutionEnds = [];
  const { samples } = await ctx.expand(ctx.tree.root, ctx.options.n);
  await Promise.all(samples.map((first) => continueSolution(ctx, first)));
}

/** Greedy single-sample continuation until the solution ends, is pruned, or the budget runs out. */
async function continueSolution(ctx: SearchContext, node: SearchNode): Promise<void> {
  // A sample that duplicated another continues from the shared node with a fresh seed: N stays N.
  while (node.status !== 'terminal' && node.status !== 'pruned' && !ctx.shouldStop()) {
    ctx.update(node, 'expanded');
    const { samples } = await ctx.expand(node, 1);
    if (samples.length === 0) break;
    node = samples[0];
  }
  if (node.status === 'terminal') ctx.solutionEnds?.push(node);
}
