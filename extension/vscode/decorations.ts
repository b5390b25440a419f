// Inline scores after each step, gutter icons and evidence hovers. Decoration types are made once;
// each render is one setDecorations call per type per visible editor, debounced after edits.
import * as vscode from 'vscode';
import type { TrackedStep } from './docAnnotations';
import { stepHoverMarkdown } from './format';
import type { RunController } from './run';
import { marksFor, type GutterMark, type Tone } from './stepMarks';

const COLORS: Record<Tone, string> = {
  ok: 'stepwise.okForeground',
  doubtful: 'stepwise.doubtfulForeground',
  wrong: 'stepwise.wrongForeground',
  unscored: 'stepwise.unscoredForeground',
  stale: 'disabledForeground',
};
const GUTTER_MARKS: GutterMark[] = ['ok', 'doubtful', 'wrong', 'follows', 'unscored'];
/** The overview ruler shows what needs attention, in the colour of its severity. */
const RULER: Partial<Record<GutterMark, string>> = { wrong: 'stepwise.wrongForeground', doubtful: 'stepwise.doubtfulForeground', follows: 'editorInfo.foreground' };

/** `stepwise.annotations.showOk` (contributed by the options schema): label ok steps too. */
export const SHOW_OK_SETTING = 'stepwise.annotations.showOk';

export class StepDecorations implements vscode.Disposable {
  private readonly scoreType: vscode.TextEditorDecorationType;
  private readonly hoverType: vscode.TextEditorDecorationType;
  private readonly gutterTypes: Record<GutterMark, vscode.TextEditorDecorationType>;
  private showOk = readShowOk();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pending = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;

  constructor(extensionUri: vscode.Uri, private readonly runs: RunController) {
    this.scoreType = vscode.window.createTextEditorDecorationType({
      after: { margin: '0 0 0 2em' },
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
    this.hoverType = vscode.window.createTextEditorDecorationType({ rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed });
    const gutter = (mark: GutterMark) =>
      vscode.window.createTextEditorDecorationType({
        gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', 'icons', `${mark}.svg`),
        gutterIconSize: '70%',
        overviewRulerColor: RULER[mark] ? new vscode.ThemeColor(RULER[mark]!) : undefined,
        overviewRulerLane: vscode.OverviewRulerLane.Right,
      });
    this.gutterTypes = Object.fromEntries(GUTTER_MARKS.map((m) => [m, gutter(m)])) as Record<GutterMark, vscode.TextEditorDecorationType>;
    this.disposables.push(
      this.scoreType,
      this.hoverType,
      ...Object.values(this.gutterTypes),
      runs.onDidChangeDoc((uri) => this.schedule(uri)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.render(e))),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SHOW_OK_SETTING)) return;
        this.showOk = readShowOk();
        this.schedule(undefined);
      }),
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
    const gutters = Object.fromEntries(GUTTER_MARKS.map((m) => [m, [] as vscode.DecorationOptions[]])) as Record<GutterMark, vscode.DecorationOptions[]>;
    const length = doc ? editor.document.getText().length : 0;
    const firstError = doc?.firstErrorIndex() ?? -1;
    for (const tracked of doc?.steps ?? []) {
      const ranges = this.rangesFor(editor.document, length, tracked);
      if (!ranges) continue;
      const stale = tracked.span.stale;
      const hover = new vscode.MarkdownString(stepHoverMarkdown(tracked.step, { threshold: doc!.result.threshold, stale }));
      hover.isTrusted = false;
      hover.supportHtml = false;
      const marks = marksFor(tracked.step, { firstError, stale, showOk: this.showOk || this.runs.labelEveryStep.has(doc!.uri) });
      if (marks.label) scores.push({ range: ranges.after, renderOptions: { after: this.afterStyle(marks.label, marks.tone) } });
      hovers.push({ range: ranges.whole, hoverMessage: hover });
      if (marks.gutter) gutters[marks.gutter].push({ range: ranges.first });
    }
    editor.setDecorations(this.scoreType, scores);
    editor.setDecorations(this.hoverType, hovers);
    for (const mark of GUTTER_MARKS) editor.setDecorations(this.gutterTypes[mark], gutters[mark]);
  }

  private afterStyle(label: string, tone: Tone): vscode.ThemableDecorationAttachmentRenderOptions {
    return {
      contentText: label,
      color: new vscode.ThemeColor(COLORS[tone]),
      fontStyle: tone === 'stale' ? 'italic' : 'normal',
      fontWeight: tone === 'wrong' ? 'bold' : 'normal',
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

function readShowOk(): boolean {
  return vscode.workspace.getConfiguration().get<boolean>(SHOW_OK_SETTING, false) === true;
}
