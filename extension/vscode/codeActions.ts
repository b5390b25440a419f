declare const require: (m: string) => { appendFileSync(p: string, s: string): void };
// The lightbulb on a weak step (Apply suggested correction) and the CodeLens above a verified solution.
import * as vscode from 'vscode';
import { APPLY_CORRECTION_TITLE, COMMANDS, DIAGNOSTIC_CODE, DIAGNOSTIC_SOURCE } from './ids';
import { codeLensTitle } from './format';
import type { RunController } from './run';

export const ANNOTATED_DOCUMENTS: vscode.DocumentSelector = [
  { language: 'markdown' },
  { language: 'plaintext' },
  { language: 'latex' },
];

export interface ApplyCorrectionArgs {
  uri: string;
  stepIndex: number;
}

export class CorrectionActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly runs: RunController) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const doc = this.runs.docs.get(document.uri.toString());
    require('node:fs').appendFileSync('/tmp/stepwise-debug.log', JSON.stringify([document.uri.toString(), [...this.runs.docs.keys()], context.diagnostics.map((d) => [d.source, d.code, document.offsetAt(d.range.start)]), doc?.steps.map((s) => [s.span.start, s.span.stale])]) + '\n');
    if (!doc) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || diagnostic.code !== DIAGNOSTIC_CODE) continue;
      const offset = document.offsetAt(diagnostic.range.start);
      const tracked = doc.steps.find((s) => !s.span.stale && s.span.start === offset);
      if (!tracked) continue;
      const action = new vscode.CodeAction(APPLY_CORRECTION_TITLE, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      const args: ApplyCorrectionArgs = { uri: document.uri.toString(), stepIndex: tracked.step.index };
      action.command = { command: COMMANDS.applyCorrection, title: APPLY_CORRECTION_TITLE, arguments: [args] };
      actions.push(action);
    }
    return actions;
  }
}

export class VerifyCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly runs: RunController) {
    this.subscription = runs.onDidChangeDoc(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const doc = this.runs.docs.get(document.uri.toString());
    const first = doc?.steps[0];
    if (!doc || !first) return [];
    const line = document.positionAt(Math.min(first.span.start, document.getText().length)).line;
    const title = codeLensTitle(
      doc.steps.map((s) => s.step),
      doc.staleCount,
    );
    return [new vscode.CodeLens(new vscode.Range(line, 0, line, 0), { title, command: COMMANDS.verify, arguments: [{ uri: doc.uri, again: true }] })];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
