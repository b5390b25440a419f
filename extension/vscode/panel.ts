// Host side of the Stepwise panel: creates (or restores) the webview, speaks extension/protocol.ts to it.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { SearchEvent, SearchResult, TraceResult, VerifyResult } from '../engine/index';
import {
  ApplyCorrection,
  BeginSearch,
  Cancel,
  CopySolution,
  InsertSolution,
  Ready,
  RequestDone,
  RevealNode,
  SelectNode,
  ShowCorrection,
  ShowError,
  ShowRunning,
  ShowSearch,
  ShowSearchResult,
  ShowTrace,
  ShowVerification,
  VerifyAgain,
  type Correction,
  type SearchSnapshot,
  type SearchStart,
} from '../protocol';
import { panelHtml } from './panelHtml';
import { PanelOutbox } from './panelOutbox';

export interface PanelHandlers {
  applyCorrection(req: { docUri: string; stepIndex: number }): Promise<void>;
  cancel(): void;
  insertSolution(): Promise<void>;
  copySolution(): Promise<void>;
  /** The panel came back after a window reload showing this search: the tree can show it again. */
  restoredSearch(search: SearchSnapshot): SearchSnapshot | undefined;
  /** panel → tree view reveal */
  selectNode(id: string): void;
  verifyAgain(docUri: string): void;
}

export class StepwisePanel implements vscode.Disposable {
  static readonly viewType = 'stepwise.panel';

  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly outbox = new PanelOutbox((msg) => this.panel?.webview.postMessage(msg));
  private readonly webviewRoot: vscode.Uri;
  /** What the webview shows, so a tree selection after Insert solution can bring the search back first. */
  private showing: 'search' | 'verification' | undefined;

  private constructor(
    context: vscode.ExtensionContext,
    private readonly handlers: PanelHandlers,
  ) {
    this.webviewRoot = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
  }

  /** Creates the panel host and registers the serializer that restores the panel after a window reload. */
  static register(context: vscode.ExtensionContext, handlers: PanelHandlers): StepwisePanel {
    const host = new StepwisePanel(context, handlers);
    host.disposables.push(
      vscode.window.registerWebviewPanelSerializer(StepwisePanel.viewType, {
        // The webview restores what it showed from its own getState. A search in it has lost its document:
        // the host marks it restored (so the webview offers Copy instead of Insert) and the tree shows it again.
        deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
          host.attach(panel);
          const search = (state as { search?: SearchSnapshot } | undefined)?.search;
          const restored = search?.result ? host.handlers.restoredSearch(search) : undefined;
          if (restored) host.showSearch(restored);
          else if ((state as { verification?: unknown } | undefined)?.verification) host.showing = 'verification';
        },
      }),
    );
    context.subscriptions.push(host);
    return host;
  }

  show(preserveFocus = false): void {
    if (this.panel) {
      this.panel.reveal(undefined, preserveFocus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      StepwisePanel.viewType,
      'Stepwise',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      this.webviewOptions(),
    );
    this.attach(panel);
  }

  showVerification(v: { docUri: string; fileName: string; problem: string; result: VerifyResult; corrections: Record<number, Correction> }): void {
    this.ensureShown();
    this.outbox.clear();
    this.showing = 'verification';
    this.outbox.send(ShowVerification.create({ ...v, fileName: vscode.workspace.asRelativePath(v.fileName, false) }));
  }

  /** Follows showVerification for a document with a reasoning trace. */
  showTrace(docUri: string, trace: TraceResult): void {
    this.outbox.send(ShowTrace.create({ docUri, trace }));
  }

  showCorrection(docUri: string, c: Correction): void {
    this.ensureShown();
    this.outbox.send(ShowCorrection.create({ docUri, correction: c }));
  }

  beginSearch(s: SearchStart): void {
    this.ensureShown();
    this.outbox.clear();
    this.showing = 'search';
    this.outbox.send(BeginSearch.create(s));
  }

  /** Batched: the webview gets at most one message of events every ~120 ms. */
  pushSearchEvent(e: SearchEvent): void {
    this.outbox.pushEvent(e);
  }

  showSearchResult(r: SearchResult): void {
    this.ensureShown();
    this.showing = 'search';
    this.outbox.send(ShowSearchResult.create({ result: r }));
  }

  /** A whole search at once: an opened trace, or the tree's search brought back. */
  showSearch(search: SearchSnapshot): void {
    this.ensureShown();
    this.outbox.clear();
    this.showing = 'search';
    this.outbox.send(ShowSearch.create({ search }));
  }

  get showsSearch(): boolean {
    return !!this.panel && this.showing === 'search';
  }

  /** Tree → panel. `search` brings the tree's search back when the panel shows something else (or nothing). */
  revealNode(id: string, search?: () => SearchSnapshot | undefined): void {
    if (!this.showsSearch) {
      const snapshot = search?.();
      if (!snapshot) return;
      this.showSearch(snapshot);
    }
    this.panel!.reveal(undefined, true);
    this.outbox.send(RevealNode.create({ id }));
  }

  showError(message: string, fix?: string): void {
    this.ensureShown();
    this.outbox.send(ShowError.create({ message, fix }));
  }

  showRunning(running: boolean): void {
    if (!running) this.outbox.flushEvents();
    this.outbox.send(ShowRunning.create({ running }));
  }

  dispose(): void {
    this.panel?.dispose();
    this.detach();
    this.outbox.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private ensureShown(): void {
    if (!this.panel) this.show(true);
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [this.webviewRoot] };
  }

  private attach(panel: vscode.WebviewPanel): void {
    if (this.panel && this.panel !== panel) this.panel.dispose();
    this.detach();
    this.panel = panel;
    panel.webview.options = this.webviewOptions();
    panel.webview.html = this.html(panel.webview);
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((msg: unknown) => this.onMessage(msg)),
      // Without retained context a hidden webview is torn down; it posts `ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.outbox.markNotReady();
      }),
      panel.onDidDispose(() => {
        if (this.panel === panel) {
          this.detach();
          this.panel = undefined;
          this.showing = undefined;
          this.outbox.markNotReady();
        }
      }),
    );
  }

  private detach(): void {
    for (const d of this.panelDisposables.splice(0)) d.dispose();
  }

  private onMessage(msg: unknown): void {
    if (Ready.is(msg)) {
      this.outbox.markReady();
    } else if (ApplyCorrection.is(msg)) {
      const { requestId, docUri, stepIndex } = msg.params;
      void this.answer(requestId, () => this.handlers.applyCorrection({ docUri, stepIndex }));
    } else if (InsertSolution.is(msg)) {
      void this.answer(msg.params.requestId, () => this.handlers.insertSolution());
    } else if (CopySolution.is(msg)) {
      void this.answer(msg.params.requestId, () => this.handlers.copySolution());
    } else if (Cancel.is(msg)) {
      this.handlers.cancel();
    } else if (SelectNode.is(msg)) {
      this.handlers.selectNode(msg.params.id);
    } else if (VerifyAgain.is(msg)) {
      this.handlers.verifyAgain(msg.params.docUri);
    }
  }

  /** Runs a webview request and tells the webview how it ended, so its button leaves the busy state. */
  private async answer(requestId: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
      this.outbox.send(RequestDone.create({ requestId, ok: true }));
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      this.outbox.send(RequestDone.create({ requestId, ok: false, error }));
    }
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.webviewRoot, 'panel.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.webviewRoot, 'panel.css'));
    return panelHtml({ cspSource: webview.cspSource, nonce, scriptUri: script.toString(), styleUri: style.toString() });
  }
}
