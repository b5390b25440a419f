// `stepwise.reference.file`: the reference solution a verification is graded against, read before the run.
import * as vscode from 'vscode';
import { InvalidOptions } from '../engine/index';
import type { HostConfig } from './settingsKeys';

/** The config with the reference file's text as its reference solution; unchanged when no file is set. */
export async function withReferenceFile(config: HostConfig, documentUri: vscode.Uri): Promise<HostConfig> {
  const file = config.referenceFile;
  if (!file) return config;
  const folder = vscode.workspace.getWorkspaceFolder(documentUri)?.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const isAbsolute = /^(?:\/|[a-zA-Z]:[\\/])/.test(file);
  const uri = isAbsolute ? vscode.Uri.file(file) : folder ? vscode.Uri.joinPath(folder, file) : undefined;
  if (!uri) throw new InvalidOptions(`The reference solution ${file} is a relative path, but no workspace folder is open: set stepwise.reference.file to an absolute path.`);
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    return { ...config, reference: text };
  } catch (err) {
    throw new InvalidOptions(`Cannot read the reference solution ${file} (stepwise.reference.file): ${(err as Error).message}`);
  }
}
