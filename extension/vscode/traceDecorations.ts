// Each verified reasoning-trace section's verdict in the gutter of its first line, with its kind, score and
// corrections on the line above it. Decoration types are made once; a document's sections are dropped on its first
// edit (their offsets would no longer hold) until it is verified again.
import * as vscode from 'vscode';
import type { SectionVerdict, TraceResult, VerifiedSection } from '../engine/index';

const COLORS: Record<SectionVerdict, string> = {
  ok: 'stepwise.okForeground',
  doubtful: 'stepwise.doubtfulForeground',
  wrong: 'stepwise.wrongForeground',
  unscored: 'disabledForeground',
};

const KIND: Record<VerifiedSection['kind'], string> = {
  attempt: 'attempt',
  reflection: 'reflection',
  verification: 'check',
  'strategy-shift': 'strategy shift',
  continuation: 'continued',
};

/** The after-line text of a section: `§4 reflection · ✓ 0.95 ok · corrects §2`. */
export function sectionLabel(s: VerifiedSection, survivingError: number): string {
  const score = s.score === null ? 'no verdict' : `${s.verdict === 'wrong' ? '✗' : s.verdict === 'ok' ? '✓' : '?'} ${s.score.toFixed(2)} ${s.verdict}`;
  const parts = [`§${s.index + 1} ${KIND[s.kind]}`, score];
  if (s.recoveredBy !== undefined) parts.push(`recovered by §${s.recoveredBy + 1}`);
  if (s.recovers?.length) parts.push(`corrects ${s.recovers.map((i) => `§${i + 1}`).join(', ')}`);
  if (s.index === survivingError) parts.push('never corrected: reaches the answer');
  return parts.join(' · ');
}

/**
 * Where a section's label goes: on the blank (or short, e.g. `<think>`) line just above the section, where it reads
 * as a header and stays in view however long the section's first line is; else after the first line.
 */
function labelPosition(document: vscode.TextDocument, line: number): vscode.Position {
  const above = line > 0 ? document.lineAt(line - 1) : undefined;
  if (above && above.text.trim().length <= 24) return above.range.end;
  return document.lineAt(line).range.end;
}

export class TraceDecorations implements vscode.Disposable {
  private readonly traces = new Map<string, TraceResult>();
  private readonly labelType: vscode.TextEditorDecorationType;
  private readonly gutterTypes: Record<SectionVerdict | 'recovered', vscode.TextEditorDecorationType>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(extensionUri: vscode.Uri) {
    this.labelType = vscode.window.createTextEditorDecorationType({ after: { margin: '0 0 0 1em' }, rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed });
    const icon = (name: string) => vscode.Uri.joinPath(extensionUri, 'media', 'icons', `${name}.svg`);
    const gutter = (name: string, ruler?: string) =>
      vscode.window.createTextEditorDecorationType({
        gutterIconPath: icon(name),
        gutterIconSize: '70%',
        overviewRulerColor: ruler ? new vscode.ThemeColor(ruler) : undefined,
        overviewRulerLane: vscode.OverviewRulerLane.Left,
      });
    this.gutterTypes = {
      ok: gutter('ok'),
      doubtful: gutter('doubtful', COLORS.doubtful),
      wrong: gutter('wrong', COLORS.wrong),
      unscored: gutter('section-unscored'),
      recovered: gutter('section-recovered'),
    };
    this.disposables.push(
      this.labelType,
      ...Object.values(this.gutterTypes),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.render(e))),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.traces.delete(e.document.uri.toString())) this.renderUri(e.document.uri.toString());
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.traces.delete(d.uri.toString())),
    );
  }

  /** Shows a verification's trace sections on the document (undefined clears them). */
  set(uri: string, trace: TraceResult | undefined): void {
    if (trace) this.traces.set(uri, trace);
    else this.traces.delete(uri);
    this.renderUri(uri);
  }

  get(uri: string): TraceResult | undefined {
    return this.traces.get(uri);
  }

  private renderUri(uri: string): void {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.toString() === uri) this.render(editor);
  }

  render(editor: vscode.TextEditor): void {
    const trace = this.traces.get(editor.document.uri.toString());
    const labels: vscode.DecorationOptions[] = [];
    const gutters: Record<SectionVerdict | 'recovered', vscode.DecorationOptions[]> = { ok: [], doubtful: [], wrong: [], unscored: [], recovered: [] };
    const length = editor.document.getText().length;
    for (const s of trace?.sections ?? []) {
      if (s.end > length) continue;
      const first = editor.document.positionAt(s.start);
      const lineEnd = labelPosition(editor.document, first.line);
      const hover = new vscode.MarkdownString();
      hover.appendText(sectionLabel(s, trace!.survivingError));
      if (s.unscoredReason) hover.appendText(`\n\n${s.unscoredReason}`);
      labels.push({
        range: new vscode.Range(lineEnd, lineEnd),
        hoverMessage: hover,
        renderOptions: {
          after: {
            contentText: sectionLabel(s, trace!.survivingError),
            color: new vscode.ThemeColor(COLORS[s.verdict]),
            fontWeight: s.index === trace!.survivingError ? 'bold' : 'normal',
            fontStyle: s.recoveredBy !== undefined ? 'italic' : 'normal',
          },
        },
      });
      gutters[s.recoveredBy !== undefined ? 'recovered' : s.verdict].push({ range: new vscode.Range(first, first) });
    }
    editor.setDecorations(this.labelType, labels);
    for (const key of Object.keys(gutters) as (keyof typeof gutters)[]) editor.setDecorations(this.gutterTypes[key], gutters[key]);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.traces.clear();
  }
}
