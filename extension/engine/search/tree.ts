import type { StepScore } from '../scorers/scorer';
import type { NodeStatus, SearchNode, StepConfidence } from './types';

/** Sibling steps that differ only in spacing are the same step. */
export function stepKey(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The search tree: nodes with stable ids in creation order, and the paths through them. */
export class SearchTree {
  readonly root: SearchNode;
  private readonly byId = new Map<string, SearchNode>();
  private readonly childIds = new Map<string, string[]>();
  private readonly expansions = new Map<string, number>();
  private nextId = 0;

  constructor(problem: string) {
    this.root = this.add(null, problem, {});
    this.root.status = 'expanded';
  }

  /** Reserves the next id now, so ids follow the order expansions start, not the order servers answer. */
  reserveId(): string {
    return `n${this.nextId++}`;
  }

  add(parent: SearchNode | null, text: string, extra: { id?: string; tokens?: number; confidence?: StepConfidence }): SearchNode {
    const node: SearchNode = {
      id: extra.id ?? this.reserveId(),
      parentId: parent?.id ?? null,
      depth: parent ? parent.depth + 1 : 0,
      text,
      status: 'open',
      tokens: extra.tokens ?? 0,
      ms: 0,
      ...(extra.confidence ? { confidence: extra.confidence } : {}),
    };
    this.byId.set(node.id, node);
    if (parent) this.childIds.set(parent.id, [...(this.childIds.get(parent.id) ?? []), node.id]);
    return node;
  }

  get(id: string): SearchNode {
    const node = this.byId.get(id);
    if (!node) throw new Error(`No node ${id} in the search tree.`);
    return node;
  }

  children(node: SearchNode): SearchNode[] {
    return (this.childIds.get(node.id) ?? []).map((id) => this.get(id));
  }

  /** An existing child of `parent` with the same step, other than duplicates themselves. */
  findSibling(parent: SearchNode, text: string): SearchNode | undefined {
    const key = stepKey(text);
    return this.children(parent).find((c) => !c.pruneReason?.startsWith('duplicate of') && stepKey(c.text) === key);
  }

  /** Root excluded: the nodes from the first step to `node`. */
  path(node: SearchNode): SearchNode[] {
    const path: SearchNode[] = [];
    for (let n: SearchNode | null = node; n && n.parentId !== null; n = n.parentId ? this.get(n.parentId) : null) path.unshift(n);
    return path;
  }

  pathTexts(node: SearchNode): string[] {
    return this.path(node).map((n) => n.text);
  }

  /** How many times `node` has been expanded so far (and counts this one). */
  nextExpansion(node: SearchNode): number {
    const k = this.expansions.get(node.id) ?? 0;
    this.expansions.set(node.id, k + 1);
    return k;
  }

  setScore(node: SearchNode, score: StepScore, pathScore: number): void {
    node.score = score;
    node.pathScore = pathScore;
  }

  setStatus(node: SearchNode, status: NodeStatus, reason?: string): void {
    node.status = status;
    if (status === 'pruned') node.pruneReason = reason;
    else delete node.pruneReason;
  }

  /** Every node, ordered by id number. */
  all(): SearchNode[] {
    return [...this.byId.values()].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
  }
}
