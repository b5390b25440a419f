// Weak steps in the Problems view, with the same severity as their gutter icon (stepMarks.ts decides both): the
// first error is an Error, a doubtful step before it a Warning, weak steps after it Information that point back to
// it. Squiggles cover a step's first line only; edited and unscored steps get none.
import * as vscode from 'vscode';
import { DIAGNOSTIC_CODE, DIAGNOSTIC_SOURCE } from './ids';
import type { RunController } from './run';
import { firstLineEnd, marksFor, type Severity } from './stepMarks';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

export class StepDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('stepwise');
  private readonly subscription: vscode.Disposable;

  constructor(private readonly runs: RunController) {
    this.subscription = runs.onDidChangeDoc((uri) => (uri ? this.update(uri) : this.updateAll()));
  }

  private updateAll(): void {
    this.collection.clear();
    for (const uri of this.runs.docs.keys()) this.update(uri);
  }

  private update(uri: string): void {
    const doc = this.runs.docs.get(uri);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (!doc || !document) {
      this.collection.delete(vscode.Uri.parse(uri));
      return;
    }
    const text = document.getText();
    const firstError = doc.firstErrorIndex();
    const diagnostics: vscode.Diagnostic[] = [];
    for (const tracked of doc.weakSteps()) {
      const marks = marksFor(tracked.step, { firstError, stale: tracked.span.stale });
      if (!marks.diagnostic) continue;
      const { start, end } = tracked.span;
      const range = new vscode.Range(document.positionAt(start), document.positionAt(firstLineEnd(text, start, end)));
      const d = new vscode.Diagnostic(range, marks.diagnostic.message, SEVERITY[marks.diagnostic.severity]);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = DIAGNOSTIC_CODE;
      diagnostics.push(d);
    }
    this.collection.set(document.uri, diagnostics);
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}
