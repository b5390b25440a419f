// The one fold of the engine's search event stream, shared by the tree view host and the panel webview.
// Imports only protocol types (the webview bundles it); JSON-ready through snapshot()/fromSnapshot().
import type { SearchEvent, SearchNode, SearchResult, SearchStats } from './protocol';

export interface SearchSnapshot {
  problem: string;
  strategy: string;
  threshold: number;
  nodes: SearchNode[];
  bestPath: string[];
  bestScore?: number;
  stats?: SearchStats;
  result?: SearchResult;
  failed?: string;
  /** No document behind it (restored after a reload, or opened from a trace): it can be copied, not inserted. */
  restored?: boolean;
}

export interface SearchRow {
  node: SearchNode;
  onBestPath: boolean;
}

export class SearchReducer {
  private readonly list: SearchNode[] = [];
  private readonly byId = new Map<string, number>();
  private readonly kids = new Map<string | null, string[]>();
  bestPath: string[] = [];
  private bestSet = new Set<string>();
  bestScore: number | undefined;
  stats: SearchStats | undefined;
  result: SearchResult | undefined;
  /** Why the search ended without a result (an error or a cancel). */
  failed: string | undefined;
  restored = false;
  /** Bumped whenever a node, the shape or the best path changes, so views re-render only when needed. */
  version = 0;
  private rowCache: { version: number; rows: SearchRow[] } | undefined;

  constructor(
    readonly problem: string,
    readonly strategy: string,
    readonly threshold = 0.5,
  ) {}

  static fromResult(result: SearchResult, threshold = 0.5): SearchReducer {
    const r = new SearchReducer(result.problem, result.strategy, threshold);
    r.finish(result);
    return r;
  }

  static fromSnapshot(s: SearchSnapshot): SearchReducer {
    const r = new SearchReducer(s.problem, s.strategy, s.threshold);
    for (const n of s.nodes) r.put(n);
    r.setBestPath(s.bestPath, s.bestScore);
    r.stats = s.stats;
    r.failed = s.failed;
    r.restored = !!s.restored;
    if (s.result) r.finish(s.result);
    return r;
  }

  snapshot(): SearchSnapshot {
    const { problem, strategy, threshold, bestPath, bestScore, stats, result, failed, restored } = this;
    // The result repeats every node; keep one copy.
    return { problem, strategy, threshold, nodes: result ? [] : this.list, bestPath, bestScore, stats, result, failed, restored };
  }

  get nodes(): readonly SearchNode[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  node(id: string): SearchNode | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.list[i];
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  isOnBestPath(id: string): boolean {
    return this.bestSet.has(id);
  }

  /** Applies events in order; returns whether anything a view shows changed. */
  apply(events: SearchEvent | readonly SearchEvent[]): boolean {
    const before = this.version;
    for (const e of Array.isArray(events) ? events : [events as SearchEvent]) this.applyOne(e);
    return this.version !== before;
  }

  private applyOne(e: SearchEvent): void {
    switch (e.type) {
      case 'started':
        return;
      case 'node-added':
      case 'node-updated':
        return this.put(e.node);
      case 'node-scored': {
        const n = this.node(e.id);
        if (n) this.put({ ...n, score: e.score, pathScore: e.pathScore });
        return;
      }
      case 'node-pruned': {
        const n = this.node(e.id);
        if (n) this.put({ ...n, status: 'pruned', pruneReason: e.reason });
        return;
      }
      case 'best-path':
        return this.setBestPath(e.ids, e.score);
      case 'stats':
        // Counters only: views read them on their own refresh, no re-render of the tree.
        this.stats = e.stats;
        return;
      case 'finished':
        return this.finish(e.result);
    }
  }

  finish(result: SearchResult): void {
    this.result = result;
    this.failed = undefined;
    for (const n of result.nodes) this.put(n);
    this.setBestPath(result.bestPath, result.score);
    this.stats = result.stats;
  }

  /** The search ended without a result. */
  fail(reason: string): void {
    this.failed = reason;
    this.version++;
  }

  roots(): SearchNode[] {
    // Nodes whose parent never arrived still show, at the top level.
    return this.list.filter((n) => n.parentId === null || !this.byId.has(n.parentId));
  }

  childrenOf(id: string): SearchNode[] {
    return (this.kids.get(id) ?? []).map((k) => this.node(k)!);
  }

  parentOf(id: string): SearchNode | undefined {
    const parentId = this.node(id)?.parentId;
    return parentId ? this.node(parentId) : undefined;
  }

  /** The best path without the root. */
  bestPathSteps(): { nodeId: string; text: string; score: number | undefined; abstained?: boolean; note?: string }[] {
    return this.bestPath
      .map((id) => this.node(id))
      .filter((n): n is SearchNode => n !== undefined && n.depth > 0)
      .map((n) => ({ nodeId: n.id, text: n.text, score: n.score?.score, abstained: isAbstained(n), note: n.score?.evidence?.note }));
  }

  /** Depth-first rows (children in creation order), what the panel's list shows. */
  rows(): SearchRow[] {
    if (this.rowCache?.version === this.version) return this.rowCache.rows;
    const rows: SearchRow[] = [];
    const stack = this.roots().reverse();
    while (stack.length) {
      const n = stack.pop()!;
      rows.push({ node: n, onBestPath: this.bestSet.has(n.id) });
      const kids = this.kids.get(n.id);
      if (kids) for (let k = kids.length - 1; k >= 0; k--) stack.push(this.node(kids[k])!);
    }
    this.rowCache = { version: this.version, rows };
    return rows;
  }

  rowIndexOf(id: string): number {
    return this.rows().findIndex((r) => r.node.id === id);
  }

  /** Other candidates for the same step as `id` (its siblings), best first; unscored ones last. */
  alternatives(id: string): SearchNode[] {
    const n = this.node(id);
    if (!n) return [];
    const key = (o: SearchNode) => (isAbstained(o) ? -2 : (o.score?.score ?? -1));
    return (this.kids.get(n.parentId) ?? [])
      .filter((k) => k !== id)
      .map((k) => this.node(k)!)
      .sort((a, b) => key(b) - key(a));
  }

  private setBestPath(ids: string[], score: number | undefined): void {
    this.bestPath = ids;
    this.bestSet = new Set(ids);
    this.bestScore = score;
    this.version++;
  }

  private put(node: SearchNode): void {
    const i = this.byId.get(node.id);
    if (i === undefined) {
      this.byId.set(node.id, this.list.length);
      this.list.push(node);
      const siblings = this.kids.get(node.parentId) ?? [];
      siblings.push(node.id);
      this.kids.set(node.parentId, siblings);
    } else {
      this.list[i] = node;
    }
    this.version++;
  }
}

/** A node whose scorer could not judge it has no verdict (contract 1): never a pass, never a fail. */
export function isAbstained(n: Pick<SearchNode, 'score'>): boolean {
  return !!n.score?.abstained;
}
