// The status bar item: provider and model when idle (click: Select Model), progress while running (click: Cancel).
import * as vscode from 'vscode';
import { COMMANDS } from './ids';
import type { RunController } from './run';
import { describeEndpoint, type HostConfig } from './settingsKeys';

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('stepwise.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;
  private progress: string | undefined;

  constructor(runs: RunController, private config: HostConfig) {
    this.item.name = 'Stepwise';
    this.subscription = runs.onDidChangeRunning((text) => {
      this.progress = text;
      this.render();
    });
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
    this.item.text = `$(beaker) Stepwise: ${c.provider.kind} · ${c.policyModel}`;
    const verifier = c.verifierModel !== c.policyModel ? `\nVerifier: ${c.verifierModel}` : '';
    this.item.tooltip = `Endpoint: ${describeEndpoint(c)}\nPolicy: ${c.policyModel}${verifier}\nScorer: ${c.scorer} · strategy ${c.search.strategy}\nClick to select a model`;
    this.item.command = COMMANDS.selectModel;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
