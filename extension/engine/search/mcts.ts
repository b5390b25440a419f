import type { SearchContext } from './context';
import { rollOut } from './rollout';
import type { SearchNode } from './types';

/** OpenR's PUCT schedule (`pb_c_base`, `pb_c_init`). */
const C_BASE = 19652;
const C_INIT = 1.25;
/** Iterations that spend no request in a row before the search gives up (every reachable leaf is finished). */
const IDLE_LIMIT = 200;

/**
 * Monte-Carlo tree search as OpenR's `SearchTree._simulate`: from the root, pick children by PUCT until a leaf; a
 * leaf seen for the second time is expanded (M samples, each scored: a child's initial value is its step's PRM
 * score) and the walk goes on into its best child. The leaf's own value is backed up the path (its initial value
 * on the first visit, its mean value after). A finished solution is a leaf that backs up its own value. Without
 * `mctsIterations` the search runs until a budget is spent or nothing is left to expand.
 */
export async function mcts(ctx: SearchContext): Promise<void> {
  const root = ctx.tree.root;
  root.visits = 0;
  root.value = 0;
  await expand(ctx, root);
  const limit = ctx.options.mctsIterations ?? (ctx.options.budget?.calls !== undefined ? Infinity : Math.max(8, ctx.options.n * 4));
  let idle = 0;
  for (let i = 0; i < limit && !ctx.shouldStop(); i++) {
    if (!hasOpenLeaf(ctx) && !(await widen(ctx))) return;
    const before = ctx.budget.calls;
    const leaf = await simulate(ctx);
    if (!leaf) return;
    backpropagate(ctx, leaf, leafValue(leaf));
    idle = ctx.budget.calls === before ? idle + 1 : 0;
    if (idle >= IDLE_LIMIT) return; // the walks keep ending on finished solutions: the search has settled
  }
}

/**
 * Every leaf is finished or dead but budget remains: OpenR would stop growing the tree here. Stepwise samples M
 * more steps after the most promising unfinished node (highest score, then deepest), so the budget keeps buying search.
 */
async function widen(ctx: SearchContext): Promise<boolean> {
  const candidates = ctx.tree
    .all()
    .filter((n) => n.status === 'expanded' && (n === ctx.tree.root || n.pathScore !== undefined))
    .sort((a, b) => initialValue(b) - initialValue(a) || b.depth - a.depth || Number(a.id.slice(1)) - Number(b.id.slice(1)));
  for (const node of candidates) {
    if (ctx.shouldStop()) return false;
    const before = ctx.tree.children(node).length;
    await expand(ctx, node);
    if (ctx.tree.children(node).length > before && hasOpenLeaf(ctx)) return true;
  }
  return false;
}

/** One walk from the root to a leaf, expanding the leaf it meets for the second time. */
async function simulate(ctx: SearchContext): Promise<SearchNode | undefined> {
  let node = ctx.tree.root;
  for (;;) {
    const children = live(ctx, node);
    if (children.length === 0) return node === ctx.tree.root ? undefined : node;
    node = bestByPuct(ctx, node, children);
    if (node.status === 'open' && (node.visits ?? 0) >= 1) await expand(ctx, node);
    if (node.status === 'terminal' || live(ctx, node).length === 0) return node;
  }
}

function live(ctx: SearchContext, node: SearchNode): SearchNode[] {
  return [...new Set(ctx.tree.children(node))].filter((c) => c.status !== 'pruned' && c.pathScore !== undefined);
}

/** OpenR `_ucb_score`: value + c(N) · prior · sqrt(N_parent) / (1 + N_child); an unvisited child's value is its PRM score. */
function bestByPuct(ctx: SearchContext, parent: SearchNode, children: SearchNode[]): SearchNode {
  const parentVisits = parent.visits ?? 0;
  const c = ctx.options.cPuct ?? Math.log((parentVisits + C_BASE + 1) / C_BASE) + C_INIT;
  const priors = priorsOf(children);
  let best = children[0];
  let bestValue = -Infinity;
  children.forEach((child, i) => {
    const u = (c * priors[i] * Math.sqrt(parentVisits)) / (1 + (child.visits ?? 0));
    // Seeded jitter only breaks exact ties, so the walk repeats with the seed.
    const puct = meanValue(child) + u + ctx.random() * 1e-9;
    if (puct > bestValue) [best, bestValue] = [child, puct];
  });
  return best;
}

/** OpenR `Node.value`: the initial value until visited, then the mean of what was backed up. */
function meanValue(node: SearchNode): number {
  const visits = node.visits ?? 0;
  return visits > 0 ? (node.value ?? 0) / visits : initialValue(node);
}

function initialValue(node: SearchNode): number {
  if (node.parentId === null) return 0;
  return node.rollouts ? (node.score!.score + node.rollouts.meanScore) / 2 : node.score?.score ?? 0;
}

/** The value a leaf backs up: its own, never its children's. */
function leafValue(leaf: SearchNode): number {
  return meanValue(leaf);
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

/** M samples after `node`, each scored; with `mctsRollouts`, each new child's value also weighs where its rollouts end. */
async function expand(ctx: SearchContext, node: SearchNode): Promise<void> {
  if (node !== ctx.tree.root) ctx.update(node, 'expanded');
  const { fresh } = await ctx.expand(node, ctx.options.beamWidth);
  const k = ctx.options.mctsRollouts ?? 0;
  if (k === 0) return;
  await Promise.all(
    fresh.filter((c) => c.status === 'open').map(async (child) => {
      const rollouts = await rollOut(ctx, child, k);
      if (!rollouts) return;
      child.rollouts = rollouts;
      ctx.emitter.emit('node-updated', { node: { ...child } });
    }),
  );
}

function hasOpenLeaf(ctx: SearchContext): boolean {
  return ctx.tree.all().some((n) => n.status === 'open' && n.pathScore !== undefined);
}

function backpropagate(ctx: SearchContext, leaf: SearchNode, value: number): void {
  for (let n: SearchNode | null = leaf; n; n = n.parentId ? ctx.tree.get(n.parentId) : null) {
    n.visits = (n.visits ?? 0) + 1;
    n.value = (n.value ?? 0) + value;
  }
}
