// Engine errors become notifications with a button where there is a fix; a cancel stays quiet.
import * as vscode from 'vscode';
import { isCancellation, ModelNotFound, StepwiseError } from '../engine/index';
import { COMMANDS } from './ids';
import { log } from './log';
import { updateSetting } from './settings';
import { SECTION } from './settingsKeys';

export interface ErrorActions {
  /** Run again after the user fixed something (Retry, or after a pull). */
  retry?: () => void;
  /** Pull a missing Ollama model. */
  pull?: (model: string) => Promise<boolean>;
  /** Also show the error in the panel (verify and solve runs). */
  showInPanel?: (message: string, fix?: string) => void;
}

export async function showRunError(err: unknown, actions: ErrorActions = {}, signal?: AbortSignal): Promise<void> {
  if (isCancellation(err, signal)) {
    log().info('Cancelled.');
    return;
  }
  if (!(err instanceof StepwiseError)) {
    log().error(err instanceof Error ? err : String(err));
    const message = err instanceof Error ? err.message : String(err);
    actions.showInPanel?.(`Unexpected error: ${message}`);
    if ((await vscode.window.showErrorMessage(`Stepwise: ${message}`, 'Show log')) === 'Show log') log().show(true);
    return;
  }
  log().warn(`${err.name} (${err.code}): ${err.message}`);
  actions.showInPanel?.(err.message, err.fix);
  const buttons: string[] = [];
  const model = err instanceof ModelNotFound && err.fix?.startsWith('ollama pull') ? err.model : undefined;
  if (model && actions.pull) buttons.push('Pull model');
  if (err.code === 'server-unreachable' || err.code === 'timeout') buttons.push('Open settings');
  if (err.code === 'auth-failed') buttons.push('Set API key');
  if (err.code === 'no-logprobs') buttons.push('Use verbal scorer');
  if ((err.code === 'model-not-found' && !model) || err.code === 'not-allowed') buttons.push('Select model');
  // Errors from the editor's models name Ollama as the way out.
  if (/use Ollama/.test(err.message)) buttons.push('Use Ollama');
  if (actions.retry && ['server-unreachable', 'timeout', 'rate-limited', 'http-error', 'bad-model-output'].includes(err.code)) buttons.push('Retry');
  const show = err.code === 'empty-solution' || err.code === 'invalid-options' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  const choice = await show(`Stepwise: ${err.message}`, ...buttons);
  switch (choice) {
    case 'Pull model':
      if (model && (await actions.pull!(model))) actions.retry?.();
      break;
    case 'Open settings':
      await vscode.commands.executeCommand('workbench.action.openSettings', `@ext:stepwise.stepwise ${SECTION}`);
      break;
    case 'Set API key':
      await vscode.commands.executeCommand(COMMANDS.setApiKey);
      break;
    case 'Use verbal scorer':
      await vscode.workspace.getConfiguration(SECTION).update('scorer', 'verbal', vscode.ConfigurationTarget.Global);
      actions.retry?.();
      break;
    case 'Select model':
      await vscode.commands.executeCommand(COMMANDS.selectModel);
      break;
    case 'Use Ollama': {
      const section = vscode.workspace.getConfiguration(SECTION);
      for (const key of ['policyProvider', 'verifierProvider'] as const) if (section.get(key)) await updateSetting(key, undefined);
      await updateSetting('provider', 'ollama');
      await vscode.commands.executeCommand(COMMANDS.testConnection);
      break;
    }
    case 'Retry':
      actions.retry?.();
      break;
  }
}

/** Converts a VS Code cancellation into the run's abort, exactly once. */
export function abortOnCancel(token: vscode.CancellationToken, abort: () => void): vscode.Disposable {
  if (token.isCancellationRequested) abort();
  return token.onCancellationRequested(abort);
}
