import type { SearchContext } from './context';
import type { SearchNode } from './types';

/** OpenR's PUCT schedule. */
const C_BASE = 19652;
const C_INIT = 1.25;

/**
 * Monte-Carlo tree search with PUCT. Each iteration: select a leaf, expand it with M candidate steps,
 * evaluate them with the PRM (a node's value is its step's score), and back the best value up the path.
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
    backpropagate(ctx, leaf, evaluate(children));
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
  const { fresh } = await ctx.expand(leaf, ctx.options.beamWidth);
  for (const child of fresh) {
    child.visits = 1;
    child.value = child.score?.score ?? 0;
  }
  return fresh;
}

/** The value of an expansion: its best child's PRM score (0 when nothing survived). */
function evaluate(children: SearchNode[]): number {
  return children.reduce((best, c) => Math.max(best, c.score?.score ?? 0), 0);
}

function backpropagate(ctx: SearchContext, leaf: SearchNode, value: number): void {
  for (let n: SearchNode | null = leaf; n; n = n.parentId ? ctx.tree.get(n.parentId) : null) {
    n.visits = (n.visits ?? 0) + 1;
    n.value = (n.value ?? 0) + value;
  }
}
