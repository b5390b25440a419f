// Registers every command; each group lives in its own file.
import * as vscode from 'vscode';
import type { ApplyCorrectionArgs } from './codeActions';
import type { Host } from './host';
import { COMMANDS, type CommandId } from './ids';
import { log } from './log';
import { selectModel, testConnection } from './modelCommands';
import { readConfig } from './settings';
import type { SolveCommands } from './solveCommands';
import { insertText } from './chat/participant';
import { applyCorrection, verify, type VerifyArgs } from './verifyCommands';

export function registerCommands(host: Host, solve: SolveCommands): vscode.Disposable[] {
  const { runs, panel } = host;
  const handlers: Record<CommandId, (...args: any[]) => unknown> = {
    [COMMANDS.verify]: (args?: VerifyArgs | vscode.Uri) => verify(host, args),
    [COMMANDS.solve]: (args?: vscode.Uri | { uri?: string }) => solve.solve(args),
    [COMMANDS.selectModel]: () => selectModel(host),
    [COMMANDS.setApiKey]: () => host.keys.promptAndStore(readConfig()),
    [COMMANDS.testConnection]: () => testConnection(host),
    [COMMANDS.cancel]: () => {
      if (runs.cancel()) log().info('Cancel requested.');
    },
    [COMMANDS.openTrace]: () => solve.openTrace(),
    [COMMANDS.exportTrace]: () => solve.exportTrace(),
    [COMMANDS.clearAnnotations]: (uri?: vscode.Uri) => runs.clearDocs(uri instanceof vscode.Uri ? uri.toString() : undefined),
    [COMMANDS.showPanel]: () => panel.show(),
    [COMMANDS.insertSolution]: () => solve.insertSolution(),
    [COMMANDS.applyCorrection]: (args: ApplyCorrectionArgs) => applyCorrection(host, args),
    // Tree → panel, in every state: after Insert solution the panel shows the verification, so the search
    // comes back first; after a reload the tree's search is the one the panel restored.
    [COMMANDS.revealNode]: (id: string) => panel.revealNode(id, () => runs.search?.snapshot()),
    [COMMANDS.openExample]: async () => {
      const uri = vscode.Uri.joinPath(host.context.extensionUri, 'examples', 'flamingos.md');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    },
    [COMMANDS.showLog]: () => log().show(),
    [COMMANDS.insertText]: (text: unknown) => insertText(text),
  };
  return Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}
