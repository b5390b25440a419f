// Weak steps in the Problems view: wrong as warnings, doubtful as information, never for edited steps.
import * as vscode from 'vscode';
import { DIAGNOSTIC_CODE, DIAGNOSTIC_SOURCE } from './ids';
import { diagnosticMessage } from './format';
import type { RunController } from './run';

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
    const diagnostics = doc.weakSteps().map((tracked) => {
      const range = new vscode.Range(document.positionAt(tracked.span.start), document.positionAt(tracked.span.end));
      const severity = tracked.step.verdict === 'wrong' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
      const d = new vscode.Diagnostic(range, diagnosticMessage(tracked.step, doc.firstErrorIndex() === tracked.step.index), severity);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = DIAGNOSTIC_CODE;
      return d;
    });
    this.collection.set(document.uri, diagnostics);
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}
