import { describe, expect, it } from 'vitest';
import type { SearchNode } from '../../extension/protocol';
import { SearchReducer as SearchModel } from '../../extension/searchReducer';
import { sampleSearch } from '../bench/webview-samples';

const node = (id: string, parentId: string | null, depth: number, text = id): SearchNode => ({ id, parentId, depth, text, status: 'open', tokens: 0, ms: 0 });
const score = (s: number) => ({ score: s, scorer: 'judge' as const, method: 'P(yes)', evidence: {} });

describe('SearchReducer (tree view and panel)', () => {
  it('applies added, scored, pruned and best-path events', () => {
    const m = new SearchModel('p', 'beam');
    m.apply([
      { type: 'node-added', node: node('n0', null, 0) },
      { type: 'node-added', node: node('n1', 'n0', 1) },
      { type: 'node-added', node: node('n2', 'n0', 1) },
      { type: 'node-scored', id: 'n1', score: score(0.9), pathScore: 0.9 },
      { type: 'node-pruned', id: 'n2', reason: 'below threshold 0.3' },
      { type: 'best-path', ids: ['n0', 'n1'], score: 0.9 },
    ]);
    expect(m.node('n1')?.score?.score).toBe(0.9);
    expect(m.node('n2')).toMatchObject({ status: 'pruned', pruneReason: 'below threshold 0.3' });
    expect(m.bestPathSteps()).toMatchObject([{ nodeId: 'n1', text: 'n1', score: 0.9, abstained: false }]);
    expect(m.alternatives('n1').map((n) => n.id)).toEqual(['n2']);
  });

  it('lists nodes depth first with children in creation order, orphans at the top level', () => {
    const m = new SearchModel('p', 'beam');
    m.apply([
      { type: 'node-added', node: node('n0', null, 0) },
      { type: 'node-added', node: node('n1', 'n0', 1) },
      { type: 'node-added', node: node('n2', 'n0', 1) },
      { type: 'node-added', node: node('n3', 'n1', 2) },
      { type: 'node-added', node: node('n9', 'n8', 3) },
      { type: 'best-path', ids: ['n0', 'n1', 'n3'], score: 1 },
    ]);
    expect(m.rows().map((r) => r.node.id)).toEqual(['n0', 'n1', 'n3', 'n2', 'n9']);
    expect(m.rows().filter((r) => r.onBestPath).map((r) => r.node.id)).toEqual(['n0', 'n1', 'n3']);
    expect(m.rowIndexOf('n2')).toBe(3);
  });

  it('survives setState: a snapshot restores the same tree, live or finished', () => {
    const { events, result } = sampleSearch(300);
    const live = new SearchModel(result.problem, 'beam');
    live.apply(events.slice(0, 200));
    const restored = SearchModel.fromSnapshot(JSON.parse(JSON.stringify(live.snapshot())));
    expect(restored.rows().map((r) => r.node.id)).toEqual(live.rows().map((r) => r.node.id));

    live.apply(events.slice(200));
    live.finish(result);
    const snap = live.snapshot();
    expect(snap.nodes).toHaveLength(0); // the result already carries them
    const done = SearchModel.fromSnapshot(JSON.parse(JSON.stringify(snap)));
    expect(done.nodes).toHaveLength(300);
    expect(done.result?.answer).toBe('1024');
    expect(done.bestPath).toEqual(result.bestPath);
  });

  it('orders 5,000 nodes once (every parent before its children), then serves them from cache until a change', () => {
    const { events } = sampleSearch(5000);
    const m = new SearchModel('p', 'beam');
    m.apply(events);
    const rows = m.rows();
    expect(rows).toHaveLength(5000);
    const seen = new Set<string>();
    for (const r of rows) {
      if (r.node.parentId) expect(seen.has(r.node.parentId)).toBe(true);
      seen.add(r.node.id);
    }
    expect(m.rows()).toBe(rows);
    m.apply([{ type: 'node-pruned', id: 'n7', reason: 'x' }]);
    expect(m.rows()).not.toBe(rows);
  });
});
