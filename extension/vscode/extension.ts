// Activation registers views, commands and listeners and returns; no engine work happens until a command runs.
import * as vscode from 'vscode';
import { registerChatParticipant } from './chat/participant';
import { registerTools } from './chat/tools';
import { CorrectionActions, ANNOTATED_DOCUMENTS, VerifyCodeLens } from './codeActions';
import { registerCommands } from './commands';
import { StepDecorations } from './decorations';
import { StepDiagnostics } from './diagnostics';
import type { Host } from './host';
import { COMMANDS } from './ids';
import { disposeLog } from './log';
import { StepwisePanel } from './panel';
import { RunController } from './run';
import { ApiKeys } from './secrets';
import { onSettingsChanged, readConfig } from './settings';
import { SolveCommands } from './solveCommands';
import { StatusItem } from './status';
import { SearchTreeProvider } from './treeView';

let runs: RunController | undefined;

/** What activation hands other extensions (and the end-to-end tests): how long activate() took, in ms. */
export interface StepwiseApi {
  /** Wall time; on a busy machine it includes time the process waited for a core. */
  readonly activationMs: number;
  /** CPU time the extension host spent in activate(): the cost of activation itself. */
  readonly activationCpuMs: number;
}

export function activate(context: vscode.ExtensionContext): StepwiseApi {
  const started = performance.now();
  const cpu = process.cpuUsage();
  runs = new RunController();
  const controller = runs;
  let config = readConfig();
  const tree = new SearchTreeProvider(controller, () => config.threshold);
  const panel = StepwisePanel.register(context, {
    applyCorrection: ({ docUri, stepIndex }) =>
      Promise.resolve(vscode.commands.executeCommand(COMMANDS.applyCorrection, { uri: docUri, stepIndex })).then(() => undefined),
    cancel: () => controller.cancel(),
    insertSolution: () => Promise.resolve(vscode.commands.executeCommand(COMMANDS.insertSolution)).then(() => undefined),
    selectNode: (id) => void tree.reveal(id),
    verifyAgain: (docUri) => void vscode.commands.executeCommand(COMMANDS.verify, { uri: docUri, again: true }),
  });
  const host: Host = { context, runs: controller, keys: new ApiKeys(context.secrets), panel, tree };
  const solve = new SolveCommands(host);
  const status = new StatusItem(controller, config);
  const codeLens = new VerifyCodeLens(controller);
  context.subscriptions.push(
    controller,
    tree,
    solve,
    status,
    codeLens,
    new StepDecorations(context.extensionUri, controller),
    new StepDiagnostics(controller),
    vscode.languages.registerCodeActionsProvider(ANNOTATED_DOCUMENTS, new CorrectionActions(controller), CorrectionActions.metadata),
    vscode.languages.registerCodeLensProvider(ANNOTATED_DOCUMENTS, codeLens),
    ...registerCommands(host, solve),
    onSettingsChanged(() => {
      config = readConfig();
      status.update(config);
      for (const problem of config.problems) void vscode.window.showWarningMessage(`Stepwise: ${problem}`);
    }),
    registerChatParticipant(host),
    ...registerTools(host),
    { dispose: disposeLog },
  );
  const spent = process.cpuUsage(cpu);
  return { activationMs: performance.now() - started, activationCpuMs: (spent.user + spent.system) / 1000 };
}

export function deactivate(): void {
  runs?.cancel();
  runs = undefined;
}
