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
import type { HostConfig } from './settingsKeys';
import { SolveCommands } from './solveCommands';
import { StatusItem } from './status';
import { SearchTreeProvider } from './treeView';
import { TraceDecorations } from './traceDecorations';
import { TraceFoldingProvider } from './traceFolding';
import { trackLastTextEditor } from './lastEditor';
import { SearchReducer } from '../searchReducer';

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
  // Settings are read on first need, just after activation: reading every setting is the slowest part of start-up.
  let config: HostConfig | undefined;
  const settings = () => (config ??= readConfig());
  const tree = new SearchTreeProvider(controller, () => settings().threshold);
  const panel = StepwisePanel.register(context, {
    applyCorrection: ({ docUri, stepIndex }) =>
      Promise.resolve(vscode.commands.executeCommand(COMMANDS.applyCorrection, { uri: docUri, stepIndex })).then(() => undefined),
    cancel: () => controller.cancel(),
    insertSolution: () => Promise.resolve(vscode.commands.executeCommand(COMMANDS.insertSolution)).then(() => undefined),
    copySolution: () => copySolution(controller),
    restoredSearch: (snapshot) => controller.showSearch(SearchReducer.fromSnapshot({ ...snapshot, restored: true })).snapshot(),
    selectNode: (id) => void tree.reveal(id),
    verifyAgain: (docUri) => void vscode.commands.executeCommand(COMMANDS.verify, { uri: docUri, again: true }),
  });
  const traces = new TraceDecorations(context.extensionUri);
  const host: Host = { context, runs: controller, keys: new ApiKeys(context.secrets), panel, tree, traces };
  const solve = new SolveCommands(host);
  const status = new StatusItem(controller);
  setImmediate(() => status.update(settings()));
  const codeLens = new VerifyCodeLens(controller);
  context.subscriptions.push(
    trackLastTextEditor(),
    controller,
    tree,
    solve,
    status,
    codeLens,
    new StepDecorations(context.extensionUri, controller),
    new StepDiagnostics(controller),
    traces,
    vscode.languages.registerFoldingRangeProvider(ANNOTATED_DOCUMENTS, new TraceFoldingProvider()),
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

/** A restored search's solution, for the clipboard (nothing remembers which document it belonged to). */
async function copySolution(runs: RunController): Promise<void> {
  const result = runs.search?.result;
  if (!result?.steps.length) throw new Error('There is no finished search with a solution to copy.');
  await vscode.env.clipboard.writeText(result.steps.map((s) => s.text.trim()).join('\n\n'));
  void vscode.window.showInformationMessage(`Stepwise: copied the best solution (${result.steps.length} steps).`);
}

export function deactivate(): void {
  runs?.cancel();
  runs = undefined;
}
