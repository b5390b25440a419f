// One run at a time: it holds the AbortController that every cancel path aborts, and the state views read
// (last verification per document, the current search). Views subscribe to its events.
import * as vscode from 'vscode';
import { CONTEXT } from './ids';
import type { DocAnnotations } from './docAnnotations';
import type { TextChange } from './ranges';
import { SearchReducer } from '../searchReducer';

export type RunKind = 'verify' | 'solve' | 'correct' | 'pull';

export interface Run {
  readonly kind: RunKind;
  readonly uri?: string;
  readonly signal: AbortSignal;
  /** Edits made to `uri` since the run started, one entry per change event (offsets before that event). */
  readonly editLog: TextChange[][];
  /** Status text while running, e.g. "verifying 3/7". */
  progress(text: string): void;
}

interface ActiveRun extends Run {
  readonly controller: AbortController;
}

export function toTextChanges(changes: readonly vscode.TextDocumentContentChangeEvent[]): TextChange[] {
  return changes.map((c) => ({
    start: c.rangeOffset,
    end: c.rangeOffset + c.rangeLength,
    insertedLength: c.text.length,
    startsWithNewline: /^\r?\n/.test(c.text),
  }));
}

export class RunController implements vscode.Disposable {
  readonly docs = new Map<string, DocAnnotations>();
  /** Documents whose every step is labelled whatever `stepwise.annotations.showOk` says. */
  readonly labelEveryStep = new Set<string>();
  search?: SearchReducer;
  /** Counts searches shown, so tree ids are unique across runs and expansion state never leaks between them. */
  searchRun = 0;
  private current?: ActiveRun;
  private readonly background = new Set<ActiveRun>();
  private readonly disposables: vscode.Disposable[] = [];

  private readonly runningEmitter = new vscode.EventEmitter<string | undefined>();
  /** Fires with the progress text, or undefined when nothing runs. */
  readonly onDidChangeRunning = this.runningEmitter.event;
  private readonly docEmitter = new vscode.EventEmitter<string | undefined>();
  /** Fires with a document URI whose annotations changed, or undefined for all. */
  readonly onDidChangeDoc = this.docEmitter.event;
  private readonly searchEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeSearch = this.searchEmitter.event;

  constructor() {
    this.disposables.push(
      this.runningEmitter,
      this.docEmitter,
      this.searchEmitter,
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri.toString())),
    );
  }

  get running(): Run | undefined {
    return this.current;
  }

  /** Starts a run; undefined when another is in flight (the caller tells the user). */
  begin(kind: RunKind, uri?: string): Run | undefined {
    if (this.current) return undefined;
    this.cancelBackground();
    const run = this.makeRun(kind, uri, (text) => this.runningEmitter.fire(text));
    this.current = run;
    void vscode.commands.executeCommand('setContext', CONTEXT.running, true);
    this.runningEmitter.fire(kind === 'verify' ? 'Stepwise: verifying…' : kind === 'solve' ? 'Stepwise: searching…' : `Stepwise: ${kind}…`);
    return run;
  }

  /** A quiet run next to the current one (background corrections); aborted by Cancel and by the next run. */
  beginBackground(kind: RunKind, uri?: string): Run {
    const run = this.makeRun(kind, uri, () => undefined);
    this.background.add(run);
    return run;
  }

  end(run: Run): void {
    if (this.background.delete(run as ActiveRun)) return;
    if (this.current !== run) return;
    this.current = undefined;
    void vscode.commands.executeCommand('setContext', CONTEXT.running, false);
    this.runningEmitter.fire(undefined);
  }

  /** Cancel command, progress cancel and panel cancel all end here. */
  cancel(): boolean {
    const had = !!this.current || this.background.size > 0;
    this.current?.controller.abort();
    this.cancelBackground();
    return had;
  }

  /** `labelEveryStep`: a solution just inserted from a search shows every step's score, ok ones included. */
  setDoc(doc: DocAnnotations, opts: { labelEveryStep?: boolean } = {}): void {
    this.docs.set(doc.uri, doc);
    if (opts.labelEveryStep) this.labelEveryStep.add(doc.uri);
    else this.labelEveryStep.delete(doc.uri);
    this.docEmitter.fire(doc.uri);
  }

  /** Tells views that a document's annotations changed in place (a correction arrived, a step was replaced). */
  touchDoc(uri: string): void {
    this.docEmitter.fire(uri);
  }

  clearDocs(uri?: string): void {
    if (uri) this.docs.delete(uri);
    else this.docs.clear();
    this.docEmitter.fire(uri);
  }

  newSearch(problem: string, strategy: string, threshold?: number): SearchReducer {
    return this.showSearch(new SearchReducer(problem, strategy, threshold));
  }

  showSearch(state: SearchReducer): SearchReducer {
    this.search = state;
    this.searchRun++;
    void vscode.commands.executeCommand('setContext', CONTEXT.hasSearch, true);
    this.searchEmitter.fire();
    return this.search;
  }

  searchChanged(): void {
    this.searchEmitter.fire();
  }

  dispose(): void {
    this.cancel();
    for (const d of this.disposables) d.dispose();
  }

  private makeRun(kind: RunKind, uri: string | undefined, onProgress: (text: string) => void): ActiveRun {
    const controller = new AbortController();
    return { kind, uri, controller, signal: controller.signal, editLog: [], progress: onProgress };
  }

  private cancelBackground(): void {
    for (const run of this.background) run.controller.abort();
    this.background.clear();
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    const uri = e.document.uri.toString();
    const changes = toTextChanges(e.contentChanges);
    for (const run of [this.current, ...this.background]) {
      if (run?.uri === uri) run.editLog.push(changes);
    }
    const doc = this.docs.get(uri);
    if (doc?.applyChanges(changes)) this.docEmitter.fire(uri);
  }

  private forget(uri: string): void {
    if (this.docs.delete(uri)) this.docEmitter.fire(uri);
  }
}
