// Select Model, pulling a missing Ollama model, Test Connection.
import * as vscode from 'vscode';
import type { ModelInfo, ProviderStatus } from '../engine/index';
import { describeEditorModel, findEditorModel } from './lm/models';
import { engineApi } from './engineApi';
import { abortOnCancel, showRunError } from './errorsUi';
import type { Host } from './host';
import { log } from './log';
import { readRunConfig, updateSetting } from './settings';
import { describeRole, kindLabel, ROLE_WORDS, roleModel, roleOptions, serverHasModel, settingsForPick, type Role } from './lm/roles';
import { describeEndpoint, SECTION, type HostConfig, type ProviderSetting } from './settingsKeys';

/** The `provider` setting itself (the roles' own providers override it). */
function generalProvider(): ProviderSetting {
  return vscode.workspace.getConfiguration(SECTION).get<ProviderSetting>('provider') ?? 'ollama';
}

function sizeLabel(bytes?: number): string {
  return bytes ? `${(bytes / 1e9).toFixed(1)} GB` : '';
}

/** Pulls an Ollama model with a cancellable progress notification; true when it finished. */
export async function pullWithProgress(host: Host, model: string): Promise<boolean> {
  const run = host.runs.begin('pull');
  if (!run) {
    void vscode.window.showWarningMessage('Stepwise is busy with another run; cancel it first.');
    return false;
  }
  try {
    const config = await readRunConfig(host.keys);
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Stepwise: pulling ${model}`, cancellable: true },
      async (progress, token) => {
        const sub = abortOnCancel(token, () => host.runs.cancel());
        let reported = 0;
        try {
          await engineApi.pullModel(
            config,
            model,
            (fraction, status) => {
              const pct = fraction === undefined ? undefined : Math.round(fraction * 100);
              const increment = pct === undefined ? undefined : Math.max(0, pct - reported);
              if (pct !== undefined) reported = Math.max(reported, pct);
              progress.report({ message: pct === undefined ? status : `${status} ${pct}%`, increment });
              run.progress(`pulling ${model}${pct === undefined ? '' : ` ${pct}%`}`);
            },
            run.signal,
          );
        } finally {
          sub.dispose();
        }
      },
    );
    log().info(`Pulled ${model}.`);
    void vscode.window.showInformationMessage(`Stepwise: ${model} is ready.`);
    return true;
  } catch (err) {
    void showRunError(err, {}, run.signal);
    return false;
  } finally {
    host.runs.end(run);
  }
}

interface ModelPick extends vscode.QuickPickItem {
  model?: string;
  /** Where the model runs (QuickPickItem's own `kind` marks separators). */
  provider?: ProviderSetting;
  pull?: 'this' | 'other';
}

interface RolePick extends vscode.QuickPickItem {
  role: Role;
}

/** The server models of the role's provider (when it is a server) and of the general one, each listed once. */
async function serverModelSections(config: HostConfig, role: Role): Promise<{ kind: ProviderSetting; title: string; models?: ModelInfo[]; problem?: string }[]> {
  const kinds = [...new Set([roleOptions(config, role).kind, config.provider.kind, config.verifierProvider?.kind].filter((k): k is ProviderSetting => !!k && k !== 'vscode'))];
  if (kinds.length === 0) kinds.push('ollama');
  return Promise.all(
    kinds.map(async (kind) => {
      const server: HostConfig = { ...config, provider: { ...(config.provider.kind === kind ? config.provider : (config.verifierProvider?.kind === kind ? config.verifierProvider : { ...config.provider, kind, baseUrl: undefined })) }, verifierProvider: undefined };
      const title = `${kindLabel(kind)} at ${describeEndpoint(server)}`;
      try {
        return { kind, title, models: await engineApi.listModels(server) };
      } catch (err) {
        return { kind, title, problem: (err as Error).message };
      }
    }),
  );
}

async function pickRole(config: HostConfig): Promise<Role | undefined> {
  const items: RolePick[] = (['policy', 'verifier'] as const).map((role) => ({
    role,
    label: role === 'policy' ? '$(edit) Policy' : '$(checklist) Verifier',
    description: `${ROLE_WORDS[role]} · now ${describeRole(config, role)}`,
  }));
  const pick = await vscode.window.showQuickPick(items, { title: 'Stepwise: select the model for which role?', placeHolder: 'The policy writes steps; the verifier judges them' });
  return pick?.role;
}

export async function selectModel(host: Host, role?: Role): Promise<void> {
  const config = await readRunConfig(host.keys);
  role ??= await pickRole(config);
  if (!role) return;
  const current = roleOptions(config, role);
  const currentModel = roleModel(config, role);
  const [sections, editor] = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Stepwise: listing models' }, () =>
    Promise.all([serverModelSections(config, role!), Promise.resolve(vscode.lm.selectChatModels()).then((m) => m, () => [] as vscode.LanguageModelChat[])]),
  );
  const items: ModelPick[] = [];
  const isCurrent = (kind: ProviderSetting, name: string) => kind === current.kind && name === currentModel;
  const separator = (label: string): ModelPick => ({ label, kind: vscode.QuickPickItemKind.Separator });
  items.push(separator("VS Code's language models"));
  if (editor.length === 0) items.push({ label: '$(info) No chat models in the editor', description: 'a chat extension such as Copilot Chat adds them' });
  for (const m of editor) {
    items.push({ label: m.name, description: [isCurrent('vscode', m.id) ? '$(check) current' : '', `${m.vendor} · ${m.family}`, m.maxInputTokens ? `${m.maxInputTokens} input tokens` : ''].filter(Boolean).join(' · '), detail: m.id, model: m.id, provider: 'vscode' });
  }
  for (const section of sections) {
    items.push(separator(section.title));
    const ollama = section.kind === 'ollama';
    if (section.problem) items.push({ label: `$(warning) ${section.problem}`, description: 'Open settings', provider: section.kind });
    if (ollama && section.kind === current.kind && section.models && currentModel && !serverHasModel(section.models, currentModel)) {
      items.push({ label: `$(cloud-download) Pull ${currentModel}`, description: 'the configured model is not installed', model: currentModel, pull: 'this', provider: 'ollama' });
    }
    for (const m of section.models ?? []) {
      items.push({
        label: m.name,
        description: [isCurrent(section.kind, m.name) ? '$(check) current' : '', m.family ?? '', sizeLabel(m.sizeBytes), m.contextLength ? `${m.contextLength} ctx` : ''].filter(Boolean).join(' · '),
        model: m.name,
        provider: section.kind,
      });
    }
    if (ollama && section.models) items.push({ label: '$(cloud-download) Pull another model…', pull: 'other', provider: 'ollama' });
  }
  const pick = await vscode.window.showQuickPick(items, {
    title: `Stepwise: ${role} model (${ROLE_WORDS[role]})`,
    placeHolder: `Now ${describeRole(config, role)}`,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!pick?.provider) return;
  if (!pick.model && !pick.pull) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'stepwise.endpoint');
    return;
  }
  let model = pick.model;
  if (pick.pull === 'other') {
    model = await vscode.window.showInputBox({ title: 'Stepwise: pull a model', prompt: 'Ollama model name', value: 'qwen2.5:7b', ignoreFocusOut: true });
    if (!model?.trim()) return;
    model = model.trim();
  }
  if (!model) return;
  if (pick.pull && !(await pullWithProgress(host, model))) return;
  for (const [key, value] of settingsForPick(generalProvider(), role, pick.provider, model)) await updateSetting(key, value);
  log().info(`The ${role} model is now ${model} (${kindLabel(pick.provider)}).`);
}
interface RoleCheck {
  role: Role;
  model: string;
  present: boolean;
  /** What to show for this role, e.g. "policy qwen2.5:7b available". */
  text: string;
}

/** Each role's server (checked once when both share it) and whether its model is there. */
async function checkRoles(config: HostConfig, signal: AbortSignal): Promise<{ servers: string[]; roles: RoleCheck[]; problems: string[]; logprobs?: boolean }> {
  const statuses = new Map<string, Promise<ProviderStatus>>();
  const servers: string[] = [];
  const problems: string[] = [];
  const roles: RoleCheck[] = [];
  let logprobs: boolean | undefined;
  for (const role of ['policy', 'verifier'] as const) {
    const options = roleOptions(config, role);
    const key = `${options.kind} ${describeEndpoint({ provider: options })}`;
    let status = statuses.get(key);
    if (!status) {
      status = engineApi.checkConnection(config, signal, role);
      statuses.set(key, status);
      const s = await status;
      if (!s.ok) problems.push(s.problem ?? `cannot use ${describeEndpoint({ provider: options })}`);
      else servers.push(options.kind === 'vscode' ? `VS Code's language models (${s.models.length})` : `${kindLabel(options.kind)}${s.version ? ` ${s.version}` : ''} at ${s.baseUrl}`);
    }
    const s = await status;
    if (role === 'verifier' && options.kind !== 'vscode') logprobs = s.logprobs;
    const model = roleModel(config, role);
    if (options.kind === 'vscode') {
      const editor = await Promise.resolve(vscode.lm.selectChatModels()).then((m) => m, () => []);
      let found: vscode.LanguageModelChat | undefined;
      try {
        found = findEditorModel(editor, model);
      } catch {
        found = undefined;
      }
      roles.push({ role, model, present: !!found, text: `${role} ${found ? `${describeEditorModel(found)}${model ? '' : " (the editor's first model)"} available` : `${model || 'editor model'} NOT available`}` });
    } else {
      const present = s.ok && serverHasModel(s.models, model);
      roles.push({ role, model, present, text: `${role} ${model} ${present ? 'available' : 'NOT available'}` });
    }
  }
  return { servers, roles, problems, logprobs };
}

export async function testConnection(host: Host): Promise<void> {
  const config = await readRunConfig(host.keys);
  const where = [...new Set([describeRole(config, 'policy'), describeRole(config, 'verifier')])].join(' and ');
  try {
    const check = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Stepwise: testing ${where}`, cancellable: true },
      async (_progress, token) => {
        const controller = new AbortController();
        const sub = abortOnCancel(token, () => controller.abort());
        try {
          return await checkRoles(config, controller.signal);
        } finally {
          sub.dispose();
        }
      },
    );
    if (check.problems.length && check.servers.length === 0) {
      void vscode.window.showWarningMessage(`Stepwise: ${check.problems.join(' ')}`, 'Open settings', 'Select model', 'Retry').then((choice) => {
        if (choice === 'Open settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'stepwise.endpoint');
        if (choice === 'Select model') void selectModel(host);
        if (choice === 'Retry') void testConnection(host);
      });
      return;
    }
    const logprobs = check.logprobs === undefined ? (roleOptions(config, 'verifier').kind === 'vscode' ? 'no logprobs: the verifier samples verdicts' : 'logprobs unknown until first use') : check.logprobs ? 'logprobs supported' : 'no logprobs (use the verbal scorer)';
    const parts = [`connected to ${check.servers.join(' and ')}`, ...check.roles.map((r) => r.text), ...check.problems, logprobs];
    const message = `Stepwise: ${parts.join(' · ')}`;
    log().info(message);
    const missing = check.roles.find((r) => !r.present);
    if (!missing && check.problems.length === 0) {
      void vscode.window.showInformationMessage(message);
      return;
    }
    const pull = missing && roleOptions(config, missing.role).kind === 'ollama' && missing.model ? 'Pull model' : undefined;
    void vscode.window.showWarningMessage(message, ...(pull ? [pull] : []), 'Select model').then((choice) => {
      if (choice === 'Pull model' && missing) void pullWithProgress(host, missing.model);
      if (choice === 'Select model') void selectModel(host, missing?.role);
    });
  } catch (err) {
    void showRunError(err, { retry: () => void testConnection(host) });
  }
}
