// Settings are read here and nowhere else: one snapshot per run, passed down as plain data.
import * as vscode from 'vscode';
import { endpointWarnings } from '../engine/index';
import { editorModelFactories, resolveEditorModels } from './lm/factory';
import { loggingFetch } from './log';
import type { ApiKeys } from './secrets';
import { describeEndpoint, readSettings, SECTION, toHostConfig, type HostConfig, type SettingKey } from './settingsKeys';

/** A snapshot of the settings, without the API key. */
export function readConfig(): HostConfig {
  const section = vscode.workspace.getConfiguration(SECTION);
  const { settings, problems } = readSettings((key) => section.get(key));
  return toHostConfig(settings, problems);
}

/** The snapshot a run uses: the API key from SecretStorage and a fetch that logs requests. */
/** Endpoints already warned about in this window: once is enough. */
const warnedEndpoints = new Set<string>();

export async function readRunConfig(keys: ApiKeys): Promise<HostConfig> {
  const config = readConfig();
  for (const warning of endpointWarnings(config)) {
    if (warnedEndpoints.has(warning)) continue;
    warnedEndpoints.add(warning);
    void vscode.window.showWarningMessage(`Stepwise: ${warning}`);
  }
  const needsKey = config.provider.kind === 'openai' || config.verifierProvider?.kind === 'openai';
  const apiKey = needsKey ? await keys.get(describeEndpoint({ provider: config.verifierProvider?.kind === 'openai' ? config.verifierProvider : config.provider })) : undefined;
  const server = (p: HostConfig['provider']): HostConfig['provider'] => ({ ...p, ...(apiKey && p.kind === 'openai' ? { apiKey } : {}), fetch: loggingFetch });
  return resolveEditorModels({
    ...config,
    provider: server(config.provider),
    ...(config.verifierProvider ? { verifierProvider: server(config.verifierProvider) } : {}),
    // The editor's models reach the engine through this port (the engine has no `vscode`).
    providerFactories: editorModelFactories(),
  });
}

export function onSettingsChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SECTION)) listener();
  });
}

/** Writes a setting where the user keeps it: the workspace when it is set there, else the user settings. */
export async function updateSetting(key: SettingKey, value: unknown): Promise<void> {
  const section = vscode.workspace.getConfiguration(SECTION);
  const inspected = section.inspect(key);
  const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await section.update(key, value, target);
}

/** For logs: the snapshot without secrets or functions. */
export function describeConfig(c: HostConfig): string {
  const { apiKey: _key, fetch: _fetch, ...provider } = c.provider;
  const { problems: _p, providerFactories: _f, verifierProvider, ...rest } = c;
  const verifier = verifierProvider ? (({ apiKey: _k, fetch: _g, ...v }) => v)(verifierProvider) : undefined;
  return JSON.stringify({ ...rest, provider, ...(verifier ? { verifierProvider: verifier } : {}) });
}
