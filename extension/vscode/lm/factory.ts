// The port's VS Code side: the factory the engine calls for the `vscode` provider kind.
import * as vscode from 'vscode';
import type { EngineConfig, ProviderFactories } from '../../engine/index';
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

/**
 * A role on the editor's models with no model named gets the first model the editor lists, said once, so that the
 * engine (and its choice of scorer) sees a real model id. With no models at all the name stays empty and the first
 * request says there are none.
 */
export async function resolveEditorModels<C extends Pick<EngineConfig, 'provider' | 'verifierProvider' | 'policyModel' | 'verifierModel'>>(config: C): Promise<C> {
  const policyOnEditor = config.provider.kind === 'vscode';
  const verifierOnEditor = (config.verifierProvider ?? config.provider).kind === 'vscode';
  const needPolicy = policyOnEditor && !config.policyModel.trim();
  const needVerifier = verifierOnEditor && !config.verifierModel.trim();
  if (!needPolicy && !needVerifier) return config;
  const [first] = await Promise.resolve(vscode.lm.selectChatModels()).then((m) => m, () => [] as vscode.LanguageModelChat[]);
  if (!first) return config;
  announceDefault(first);
  return { ...config, ...(needPolicy ? { policyModel: first.id } : {}), ...(needVerifier ? { verifierModel: first.id } : {}) };
}

export function editorModelFactories(): ProviderFactories {
  return { vscode: () => new EditorModelProvider(announceDefault) };
}
