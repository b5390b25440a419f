// The nodes of the current (or an opened) search, kept from the engine's events. No `vscode`: unit-tested.
import type { SearchEvent, SearchNode, SearchResult, SearchStats } from '../engine/index';

export class SearchState {
  readonly nodes = new Map<string, SearchNode>();
  private readonly children = new Map<string | null, string[]>();
  bestPath = new Set<string>();
  stats?: SearchStats;
  result?: SearchResult;
  /** Why the search ended without a result (an error), shown instead of "Searching…". */
  failed?: string;

  /** `run` makes tree ids unique across runs, so expansion state never leaks from one search to the next. */
  constructor(readonly run: number, readonly problem: string, readonly strategy: string) {}

  static fromResult(run: number, result: SearchResult): SearchState {
    const state = new SearchState(run, result.problem, result.strategy);
    for (const node of result.nodes) state.put(node);
    state.finish(result);
    return state;
  }

  /** Applies one engine event; returns whether anything visible changed. */
  apply(event: SearchEvent): boolean {
    switch (event.type) {
      case 'node-added':
      case 'node-updated':
        this.put(event.node);
        return true;
      case 'node-scored': {
        const node = this.nodes.get(event.id);
        if (!node) return false;
        this.nodes.set(event.id, { ...node, score: event.score, pathScore: event.pathScore });
        return true;
      }
      case 'node-pruned': {
        const node = this.nodes.get(event.id);
        if (!node) return false;
        this.nodes.set(event.id, { ...node, status: 'pruned', pruneReason: event.reason });
        return true;
      }
      case 'best-path':
        this.bestPath = new Set(event.ids);
        return true;
      case 'stats':
        this.stats = event.stats;
        return false;
      case 'finished':
        for (const node of event.result.nodes) this.put(node);
        this.finish(event.result);
        return true;
      case 'started':
        return false;
    }
  }

  roots(): SearchNode[] {
    return this.idsToNodes(this.children.get(null));
  }

  childrenOf(id: string): SearchNode[] {
    return this.idsToNodes(this.children.get(id));
  }

  parentOf(id: string): SearchNode | undefined {
    const parentId = this.nodes.get(id)?.parentId;
    return parentId ? this.nodes.get(parentId) : undefined;
  }

  treeId(nodeId: string): string {
    return `${this.run}:${nodeId}`;
  }

  private finish(result: SearchResult): void {
    this.result = result;
    this.stats = result.stats;
    this.bestPath = new Set(result.bestPath);
  }

  private put(node: SearchNode): void {
    if (!this.nodes.has(node.id)) {
      const siblings = this.children.get(node.parentId) ?? [];
      siblings.push(node.id);
      this.children.set(node.parentId, siblings);
    }
    this.nodes.set(node.id, node);
  }

  private idsToNodes(ids: string[] | undefined): SearchNode[] {
    return (ids ?? []).map((id) => this.nodes.get(id)!).filter(Boolean);
  }
}
