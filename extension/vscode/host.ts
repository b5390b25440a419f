// What every command needs, built once at activation and passed down (no module-level mutable state).
import type * as vscode from 'vscode';
import type { StepwisePanel } from './panel';
import type { RunController } from './run';
import type { ApiKeys } from './secrets';
import type { SearchTreeProvider } from './treeView';
import type { TraceDecorations } from './traceDecorations';

export interface Host {
  readonly context: vscode.ExtensionContext;
  readonly runs: RunController;
  readonly keys: ApiKeys;
  readonly panel: StepwisePanel;
  readonly tree: SearchTreeProvider;
  readonly traces: TraceDecorations;
}
