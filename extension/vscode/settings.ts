// Settings are read here and nowhere else: one snapshot per run, passed down as plain data.
import * as vscode from 'vscode';
import { endpointWarnings } from '../engine/index';
import { editorModelFactories, resolveEditorModels } from './lm/factory';
import { loggingFetch } from './log';
import type { ApiKeys } from './secrets';
import { describeEndpoint, readSettings, SECTION, toHostConfig, type HostConfig, type SettingKey } from './settingsKeys';

/** The value the user set (folder, workspace or user settings), never the contributed default. */
function userValue(section: vscode.WorkspaceConfiguration, key: SettingKey): unknown {
  const i = section.inspect(key);
  return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
}

/** A snapshot of the settings, without the API key. */
export function readConfig(): HostConfig {
  const section = vscode.workspace.getConfiguration(SECTION);
  return toHostConfig(readSettings((key) => userValue(section, key)), { env: process.env });
}

/** Endpoints already warned about in this window: once is enough. */
const warnedEndpoints = new Set<string>();

/** The snapshot a run uses: the API key from SecretStorage (per endpoint) and a fetch that logs requests. */
export async function readRunConfig(keys: ApiKeys): Promise<HostConfig> {
  const config = readConfig();
  for (const warning of endpointWarnings(config)) {
    if (warnedEndpoints.has(warning)) continue;
    warnedEndpoints.add(warning);
    void vscode.window.showWarningMessage(`Stepwise: ${warning}`);
  }
  const withKey = async <P extends HostConfig['provider']>(p: P): Promise<P> => {
    const apiKey = p.kind === 'openai' ? await keys.get(describeEndpoint({ provider: p })) : undefined;
    return { ...p, ...(apiKey ? { apiKey } : {}), fetch: loggingFetch };
  };
  return resolveEditorModels({
    ...config,
    provider: await withKey(config.provider),
    ...(config.verifierProvider ? { verifierProvider: await withKey(config.verifierProvider) } : {}),
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
  const strip = (p: HostConfig['provider'] | undefined) => {
    if (!p) return undefined;
    const { apiKey: _key, fetch: _fetch, ...rest } = p;
    return rest;
  };
  const { problems: _p, options: _o, providerFactories: _f, ...rest } = c;
  return JSON.stringify({ ...rest, provider: strip(c.provider), verifierProvider: strip(c.verifierProvider) });
}
