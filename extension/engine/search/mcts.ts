import type { SearchContext } from './context';
import { rollOut } from './rollout';
import type { SearchNode } from './types';

/** OpenR's PUCT schedule. */
const C_BASE = 19652;
const C_INIT = 1.25;

/**
 * Monte-Carlo tree search with PUCT. Each iteration: select a leaf, expand it with M candidate steps,
 * evaluate them (a node's value is its step's PRM score, blended with K rollouts when `mctsRollouts` is set),
 * and back the best value up the path.
 */
export async function mcts(ctx: SearchContext): Promise<void> {
  const iterations = ctx.options.mctsIterations ?? Math.max(8, ctx.options.n * 4);
  const exhausted = new Set<string>();
  ctx.tree.root.visits = 0;
  ctx.tree.root.value = 0;
  for (let i = 0; i < iterations && !ctx.shouldStop(); i++) {
    const leaf = select(ctx, exhausted);
    if (!leaf) return; // every branch is finished or pruned
    if (leaf.status === 'terminal') {
      backpropagate(ctx, leaf, leaf.score?.score ?? 0);
      continue;
    }
    const children = await expand(ctx, leaf);
    if (children.length === 0 && !ctx.stopReason) exhausted.add(leaf.id);
    backpropagate(ctx, leaf, await evaluate(ctx, children));
  }
}

function select(ctx: SearchContext, exhausted: Set<string>): SearchNode | undefined {
  let node = ctx.tree.root;
  for (;;) {
    if (node.status === 'terminal' || (node.status === 'open' && node !== ctx.tree.root)) return node;
    const options = ctx.tree.children(node).filter((c) => c.status !== 'pruned' && !exhausted.has(c.id));
    if (options.length === 0) {
      if (node === ctx.tree.root) return ctx.tree.root.visits === 0 ? node : undefined;
      exhausted.add(node.id);
      node = ctx.tree.root;
      continue;
    }
    node = bestByPuct(ctx, node, options);
  }
}

function bestByPuct(ctx: SearchContext, parent: SearchNode, children: SearchNode[]): SearchNode {
  const parentVisits = parent.visits ?? 0;
  const c = ctx.options.cPuct ?? Math.log((parentVisits + C_BASE + 1) / C_BASE) + C_INIT;
  const priors = priorsOf(children);
  let best = children[0];
  let bestValue = -Infinity;
  children.forEach((child, i) => {
    const visits = child.visits ?? 0;
    const q = visits > 0 ? (child.value ?? 0) / visits : 0;
    const u = c * priors[i] * Math.sqrt(parentVisits + 1) / (1 + visits);
    // Seeded jitter only breaks exact ties, so the walk repeats with the seed.
    const puct = q + u + ctx.random() * 1e-9;
    if (puct > bestValue) [best, bestValue] = [child, puct];
  });
  return best;
}

/** Policy priors from the step's mean token logprob when every sibling has one; uniform otherwise. */
function priorsOf(children: SearchNode[]): number[] {
  if (children.every((c) => c.confidence)) {
    const w = children.map((c) => Math.exp(c.confidence!.meanLogprob));
    const sum = w.reduce((a, b) => a + b, 0) || 1;
    return w.map((x) => x / sum);
  }
  return children.map(() => 1 / children.length);
}

async function expand(ctx: SearchContext, leaf: SearchNode): Promise<SearchNode[]> {
  if (leaf !== ctx.tree.root) ctx.update(leaf, 'expanded');
  return (await ctx.expand(leaf, ctx.options.beamWidth)).fresh;
}

/** The value of an expansion: its best child's value (0 when nothing survived). */
async function evaluate(ctx: SearchContext, children: SearchNode[]): Promise<number> {
  await Promise.all(children.map((child) => valueNode(ctx, child)));
  return children.reduce((best, c) => Math.max(best, c.value ?? 0), 0);
}

/** A new node's value is its PRM score; with rollouts, the mean of that and the score where its rollouts end. */
async function valueNode(ctx: SearchContext, node: SearchNode): Promise<void> {
  const own = node.score?.score ?? 0;
  node.visits = 1;
  node.value = own;
  const k = ctx.options.mctsRollouts ?? 0;
  // A finished solution is its own rollout.
  if (k === 0 || node.status !== 'open') return;
  const rollouts = await rollOut(ctx, node, k);
  if (!rollouts) return;
  node.rollouts = rollouts;
  node.value = (own + rollouts.meanScore) / 2;
  ctx.emitter.emit('node-updated', { node: { ...node } });
}

function backpropagate(ctx: SearchContext, leaf: SearchNode, value: number): void {
  for (let n: SearchNode | null = leaf; n; n = n.parentId ? ctx.tree.get(n.parentId) : null) {
    n.visits = (n.visits ?? 0) + 1;
    n.value = (n.value ?? 0) + value;
  }
}
