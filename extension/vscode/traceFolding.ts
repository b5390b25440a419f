// Folds a reasoning trace by section: one range for the whole `<think>` block and one per section, computed from
// the text alone (no model), so a pasted R1 answer folds before it is ever verified.
import * as vscode from 'vscode';
import { parseDocument, splitTrace } from '../engine/index';

export class TraceFoldingProvider implements vscode.FoldingRangeProvider {
  provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] {
    const text = document.getText();
    // A cheap test first: most documents hold no trace at all.
    if (!/<\/?(?:think|thinking|reasoning)>|^\s*(?:\*\*|#+\s*)?(?:thinking|thought for|reasoning)/im.test(text)) return [];
    const parsed = parseDocument(text);
    if (!parsed.trace) return [];
    const ranges: vscode.FoldingRange[] = [];
    const line = (offset: number) => document.positionAt(offset).line;
    const whole = { start: line(parsed.trace.start), end: line(parsed.trace.end) };
    // The `<think>` tag line itself opens the fold when it sits on the line above the trace.
    const opener = whole.start > 0 && /<(?:think|thinking|reasoning)>\s*$/i.test(document.lineAt(whole.start - 1).text) ? whole.start - 1 : whole.start;
    if (whole.end > opener) ranges.push(new vscode.FoldingRange(opener, whole.end, vscode.FoldingRangeKind.Region));
    for (const section of splitTrace(text, parsed.trace)) {
      const start = line(section.start);
      const end = line(section.end);
      if (end > start && start !== opener) ranges.push(new vscode.FoldingRange(start, end));
    }
    return ranges;
  }
}
