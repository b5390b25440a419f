// Solve with Verified Search, Insert solution, Open Trace… and Export Trace….
import * as vscode from 'vscode';
import { isCancellation, problemToSolve, verifySearchResult, type SearchResult, type VerifyResult } from '../engine/index';
import { DocAnnotations } from './docAnnotations';
import { engineApi } from './engineApi';
import { abortOnCancel, showRunError } from './errorsUi';
import { formatScore } from './format';
import type { Host } from './host';
import { COMMANDS, VIEWS } from './ids';
import { log } from './log';
import { readConfig } from './settings';
import { pullWithProgress } from './modelCommands';
import { locateSteps, mapSpanThroughLog, type MappedSpan } from './ranges';
import { toTextChanges } from './run';
import { SearchReducer } from '../searchReducer';
import { busyWarning, editorFor, runConfig } from './verifyCommands';

/** The last finished search over a document, and where its solution goes: kept in offsets that follow edits. */
interface SolvedDocument {
  uri: string;
  result: SearchResult;
  threshold: number;
  /** End of the problem statement (or of the text searched) in the current document. */
  insertAt: MappedSpan;
}

export class SolveCommands implements vscode.Disposable {
  private solved?: SolvedDocument;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly host: Host) {
    this.subscription = vscode.workspace.onDidChangeTextDocument((e) => {
      if (this.solved && e.document.uri.toString() === this.solved.uri) {
        this.solved.insertAt = mapSpanThroughLog(this.solved.insertAt, [toTextChanges(e.contentChanges)]);
      }
    });
  }

  async solve(arg?: vscode.Uri | { uri?: string }): Promise<void> {
    const uri = arg instanceof vscode.Uri ? arg.toString() : arg?.uri;
    const editor = await editorFor(uri);
    if (!editor) {
      void vscode.window.showInformationMessage('Stepwise: open a document with a problem first.');
      return;
    }
    const { runs, panel } = this.host;
    const document = editor.document;
    const docUri = document.uri.toString();
    const selection = editor.selection.isEmpty ? undefined : editor.selection;
    const span = selection ? { start: document.offsetAt(selection.start), end: document.offsetAt(selection.end) } : { start: 0, end: document.getText().length };
    const text = document.getText().slice(span.start, span.end);
    const run = runs.begin('solve', docUri);
    if (!run) return busyWarning(this.host);
    panel.showRunning(true);
    let state: SearchReducer | undefined;
    try {
      const config = await runConfig(this.host);
      const problem = problemToSolve(text);
      const search = (state = runs.newSearch(problem, config.search.strategy, config.threshold));
      panel.beginSearch({ problem, strategy: config.search.strategy, threshold: config.threshold });
      void vscode.commands.executeCommand(`${VIEWS.searchTree}.focus`).then(undefined, () => undefined);
      const { document: parsed, result } = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Stepwise: ${config.search.strategy} search`, cancellable: true },
        async (progress, token) => {
          const sub = abortOnCancel(token, () => runs.cancel());
          try {
            return await engineApi.solveText(config, text, {
              signal: run.signal,
              search: config.search,
              onEvent: (e) => {
                if (search.apply(e)) runs.searchChanged();
                panel.pushSearchEvent(e);
                if (e.type === 'stats') {
                  const msg = `${search.size} nodes · ${e.stats.calls} calls`;
                  run.progress(`Stepwise: searching ${config.search.strategy} · ${msg}`);
                  progress.report({ message: msg });
                }
              },
            });
          } finally {
            sub.dispose();
          }
        },
      );
      search.apply({ type: 'finished', result });
      runs.searchChanged();
      panel.showSearchResult(result);
      // The problem's end in the text searched, then mapped through what the user typed meanwhile.
      const problemEnd = parsed.problem ? span.start + parsed.problem.end : span.end;
      const insertAt = mapSpanThroughLog({ start: problemEnd, end: problemEnd }, run.editLog);
      this.solved = { uri: docUri, result, threshold: config.threshold, insertAt };
      log().info(`Search finished (${result.stoppedBy}): ${verifySearchResult(result, { threshold: config.threshold }).summary} Search score ${formatScore(result.score)}, answer ${result.answer || 'none'}, ${result.stats.calls} calls, ${result.stats.wallMs} ms.`);
      if (result.steps.length) void this.offerInsert(result);
      else void vscode.window.showWarningMessage(`Stepwise: the search stopped (${result.stoppedBy}) before any solution was complete.`);
    } catch (err) {
      if (state) {
        state.fail(isCancellation(err, run.signal) ? 'cancelled' : err instanceof Error ? err.message : String(err));
        runs.searchChanged();
      }
      void showRunError(err, { retry: () => void this.solve({ uri: docUri }), pull: (m) => pullWithProgress(this.host, m), showInPanel: (m, f) => panel.showError(m, f) }, run.signal);
    } finally {
      runs.end(run);
      panel.showRunning(false);
    }
  }

  private async offerInsert(result: SearchResult): Promise<void> {
    const solved = this.solved;
    if (!solved) return;
    const verification = verifySearchResult(result, { threshold: solved.threshold });
    const answer = result.answer ? ` · answer ${result.answer}` : '';
    const stopped = result.stoppedBy === 'done' ? '' : ` (stopped: ${result.stoppedBy})`;
    const text = `Stepwise: ${bestPathVerdict(verification)}${answer} after ${result.stats.calls} model calls${stopped}. ${verification.summary}`;
    const show = verification.outcome === 'no-wrong-step' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    const choice = await show(text, 'Insert solution', 'Export Trace…');
    if (choice === 'Insert solution') await this.insertSolution();
    if (choice === 'Export Trace…') await vscode.commands.executeCommand(COMMANDS.exportTrace);
  }

  /** Writes the best solution below the problem and annotates it with the verdicts the engine gives its path. */
  async insertSolution(): Promise<void> {
    const solved = this.solved;
    if (!solved?.result.steps.length) {
      void vscode.window.showInformationMessage('Stepwise: run Solve with Verified Search first.');
      return;
    }
    const editor = await editorFor(solved.uri);
    if (!editor) return;
    const document = editor.document;
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const normalise = (t: string) => t.trim().replace(/\r?\n/g, eol);
    const { result } = solved;
    const stepTexts = result.steps.map((s) => normalise(s.text));
    const separator = `${eol}${eol}`;
    const at = Math.min(solved.insertAt.start, document.getText().length);
    const draft = verifySearchResult(result, { threshold: solved.threshold });
    const heading = `## Solution (Stepwise ${result.strategy}, ${bestPathVerdict(draft)})`;
    const prefix = `${eol}${eol}${heading}${eol}${eol}`;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.positionAt(at), `${prefix}${stepTexts.join(separator)}${eol}`);
    if (!(await vscode.workspace.applyEdit(edit))) return;
    const laidOut: VerifyResult = verifySearchResult(result, { threshold: solved.threshold, at: at + prefix.length, separator, texts: stepTexts });
    // Where the steps really landed (the editor may have changed line endings): the spans read back from the document.
    const spans = locateSteps(document.getText(), at, stepTexts, laidOut.steps);
    const verified: VerifyResult = { ...laidOut, steps: laidOut.steps.map((s, i) => ({ ...s, ...spans[i] })) };
    const end = verified.steps.at(-1)?.end ?? at + prefix.length;
    const annotations = DocAnnotations.place({ uri: solved.uri, problem: result.problem, result: verified, currentText: document.getText(), editsSinceStart: [] });
    this.host.runs.setDoc(annotations, { labelEveryStep: true });
    this.host.panel.showVerification({ docUri: solved.uri, fileName: document.fileName, problem: result.problem, result: verified, corrections: {} });
    editor.revealRange(new vscode.Range(document.positionAt(at + prefix.length), document.positionAt(end)), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    if (verified.outcome !== 'no-wrong-step') void vscode.window.showWarningMessage(`Stepwise: the inserted solution is ${bestPathVerdict(verified)}. ${verified.summary}`);
  }

  async openTrace(): Promise<void> {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Stepwise trace': ['json'] }, title: 'Open Stepwise Trace' });
    if (!picked?.[0]) return;
    try {
      const { result } = await engineApi.loadTrace(picked[0].fsPath);
      const state = this.host.runs.showSearch(SearchReducer.fromResult(result, readConfig().threshold));
      state.restored = true;
      this.host.panel.showSearch(state.snapshot());
      log().info(`Opened trace ${picked[0].fsPath}: ${result.nodes.length} nodes.`);
    } catch (err) {
      void showRunError(err);
    }
  }

  async exportTrace(): Promise<void> {
    const result = this.host.runs.search?.result;
    if (!result) {
      void vscode.window.showInformationMessage('Stepwise: there is no finished search to export yet.');
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      filters: { 'Stepwise trace': ['json'] },
      defaultUri: folder ? vscode.Uri.joinPath(folder, `stepwise-${result.strategy}-trace.json`) : undefined,
      title: 'Export Stepwise Trace',
    });
    if (!target) return;
    try {
      await engineApi.saveTrace(result, target.fsPath);
      void vscode.window.showInformationMessage(`Stepwise: trace saved to ${target.fsPath}.`);
    } catch (err) {
      void showRunError(err);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** "verified, score 0.93", "unverified (2 of 3 steps got no verdict)", "failed verification at step 2". */
export function bestPathVerdict(v: VerifyResult): string {
  switch (v.outcome) {
    case 'no-wrong-step':
      return `best solution verified, score ${formatScore(v.solutionScore)}`;
    case 'wrong-step':
      return `best solution failed verification at step ${v.firstError + 1}`;
    case 'incomplete':
      return `best solution unverified (${v.unscored} of ${v.steps.length} steps got no verdict)`;
    case 'unverified':
      return 'best solution unverified (no step got a verdict)';
  }
}
