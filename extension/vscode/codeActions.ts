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

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const doc = this.runs.docs.get(document.uri.toString());
    if (!doc) return [];
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code === DIAGNOSTIC_CODE);
    const from = document.offsetAt(range.start);
    const to = document.offsetAt(range.end);
    // Offered on a weak step whether or not VS Code passed its diagnostic along (it does not always, e.g. for
    // a range given to vscode.executeCodeActionProvider); the weak steps are exactly those with a diagnostic.
    return doc
      .weakSteps()
      .filter((s) => s.span.start <= to && from <= s.span.end)
      .map((tracked) => {
        const action = new vscode.CodeAction(APPLY_CORRECTION_TITLE, vscode.CodeActionKind.QuickFix);
        action.diagnostics = ours.filter((d) => document.offsetAt(d.range.start) === tracked.span.start);
        action.isPreferred = true;
        const args: ApplyCorrectionArgs = { uri: document.uri.toString(), stepIndex: tracked.step.index };
        action.command = { command: COMMANDS.applyCorrection, title: APPLY_CORRECTION_TITLE, arguments: [args] };
        return action;
      });
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
    const title = codeLensTitle(doc.currentResult(), doc.staleCount);
    return [new vscode.CodeLens(new vscode.Range(line, 0, line, 0), { title, command: COMMANDS.verify, arguments: [{ uri: doc.uri, again: true }] })];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
