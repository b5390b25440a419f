// The live search as the webview knows it: a node table updated by batched events, kept JSON-ready for setState.
import type { SearchEvent, SearchNode, SearchResult, SearchStats } from '../extension/protocol';

export interface SearchSnapshot {
  problem: string;
  strategy: string;
  threshold: number;
  nodes: SearchNode[];
  bestPath: string[];
  bestScore?: number;
  stats?: SearchStats;
  result?: SearchResult;
}

export class SearchModel {
  readonly nodes: SearchNode[] = [];
  private readonly byId = new Map<string, number>();
  bestPath: string[] = [];
  bestScore: number | undefined;
  stats: SearchStats | undefined;
  result: SearchResult | undefined;
  /** Bumped whenever the tree's shape or a node changes, so views re-render only when needed. */
  version = 0;
  private orderCache: { version: number; rows: TreeRow[] } | undefined;

  constructor(
    readonly problem: string,
    readonly strategy: string,
    readonly threshold = 0.5,
  ) {}

  static fromSnapshot(s: SearchSnapshot): SearchModel {
    const m = new SearchModel(s.problem, s.strategy, s.threshold);
    for (const n of s.nodes) m.upsert(n);
    m.bestPath = s.bestPath;
    m.bestScore = s.bestScore;
    m.stats = s.stats;
    if (s.result) m.finish(s.result);
    return m;
  }

  snapshot(): SearchSnapshot {
    const { problem, strategy, threshold, nodes, bestPath, bestScore, stats, result } = this;
    // The result repeats every node; keep one copy.
    return { problem, strategy, threshold, nodes: result ? [] : nodes, bestPath, bestScore, stats, result };
  }

  node(id: string): SearchNode | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.nodes[i];
  }

  apply(events: readonly SearchEvent[]): void {
    for (const e of events) this.applyOne(e);
  }

  private applyOne(e: SearchEvent): void {
    switch (e.type) {
      case 'started':
        break;
      case 'node-added':
      case 'node-updated':
        this.upsert(e.node);
        break;
      case 'node-scored': {
        const n = this.node(e.id);
        if (n) this.upsert({ ...n, score: e.score, pathScore: e.pathScore });
        break;
      }
      case 'node-pruned': {
        const n = this.node(e.id);
        if (n) this.upsert({ ...n, status: 'pruned', pruneReason: e.reason });
        break;
      }
      case 'best-path':
        this.bestPath = e.ids;
        this.bestScore = e.score;
        this.version++;
        break;
      case 'stats':
        this.stats = e.stats;
        break;
      case 'finished':
        this.finish(e.result);
        break;
    }
  }

  finish(result: SearchResult): void {
    this.result = result;
    for (const n of result.nodes) this.upsert(n);
    this.bestPath = result.bestPath;
    this.bestScore = result.score;
    this.stats = result.stats;
    this.version++;
  }

  private upsert(node: SearchNode): void {
    const i = this.byId.get(node.id);
    if (i === undefined) {
      this.byId.set(node.id, this.nodes.length);
      this.nodes.push(node);
    } else {
      this.nodes[i] = node;
    }
    this.version++;
  }

  /** The best path without the root, as path steps. */
  bestPathSteps(): { nodeId: string; text: string; score: number | undefined }[] {
    return this.bestPath
      .map((id) => this.node(id))
      .filter((n): n is SearchNode => n !== undefined && n.depth > 0)
      .map((n) => ({ nodeId: n.id, text: n.text, score: n.score?.score }));
  }

  /** Depth-first rows (children in creation order), what the virtualised list shows. */
  rows(): TreeRow[] {
    if (this.orderCache?.version === this.version) return this.orderCache.rows;
    const children = new Map<string | null, SearchNode[]>();
    for (const n of this.nodes) {
      const list = children.get(n.parentId);
      if (list) list.push(n);
      else children.set(n.parentId, [n]);
    }
    const onBest = new Set(this.bestPath);
    const rows: TreeRow[] = [];
    // Nodes whose parent never arrived still show, at the top level.
    const roots = this.nodes.filter((n) => n.parentId === null || !this.byId.has(n.parentId));
    const stack = roots.slice().reverse();
    while (stack.length) {
      const n = stack.pop()!;
      rows.push({ node: n, onBestPath: onBest.has(n.id) });
      const kids = children.get(n.id);
      if (kids) for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]);
    }
    this.orderCache = { version: this.version, rows };
    return rows;
  }

  rowIndexOf(id: string): number {
    return this.rows().findIndex((r) => r.node.id === id);
  }

  /** Other candidates for the same step as `id` (its siblings), best first. */
  alternatives(id: string): SearchNode[] {
    const n = this.node(id);
    if (!n) return [];
    return this.nodes
      .filter((o) => o.parentId === n.parentId && o.id !== n.id)
      .sort((a, b) => (b.score?.score ?? -1) - (a.score?.score ?? -1));
  }
}

export interface TreeRow {
  node: SearchNode;
  onBestPath: boolean;
}
