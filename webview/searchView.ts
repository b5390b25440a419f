// The live search: summary, best path, chart, alternatives, stats and a virtualised list of every node.
import type { SearchNode } from '../extension/protocol';
import type { SearchReducer, SearchRow } from '../extension/searchReducer';
import { h } from './dom';
import { showBidiControls } from './segments';
import { alternativesView, chartView, pathView, problemView, section, statsView } from './sections';
import { VirtualList } from './virtualList';
import { formatScore, resultPath, searchPathSteps, searchStats } from './viewModel';

export const NODE_ROW_HEIGHT = 22;

export interface SearchViewActions {
  selectNode(id: string): void;
  insertSolution(button: HTMLElement): void;
  /** A restored search has no document behind it: the solution can be copied instead. */
  copySolution(button: HTMLElement): void;
}

export class SearchView {
  readonly root: HTMLElement;
  private readonly summary = h('div', { class: 'sw-search-summary' });
  private readonly pathBody = h('div');
  private readonly chartBody = h('div');
  private readonly altBody = h('div');
  private readonly statsBody = h('div');
  private readonly list: VirtualList<SearchRow>;
  private renderedVersion = -1;
  private renderedPathKey: string | undefined;
  private frame = 0;
  selectedId: string | undefined;

  constructor(
    private readonly model: SearchReducer,
    private readonly actions: SearchViewActions,
  ) {
    const viewport = h('div', { class: 'sw-node-list', 'data-testid': 'node-list', tabindex: 0, role: 'listbox', 'aria-label': 'Search nodes, depth first: arrows move, Enter shows the node in the tree' });
    viewport.addEventListener('keydown', (ev) => this.onListKey(ev));
    this.list = new VirtualList<SearchRow>(viewport, NODE_ROW_HEIGHT, (row, el) => this.renderNodeRow(row, el));
    this.root = h(
      'div',
      { class: 'sw-search-view' },
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
    this.statsBody.replaceChildren(statsView(searchStats(m.strategy, m.stats, m.size, m.result?.stoppedBy)));
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
    const parts = [`${m.size} nodes`, m.bestScore !== undefined ? `best ${formatScore(m.bestScore)}` : 'no scored path yet'];
    if (m.result) parts.push(m.result.answer ? `answer ${showBidiControls(m.result.answer)}` : 'no final answer');
    if (m.failed) parts.push(`stopped: ${m.failed}`);
    const children: Node[] = [h('span', { 'data-testid': 'node-count' }, parts.join(' · '))];
    if (m.result && m.restored) {
      // After a reload (or from a trace) nothing says which document the search belongs to: say so, offer what works.
      const copy = h('vscode-button', { 'data-testid': 'copy-solution', 'aria-label': 'Copy the best solution to the clipboard' }, 'Copy solution');
      copy.addEventListener('click', () => this.actions.copySolution(copy));
      children.push(h('span', { class: 'sw-muted', 'data-testid': 'restored-note' }, 'Not attached to a document (a trace, or restored after a reload): copy it, or run Solve to insert.'), copy);
    } else if (m.result) {
      const insert = h('vscode-button', { 'data-testid': 'insert-solution', 'aria-label': 'Insert solution below the problem' }, 'Insert solution');
      insert.addEventListener('click', () => this.actions.insertSolution(insert));
      children.push(insert);
    }
    this.summary.replaceChildren(...children);
  }

  /** Alternatives for the weakest step of the path: the other candidates the search generated for it. */
  private renderAlternatives(path: { nodeId: string; text: string; score: number | undefined; abstained?: boolean }[]): void {
    if (path.length === 0) return void this.altBody.replaceChildren(h('p', { class: 'sw-muted' }, 'No path yet.'));
    let weakest = 0;
    // Steps without a verdict are not weak, they are unknown: the weakest is the lowest scored one.
    const scoreOf = (p: (typeof path)[number]) => (p.abstained || p.score === undefined ? 1 : p.score);
    path.forEach((p, i) => {
      if (scoreOf(p) < scoreOf(path[weakest])) weakest = i;
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

  private renderNodeRow(row: SearchRow, el: HTMLElement): void {
    const n = row.node;
    const selected = n.id === this.selectedId;
    el.className = `sw-node-row sw-status-${n.status}${row.onBestPath ? ' sw-best' : ''}${selected ? ' sw-selected' : ''}`;
    el.dataset.nodeId = n.id;
    el.id = rowDomId(n.id);
    el.setAttribute('role', 'option');
    el.setAttribute('aria-selected', String(selected));
    const why = [n.pruneReason && `pruned: ${n.pruneReason}`, n.note].filter(Boolean).join(' · ');
    el.title = why;
    const indent = h('span', { class: 'sw-indent' });
    indent.style.width = `${n.depth * 12}px`;
    const score = n.score?.abstained ? 'n/v' : formatScore(n.score?.score ?? NaN);
    // The row's name is its text; what the eye gets from position and style is spelled out for screen readers.
    el.replaceChildren(
      indent,
      h('span', { class: 'sw-node-id' }, n.id),
      h('span', { class: 'sw-sr-only' }, `, depth ${n.depth}, ${n.score?.abstained ? 'no verdict' : 'score'} `),
      h('span', { class: 'sw-node-score' }, score),
      h('span', { class: 'sw-node-status' }, n.status),
      h('span', { class: 'sw-sr-only' }, `${row.onBestPath ? ', best path' : ''}${why ? `, ${why}` : ''}: `),
      h('span', { class: 'sw-node-text' }, firstLine(n)),
    );
    el.onclick = () => this.select(n.id, true);
  }

  /** Arrows, Page keys, Home and End move the selection; Enter (or Space) shows the node in the tree. */
  private onListKey(ev: KeyboardEvent): void {
    const rows = this.model.rows();
    if (rows.length === 0) return;
    const current = this.selectedId ? this.model.rowIndexOf(this.selectedId) : -1;
    const page = Math.max(1, Math.floor(this.list.viewport.clientHeight / NODE_ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, PageDown: current + page, PageUp: current - page, Home: 0, End: rows.length - 1 };
    if (ev.key in moves) {
      ev.preventDefault();
      const next = Math.max(0, Math.min(rows.length - 1, current < 0 && ev.key !== 'End' ? 0 : moves[ev.key]));
      this.select(rows[next].node.id, false);
    } else if ((ev.key === 'Enter' || ev.key === ' ') && this.selectedId) {
      ev.preventDefault();
      this.actions.selectNode(this.selectedId);
    }
  }

  /** Highlights a node and scrolls it into view; `notify` tells the host (panel → tree view). */
  select(id: string, notify: boolean): void {
    this.selectedId = id;
    this.list.viewport.setAttribute('aria-activedescendant', rowDomId(id));
    const index = this.model.rowIndexOf(id);
    if (index >= 0) this.list.scrollToIndex(index);
    this.list.schedule();
    this.markSelectedSteps();
    if (notify) this.actions.selectNode(id);
  }

  private markSelectedSteps(): void {
    for (const el of this.root.querySelectorAll<HTMLElement>('.sw-step-row[data-node-id]')) el.classList.toggle('sw-selected', el.dataset.nodeId === this.selectedId);
  }

  get renderedNodeRows(): number {
    return this.list.renderedRows;
  }
}

function rowDomId(nodeId: string): string {
  return `sw-node-${nodeId.replace(/[^\w-]/g, '_')}`;
}

function firstLine(n: SearchNode): string {
  const line = n.depth === 0 ? 'problem' : n.text.trim().split('\n', 1)[0];
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}
