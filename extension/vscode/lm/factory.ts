// The port's VS Code side: the factory the engine calls for the `vscode` provider kind.
import * as vscode from 'vscode';
import type { ProviderFactories } from '../../engine/index';
import { COMMANDS } from '../ids';
import { log } from '../log';
import { describeEditorModel } from './models';
import { EditorModelProvider } from './provider';

/** Models already announced in this window: the fallback is said once, not on every request. */
const announced = new Set<string>();

function announceDefault(model: vscode.LanguageModelChat): void {
  if (announced.has(model.id)) return;
  announced.add(model.id);
  const message = `Stepwise: no model is named in the settings, so it uses the editor's ${describeEditorModel(model)}.`;
  log().info(message);
  void vscode.window.showInformationMessage(message, 'Select Model').then((choice) => {
    if (choice) void vscode.commands.executeCommand(COMMANDS.selectModel);
  });
}

export function editorModelFactories(): ProviderFactories {
  return { vscode: () => new EditorModelProvider(announceDefault) };
}
