// Inline scores after each step, gutter icons and evidence hovers. Decoration types are made once;
// each render is one setDecorations call per type per visible editor, debounced after edits.
import * as vscode from 'vscode';
import type { Verdict } from '../engine/index';
import type { DocAnnotations, TrackedStep } from './docAnnotations';
import { inlineScoreText, stepHoverMarkdown } from './format';
import type { RunController } from './run';

const COLORS: Record<Verdict, string> = {
  ok: 'stepwise.okForeground',
  doubtful: 'stepwise.doubtfulForeground',
  wrong: 'stepwise.wrongForeground',
};

export class StepDecorations implements vscode.Disposable {
  private readonly scoreType: vscode.TextEditorDecorationType;
  private readonly hoverType: vscode.TextEditorDecorationType;
  private readonly gutterTypes: Record<Verdict, vscode.TextEditorDecorationType>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pending = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;

  constructor(extensionUri: vscode.Uri, private readonly runs: RunController) {
    this.scoreType = vscode.window.createTextEditorDecorationType({
      after: { margin: '0 0 0 2em' },
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
    this.hoverType = vscode.window.createTextEditorDecorationType({ rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed });
    const gutter = (verdict: Verdict) =>
      vscode.window.createTextEditorDecorationType({
        gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', 'icons', `${verdict}.svg`),
        gutterIconSize: '70%',
        overviewRulerColor: verdict === 'ok' ? undefined : new vscode.ThemeColor(COLORS[verdict]),
        overviewRulerLane: vscode.OverviewRulerLane.Right,
      });
    this.gutterTypes = { ok: gutter('ok'), doubtful: gutter('doubtful'), wrong: gutter('wrong') };
    this.disposables.push(
      this.scoreType,
      this.hoverType,
      ...Object.values(this.gutterTypes),
      runs.onDidChangeDoc((uri) => this.schedule(uri)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.render(e))),
    );
    vscode.window.visibleTextEditors.forEach((e) => this.render(e));
  }

  /** Renders soon; edits arrive keystroke by keystroke. */
  private schedule(uri: string | undefined): void {
    this.pending.add(uri ?? '*');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const all = this.pending.has('*');
      const uris = new Set(this.pending);
      this.pending.clear();
      for (const editor of vscode.window.visibleTextEditors) {
        if (all || uris.has(editor.document.uri.toString())) this.render(editor);
      }
    }, 80);
  }

  render(editor: vscode.TextEditor): void {
    const doc = this.runs.docs.get(editor.document.uri.toString());
    const scores: vscode.DecorationOptions[] = [];
    const hovers: vscode.DecorationOptions[] = [];
    const gutters: Record<Verdict, vscode.DecorationOptions[]> = { ok: [], doubtful: [], wrong: [] };
    const length = doc ? editor.document.getText().length : 0;
    for (const tracked of doc?.steps ?? []) {
      const ranges = this.rangesFor(editor.document, length, tracked);
      if (!ranges) continue;
      const stale = tracked.span.stale;
      const hover = new vscode.MarkdownString(stepHoverMarkdown(tracked.step, { threshold: doc!.result.threshold, stale }));
      hover.isTrusted = false;
      hover.supportHtml = false;
      scores.push({ range: ranges.after, renderOptions: { after: this.afterStyle(doc!, tracked) } });
      hovers.push({ range: ranges.whole, hoverMessage: hover });
      if (!stale) gutters[tracked.step.verdict].push({ range: ranges.first });
    }
    editor.setDecorations(this.scoreType, scores);
    editor.setDecorations(this.hoverType, hovers);
    for (const verdict of Object.keys(gutters) as Verdict[]) editor.setDecorations(this.gutterTypes[verdict], gutters[verdict]);
  }

  private afterStyle(doc: DocAnnotations, tracked: TrackedStep): vscode.ThemableDecorationAttachmentRenderOptions {
    const stale = tracked.span.stale;
    return {
      contentText: inlineScoreText(tracked.step, { firstError: doc.firstErrorIndex() === tracked.step.index, stale }),
      color: new vscode.ThemeColor(stale ? 'disabledForeground' : COLORS[tracked.step.verdict]),
      fontStyle: stale ? 'italic' : 'normal',
      fontWeight: !stale && tracked.step.verdict === 'wrong' ? 'bold' : 'normal',
    };
  }

  private rangesFor(document: vscode.TextDocument, length: number, tracked: TrackedStep): { first: vscode.Range; after: vscode.Range; whole: vscode.Range } | undefined {
    const { start, end } = tracked.span;
    if (start < 0 || end > length || end < start) return undefined;
    const startPos = document.positionAt(start);
    const lastPos = document.positionAt(Math.max(start, end - 1));
    const lineEnd = document.lineAt(lastPos.line).range.end;
    return {
      first: new vscode.Range(startPos, startPos),
      after: new vscode.Range(lineEnd, lineEnd),
      whole: new vscode.Range(startPos, document.positionAt(end)),
    };
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
