// The panel application: holds what is shown, applies host messages, persists itself with setState.
import {
  ApplyCorrection,
  BeginSearch,
  Cancel,
  CopySolution,
  InsertSolution,
  Ready,
  RequestDone,
  RevealNode,
  SearchEvents,
  SelectNode,
  ShowCorrection,
  ShowError,
  ShowRunning,
  ShowSearch,
  ShowSearchResult,
  ShowTrace,
  ShowVerification,
  VerifyAgain,
  type VerificationView,
  type WebviewToHost,
} from '../extension/protocol';
import { h } from './dom';
import { SearchReducer, type SearchSnapshot } from '../extension/searchReducer';
import { SearchView } from './searchView';
import { verifierSections } from './progressChart';
import { chartView, correctionsView, errorBanner, pathView, problemView, section, statsView } from './sections';
import { correctionViews, verificationStats, verificationSteps } from './viewModel';
import { traceSectionsView } from './traceSections';

export interface VsCodeApi {
  postMessage(msg: WebviewToHost): void;
  getState(): unknown;
  setState(state: PersistedState): void;
}

export interface PersistedState {
  version: 1;
  verification?: VerificationView;
  search?: SearchSnapshot;
  error?: { message: string; fix?: string };
  running: boolean;
  selectedNodeId?: string;
}

export class PanelApp {
  private state: PersistedState = { version: 1, running: false };
  private search: SearchReducer | undefined;
  private searchView: SearchView | undefined;
  private readonly header = h('header', { class: 'sw-panel-header' });
  private readonly banner = h('div', { class: 'sw-banner-slot' });
  private readonly content = h('main', { class: 'sw-content' });
  private readonly pending = new Map<string, HTMLElement>();
  private requestCounter = 0;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    root: HTMLElement,
    private readonly vscode: VsCodeApi,
  ) {
    root.replaceChildren(this.header, this.banner, this.content);
    const saved = vscode.getState() as PersistedState | undefined;
    if (saved?.version === 1) this.restore(saved);
    else this.renderAll();
    window.addEventListener('message', (ev: MessageEvent) => this.onMessage(ev.data));
    // A hidden panel is torn down (no retained context): save what a pending timer would have saved.
    window.addEventListener('pagehide', () => this.persistNow());
    vscode.postMessage(Ready.create({}));
  }

  private restore(saved: PersistedState): void {
    this.state = { ...saved, running: false };
    if (saved.search) this.search = SearchReducer.fromSnapshot(saved.search);
    this.renderAll();
    if (saved.selectedNodeId) this.searchView?.select(saved.selectedNodeId, false);
  }

  onMessage(msg: unknown): void {
    if (ShowVerification.is(msg)) {
      this.state = { version: 1, running: this.state.running, verification: msg.params };
      this.search = undefined;
      this.renderAll(true);
    } else if (ShowCorrection.is(msg)) {
      const v = this.state.verification;
      if (v && v.docUri === msg.params.docUri) {
        v.corrections = { ...v.corrections, [msg.params.correction.weakIndex]: msg.params.correction };
        this.renderAll();
      }
    } else if (ShowTrace.is(msg)) {
      const v = this.state.verification;
      if (v && v.docUri === msg.params.docUri) {
        v.trace = msg.params.trace;
        this.renderAll();
      }
    } else if (BeginSearch.is(msg)) {
      const p = msg.params;
      this.search = new SearchReducer(p.problem, p.strategy, p.threshold ?? 0.5);
      this.state = { version: 1, running: true };
      this.renderAll(true);
    } else if (ShowSearch.is(msg)) {
      this.search = SearchReducer.fromSnapshot(msg.params.search);
      const selected = this.state.selectedNodeId;
      this.state = { version: 1, running: this.state.running, selectedNodeId: selected };
      this.renderAll(true);
      if (selected) this.searchView?.select(selected, false);
    } else if (SearchEvents.is(msg)) {
      if (!this.search) {
        const started = msg.params.events.find((e) => e.type === 'started');
        if (!started || started.type !== 'started') return;
        this.search = new SearchReducer(started.problem, started.strategy);
        this.renderAll(true);
      }
      this.search.apply(msg.params.events);
      this.searchView?.schedule();
    } else if (ShowSearchResult.is(msg)) {
      const r = msg.params.result;
      if (!this.search) this.search = new SearchReducer(r.problem, r.strategy);
      this.search.finish(r);
      if (!this.searchView) this.renderAll();
      this.searchView?.schedule();
    } else if (RevealNode.is(msg)) {
      this.state.selectedNodeId = msg.params.id;
      this.searchView?.select(msg.params.id, false);
    } else if (ShowError.is(msg)) {
      this.state.error = msg.params;
      this.renderBanner();
    } else if (ShowRunning.is(msg)) {
      this.state.running = msg.params.running;
      this.renderHeader();
    } else if (RequestDone.is(msg)) {
      const button = this.pending.get(msg.params.requestId);
      this.pending.delete(msg.params.requestId);
      if (button) button.removeAttribute('disabled');
      if (!msg.params.ok && msg.params.error) {
        this.state.error = { message: msg.params.error };
        this.renderBanner();
      }
    }
    // Search events arrive in bursts; everything else is rare and worth keeping at once.
    if (SearchEvents.is(msg)) this.persistSoon();
    else this.persistNow();
  }

  private request(button: HTMLElement): string {
    const id = `r${++this.requestCounter}`;
    button.setAttribute('disabled', '');
    this.pending.set(id, button);
    return id;
  }

  /** `fresh`: a new result replaces the old one, so the old scroll position means nothing. */
  private renderAll(fresh = false): void {
    if (fresh) window.scrollTo(0, 0);
    this.renderHeader();
    this.renderBanner();
    this.searchView = undefined;
    if (this.search) {
      this.searchView = new SearchView(this.search, {
        selectNode: (id) => {
          this.state.selectedNodeId = id;
          this.vscode.postMessage(SelectNode.create({ id }));
          this.persistSoon();
        },
        insertSolution: (button) => this.vscode.postMessage(InsertSolution.create({ requestId: this.request(button) })),
        copySolution: (button) => this.vscode.postMessage(CopySolution.create({ requestId: this.request(button) })),
      });
      this.content.replaceChildren(this.searchView.root);
      this.searchView.render();
    } else if (this.state.verification) {
      this.content.replaceChildren(this.verificationView(this.state.verification));
    } else {
      this.content.replaceChildren(h('p', { class: 'sw-muted sw-empty' }, 'Run “Stepwise: Verify Steps” or “Stepwise: Solve with Verified Search” to see results here.'));
    }
  }

  private verificationView(v: VerificationView): HTMLElement {
    const steps = verificationSteps(v.result);
    const summary = (v.result as typeof v.result & { summary?: string }).summary;
    const again = h('vscode-button', { secondary: true, 'data-testid': 'verify-again', 'aria-label': `Verify again: ${v.fileName}` }, 'Verify again');
    again.addEventListener('click', () => this.vscode.postMessage(VerifyAgain.create({ docUri: v.docUri })));
    const onApply = (stepIndex: number, button: HTMLElement) =>
      this.vscode.postMessage(ApplyCorrection.create({ requestId: this.request(button), docUri: v.docUri, stepIndex }));
    return h(
      'div',
      { class: 'sw-verification-view' },
      h('div', { class: 'sw-toolbar' }, h('span', { class: 'sw-file-name', 'data-testid': 'file-name', title: v.fileName }, v.fileName), again),
      summary ? h('p', { class: 'sw-summary', 'data-testid': 'summary' }, summary) : null,
      section('Problem', problemView(v.problem)),
      v.trace && section('Reasoning trace', traceSectionsView(v.trace, { firstError: v.result.firstError, steps: v.result.steps.length }), { description: `${v.trace.sections.length} sections` }),
      section('Steps', pathView(steps), { description: v.result.firstError < 0 ? 'no wrong step' : `first error at step ${v.result.firstError + 1}` }),
      section('Scores along the path', chartView(steps, v.result.threshold)),
      ...verifierSections(v.result),
      section('Suggested corrections', correctionsView(correctionViews(v.corrections), onApply)),
      section('Run statistics', statsView(verificationStats(v.result), v.result.notes)),
    );
  }

  private renderHeader(): void {
    const children: Node[] = [h('h1', { class: 'sw-title' }, this.search ? `Search · ${this.search.strategy}` : 'Verification')];
    if (this.state.running) {
      const cancel = h('vscode-button', { secondary: true, 'data-testid': 'cancel', 'aria-label': 'Cancel the run' }, 'Cancel');
      cancel.addEventListener('click', () => this.vscode.postMessage(Cancel.create({})));
      children.push(h('vscode-progress-ring', { class: 'sw-ring', 'aria-label': 'Running' }), h('span', { class: 'sw-muted', role: 'status' }, 'running…'), cancel);
    }
    this.header.replaceChildren(...children);
  }

  private renderBanner(): void {
    const e = this.state.error;
    this.banner.replaceChildren(
      ...(e
        ? [
            errorBanner(e, () => {
              this.state.error = undefined;
              this.renderBanner();
              this.persistSoon();
            }),
          ]
        : []),
    );
  }

  /** setState serialises everything; during a search do it at most twice a second. */
  private persistSoon(): void {
    if (this.persistTimer) return;
    this.persistTimer = setTimeout(() => this.persistNow(), 500);
  }

  persistNow(): void {
    clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    this.vscode.setState({ ...this.state, search: this.search?.snapshot() });
  }

  /** For the benchmark and tests. */
  get nodeRowsInDom(): number {
    return this.searchView?.renderedNodeRows ?? 0;
  }
}
