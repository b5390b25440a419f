// The live search: summary, best path, chart, alternatives, stats and a virtualised list of every node.
import type { SearchNode } from '../extension/protocol';
import { h } from './dom';
import { showBidiControls } from './segments';
import type { SearchModel, TreeRow } from './searchModel';
import { alternativesView, chartView, pathView, problemView, section, statsView } from './sections';
import { VirtualList } from './virtualList';
import { formatScore, resultPath, searchPathSteps, searchStats } from './viewModel';

export const NODE_ROW_HEIGHT = 22;

export interface SearchViewActions {
  selectNode(id: string): void;
  insertSolution(button: HTMLElement): void;
}

export class SearchView {
  readonly root: HTMLElement;
  private readonly summary = h('div', { class: 'search-summary' });
  private readonly pathBody = h('div');
  private readonly chartBody = h('div');
  private readonly altBody = h('div');
  private readonly statsBody = h('div');
  private readonly list: VirtualList<TreeRow>;
  private renderedVersion = -1;
  private renderedPathKey: string | undefined;
  private frame = 0;
  selectedId: string | undefined;

  constructor(
    private readonly model: SearchModel,
    private readonly actions: SearchViewActions,
  ) {
    const viewport = h('div', { class: 'vlist', 'data-testid': 'node-list', tabindex: 0 });
    this.list = new VirtualList<TreeRow>(viewport, NODE_ROW_HEIGHT, (row, el) => this.renderNodeRow(row, el));
    this.root = h(
      'div',
      { class: 'search-view' },
      section('Problem', problemView(model.problem)),
      this.summary,
      section('Best path', this.pathBody),
      section('Scores along the path', this.chartBody),
      section('Alternatives', this.altBody, { open: false }),
      section('Run statistics', this.statsBody),
      section('Search tree', viewport, { description: 'every node, depth first' }),
    );
  }

  /** Coalesces updates into one render per animation frame. */
  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  render(): void {
    const m = this.model;
    this.renderSummary();
    this.statsBody.replaceChildren(statsView(searchStats(m.strategy, m.stats, m.nodes.length, m.result?.stoppedBy)));
    if (this.renderedVersion === m.version) return;
    this.renderedVersion = m.version;
    this.list.setItems(m.rows());
    const path = m.result ? resultPath(m.result) : m.bestPathSteps();
    const key = path.map((p) => `${p.nodeId}:${p.score}`).join(',');
    if (key !== this.renderedPathKey) {
      this.renderedPathKey = key;
      const steps = searchPathSteps(path, m.threshold);
      this.pathBody.replaceChildren(pathView(steps, { onSelect: (s) => s.nodeId && this.select(s.nodeId, true) }));
      this.chartBody.replaceChildren(chartView(steps, m.threshold));
      this.renderAlternatives(path);
      this.markSelectedSteps();
    }
  }

  private renderSummary(): void {
    const m = this.model;
    const parts = [`${m.nodes.length} nodes`, m.bestScore !== undefined ? `best ${formatScore(m.bestScore)}` : 'no scored path yet'];
    if (m.result) parts.push(m.result.answer ? `answer ${showBidiControls(m.result.answer)}` : 'no final answer');
    const children: Node[] = [h('span', { 'data-testid': 'node-count' }, parts.join(' · '))];
    if (m.result) {
      const insert = h('vscode-button', { 'data-testid': 'insert-solution' }, 'Insert solution');
      insert.addEventListener('click', () => this.actions.insertSolution(insert));
      children.push(insert);
    }
    this.summary.replaceChildren(...children);
  }

  /** Alternatives for the weakest step of the path: the other candidates the search generated for it. */
  private renderAlternatives(path: { nodeId: string; text: string; score: number | undefined }[]): void {
    if (path.length === 0) return void this.altBody.replaceChildren(h('p', { class: 'muted' }, 'No path yet.'));
    let weakest = 0;
    path.forEach((p, i) => {
      if ((p.score ?? 1) < (path[weakest].score ?? 1)) weakest = i;
    });
    const chosen = path[weakest];
    const others = this.model.alternatives(chosen.nodeId).slice(0, 8);
    this.altBody.replaceChildren(
      alternativesView(
        weakest,
        { text: chosen.text, scoreLabel: formatScore(chosen.score ?? NaN) },
        others.map((o) => ({ id: o.id, text: o.text, scoreLabel: formatScore(o.score?.score ?? NaN), status: o.status })),
        (id) => this.select(id, true),
      ),
    );
  }

  private renderNodeRow(row: TreeRow, el: HTMLElement): void {
    const n = row.node;
    el.className = `vlist-row node status-${n.status}${row.onBestPath ? ' best' : ''}${n.id === this.selectedId ? ' selected' : ''}`;
    el.dataset.nodeId = n.id;
    el.title = [n.pruneReason, n.note].filter(Boolean).join(' · ');
    const indent = h('span', { class: 'indent' });
    indent.style.width = `${n.depth * 12}px`;
    el.replaceChildren(
      indent,
      h('span', { class: 'node-id' }, n.id),
      h('span', { class: 'node-score' }, formatScore(n.score?.score ?? NaN)),
      h('span', { class: 'node-status' }, n.status),
      h('span', { class: 'node-text' }, firstLine(n)),
    );
    el.onclick = () => this.select(n.id, true);
  }

  /** Highlights a node and scrolls it into view; `notify` tells the host (panel → tree view). */
  select(id: string, notify: boolean): void {
    this.selectedId = id;
    const index = this.model.rowIndexOf(id);
    if (index >= 0) this.list.scrollToIndex(index);
    this.list.schedule();
    this.markSelectedSteps();
    if (notify) this.actions.selectNode(id);
  }

  private markSelectedSteps(): void {
    for (const el of this.root.querySelectorAll<HTMLElement>('.step-row[data-node-id]')) el.classList.toggle('selected', el.dataset.nodeId === this.selectedId);
  }

  get renderedNodeRows(): number {
    return this.list.renderedRows;
  }
}

function firstLine(n: SearchNode): string {
  const line = n.depth === 0 ? 'problem' : n.text.trim().split('\n', 1)[0];
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}
