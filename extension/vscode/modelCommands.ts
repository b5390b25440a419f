// Select Model, pulling a missing Ollama model, Test Connection.
import * as vscode from 'vscode';
import type { ModelInfo } from '../engine/index';
import { engineApi } from './engineApi';
import { abortOnCancel, showRunError } from './errorsUi';
import type { Host } from './host';
import { log } from './log';
import { readRunConfig, updateSetting } from './settings';
import { describeEndpoint } from './settingsKeys';

function hasModel(models: readonly ModelInfo[], name: string): boolean {
  return models.some((m) => m.name === name || m.name === `${name}:latest` || `${m.name}:latest` === name);
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
  pull?: 'this' | 'other';
}

export async function selectModel(host: Host): Promise<void> {
  const config = await readRunConfig(host.keys);
  let models: ModelInfo[];
  try {
    models = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Stepwise: listing models' },
      () => engineApi.listModels(config),
    );
  } catch (err) {
    void showRunError(err, { retry: () => void selectModel(host) });
    return;
  }
  const ollama = config.provider.kind === 'ollama';
  const items: ModelPick[] = [];
  if (ollama && !hasModel(models, config.policyModel)) {
    items.push({ label: `$(cloud-download) Pull ${config.policyModel}`, description: 'the configured model is not installed', model: config.policyModel, pull: 'this' });
  }
  items.push(
    ...models.map((m): ModelPick => ({
      label: m.name,
      description: [m.name === config.policyModel ? '$(check) current' : '', m.family ?? '', sizeLabel(m.sizeBytes), m.contextLength ? `${m.contextLength} ctx` : '']
        .filter(Boolean)
        .join(' · '),
      model: m.name,
    })),
  );
  if (ollama) items.push({ label: '$(cloud-download) Pull another model…', pull: 'other' });
  const pick = await vscode.window.showQuickPick(items, {
    title: `Stepwise: policy model (${describeEndpoint(config)})`,
    placeHolder: models.length ? 'The model that writes and judges steps' : 'The server reports no models',
    matchOnDescription: true,
  });
  if (!pick) return;
  let model = pick.model;
  if (pick.pull === 'other') {
    model = await vscode.window.showInputBox({ title: 'Stepwise: pull a model', prompt: 'Ollama model name', value: 'qwen2.5:7b', ignoreFocusOut: true });
    if (!model?.trim()) return;
    model = model.trim();
  }
  if (!model) return;
  if (pick.pull && !(await pullWithProgress(host, model))) return;
  await updateSetting('policyModel', model);
  log().info(`Policy model set to ${model}.`);
}

export async function testConnection(host: Host): Promise<void> {
  const config = await readRunConfig(host.keys);
  const endpoint = describeEndpoint(config);
  try {
    const status = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Stepwise: testing ${endpoint}`, cancellable: true },
      async (_progress, token) => {
        const controller = new AbortController();
        const sub = abortOnCancel(token, () => controller.abort());
        try {
          return await engineApi.checkConnection(config, controller.signal);
        } finally {
          sub.dispose();
        }
      },
    );
    if (!status.ok) {
      void vscode.window.showWarningMessage(`Stepwise: ${status.problem ?? `cannot use ${endpoint}`}`, 'Open settings', 'Retry').then((choice) => {
        if (choice === 'Open settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'stepwise.endpoint');
        if (choice === 'Retry') void testConnection(host);
      });
      return;
    }
    const server = `${status.provider === 'ollama' ? 'Ollama' : 'OpenAI-compatible server'}${status.version ? ` ${status.version}` : ''}`;
    const present = hasModel(status.models, config.policyModel);
    const logprobs = status.logprobs === undefined ? 'logprobs unknown until first use' : status.logprobs ? 'logprobs supported' : 'no logprobs (use the verbal scorer)';
    const message = `Stepwise: connected to ${server} at ${status.baseUrl} · ${config.policyModel} ${present ? 'available' : 'NOT available'} · ${logprobs}`;
    log().info(message);
    if (present) {
      void vscode.window.showInformationMessage(message);
    } else {
      const fix = status.provider === 'ollama' ? 'Pull model' : 'Select model';
      void vscode.window.showWarningMessage(message, fix).then((choice) => {
        if (choice === 'Pull model') void pullWithProgress(host, config.policyModel);
        if (choice === 'Select model') void selectModel(host);
      });
    }
  } catch (err) {
    void showRunError(err, { retry: () => void testConnection(host) });
  }
}
