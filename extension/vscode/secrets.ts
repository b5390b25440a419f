// API keys live in SecretStorage, one per endpoint; never in settings, never in logs.
import * as vscode from 'vscode';
import { describeEndpoint, type HostConfig } from './settingsKeys';
import { log } from './log';

export function apiKeyId(endpoint: string): string {
  return `stepwise.apiKey.${endpoint.replace(/\/+$/, '')}`;
}

export class ApiKeys {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  get(endpoint: string): Thenable<string | undefined> {
    return this.secrets.get(apiKeyId(endpoint));
  }

  /** The Set API Key command: a password box for the endpoint in the current settings. Empty input removes the key. */
  async promptAndStore(config: HostConfig): Promise<void> {
    const endpoint = describeEndpoint(config);
    const existing = await this.get(endpoint);
    const value = await vscode.window.showInputBox({
      title: 'Stepwise: Set API Key',
      prompt: `API key for ${endpoint}${existing ? ' (a key is stored; leave empty to remove it)' : ''}`,
      password: true,
      ignoreFocusOut: true,
      placeHolder: 'sk-…',
    });
    if (value === undefined) return;
    if (value.trim() === '') {
      await this.secrets.delete(apiKeyId(endpoint));
      log().info(`Removed the API key for ${endpoint}.`);
      void vscode.window.showInformationMessage(`Stepwise: removed the API key for ${endpoint}.`);
      return;
    }
    await this.secrets.store(apiKeyId(endpoint), value.trim());
    log().info(`Stored an API key for ${endpoint}.`);
    void vscode.window.showInformationMessage(`Stepwise: API key stored for ${endpoint}.`);
  }
}
