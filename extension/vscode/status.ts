// The status bar item: provider and model when idle (click: Select Model), progress while running (click: Cancel),
// and the active document's last verification as the engine summed it up (how many steps got no verdict, and why).
import * as vscode from 'vscode';
import type { VerifyOutcome } from '../engine/index';
import { COMMANDS } from './ids';
import type { RunController } from './run';
import { describeEndpoint, type HostConfig } from './settingsKeys';

const OUTCOME_TEXT: Record<VerifyOutcome, string> = {
  'no-wrong-step': 'no wrong step',
  'wrong-step': 'wrong step found',
  incomplete: 'incomplete',
  unverified: 'unverified',
};

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('stepwise.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;
  private progress: string | undefined;

  /** `config` arrives just after activation (reading every setting is kept off the activation path). */
  constructor(private readonly runs: RunController, private config?: HostConfig) {
    this.item.name = 'Stepwise';
    this.subscription = vscode.Disposable.from(
      runs.onDidChangeRunning((text) => {
        this.progress = text;
        this.render();
      }),
      runs.onDidChangeDoc(() => this.render()),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
    );
    this.render();
    this.item.show();
  }

  update(config: HostConfig): void {
    this.config = config;
    this.render();
  }

  private render(): void {
    if (this.progress) {
      this.item.text = `$(sync~spin) ${this.progress}`;
      this.item.tooltip = 'Stepwise is running: click to cancel';
      this.item.command = COMMANDS.cancel;
      return;
    }
    const c = this.config;
    if (!c) {
      this.item.text = '$(beaker) Stepwise';
      this.item.command = COMMANDS.selectModel;
      return;
    }
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const result = uri ? this.runs.docs.get(uri)?.currentResult() : undefined;
    const verdict = result ? ` · ${OUTCOME_TEXT[result.outcome]}${result.unscored && result.judged ? ` (${result.unscored} no verdict)` : ''}` : '';
    const policy = c.policyModel || "the editor's first model";
    this.item.text = `$(beaker) Stepwise: ${c.provider.kind} · ${policy}${verdict}`;
    const verifier = c.verifierModel !== c.policyModel ? `\nVerifier: ${c.verifierModel}` : '';
    const summary = result ? `\n\nLast verification: ${result.summary}` : '';
    this.item.tooltip = `Endpoint: ${describeEndpoint(c)}\nPolicy: ${policy}${verifier}\nScorer: ${c.scorer} · strategy ${c.search.strategy}${summary}\nClick to select a model`;
    this.item.command = COMMANDS.selectModel;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
