// The two roles and where each runs, in words for Select Model and Test Connection. No `vscode` import.
import type { ModelInfo } from '../../engine/index';
import { describeEndpoint, type HostConfig, type ProviderSetting, type SettingKey } from '../settingsKeys';

export type Role = 'policy' | 'verifier';

export const ROLE_WORDS: Record<Role, string> = { policy: 'writes steps', verifier: 'judges steps' };

export const ROLE_SETTINGS: Record<Role, { provider: SettingKey; model: SettingKey }> = {
  policy: { provider: 'policyProvider', model: 'policyModel' },
  verifier: { provider: 'verifierProvider', model: 'verifierModel' },
};

export function roleOptions(config: HostConfig, role: Role): HostConfig['provider'] {
  return role === 'verifier' ? (config.verifierProvider ?? config.provider) : config.provider;
}

export function roleModel(config: HostConfig, role: Role): string {
  return role === 'verifier' ? config.verifierModel : config.policyModel;
}

export function kindLabel(kind: ProviderSetting): string {
  return kind === 'ollama' ? 'Ollama' : kind === 'openai' ? 'OpenAI-compatible server' : "the editor's models";
}

/** "qwen2.5:7b on Ollama at http://127.0.0.1:11434", or "the editor's first model" when none is named. */
export function describeRole(config: HostConfig, role: Role): string {
  const options = roleOptions(config, role);
  const model = roleModel(config, role);
  const where = options.kind === 'vscode' ? "VS Code's language models" : `${kindLabel(options.kind)} at ${describeEndpoint({ provider: options })}`;
  return `${model || "the editor's first model"} on ${where}`;
}

/** Whether `wanted` names one of the models a server lists (`qwen2.5` means `qwen2.5:latest`). */
export function serverHasModel(models: readonly ModelInfo[], wanted: string): boolean {
  return models.some((m) => m.name === wanted || m.name === `${wanted}:latest` || `${m.name}:latest` === wanted);
}

/**
 * The settings to write when the user picks `model` on `kind` for `role`: the role's provider is left empty when it
 * is the general `provider` (nothing to override).
 */
export function settingsForPick(general: ProviderSetting, role: Role, kind: ProviderSetting, model: string): [SettingKey, string][] {
  const keys = ROLE_SETTINGS[role];
  return [
    [keys.provider, kind === general ? '' : kind],
    [keys.model, model],
  ];
}
