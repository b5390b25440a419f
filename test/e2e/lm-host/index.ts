// Runs inside the VS Code extension host beside Stepwise and the test-only chat model extension (lm-extension):
// Stepwise with the editor's models, through the vscode API. Writes its outcome for lm-models.e2e.test.ts.
import * as vscode from 'vscode';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MUFFINS } from '../scriptedModel';
import { LM_ACK_FILE, LM_RESULTS_FILE, type LmResults } from './results';

const EXTENSION_ID = 'stepwise.stepwise';

async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert(folder, 'no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Workspace settings for one check; everything else stays as the workspace has it. */
async function settings(values: Record<string, unknown>): Promise<void> {
  const section = vscode.workspace.getConfiguration('stepwise');
  for (const [key, value] of Object.entries(values)) await section.update(key, value, vscode.ConfigurationTarget.Workspace);
}

const stepwiseDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Stepwise');

async function open(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

const results: LmResults = { done: false, outcomes: [] };

const checks: [string, () => Promise<void>][] = [
  ['activation registers everything and leaves the engine unloaded', async () => {
    const ext = vscode.extensions.getExtension<{ activationMs: number; activationCpuMs: number }>(EXTENSION_ID);
    assert(ext, `extension ${EXTENSION_ID} not found`);
    const api = await ext.activate();
    results.activationMs = api.activationMs;
    results.activationCpuMs = api.activationCpuMs;
    const loaded = Object.keys(require.cache).filter((k) => /[\\/]dist[\\/]engine\.js$/.test(k));
    assert(loaded.length === 0, `the engine bundle was loaded at activation: ${loaded.join(', ')}`);
  }],
  ['the editor lists the test chat models', async () => {
    const models = await waitFor('the test models', async () => {
      const m = await vscode.lm.selectChatModels({ vendor: 'stepwise-test' });
      return m.length >= 3 && m;
    });
    results.editorModels = models.map((m) => `${m.id} (${m.vendor} · ${m.family})`);
  }],
  ["Verify Steps with the editor's model finds the wrong step", async () => {
    await settings({ provider: 'vscode', policyProvider: '', verifierProvider: '', policyModel: 'loopback-policy', verifierModel: 'loopback-judge', scorer: 'auto', suggestCorrections: false });
    const doc = await open('muffins.md');
    await vscode.commands.executeCommand('stepwise.verify');
    const diagnostics = await waitFor('a Stepwise diagnostic on muffins.md', () => {
      const found = stepwiseDiagnostics(doc.uri);
      return found.length > 0 && found;
    });
    const wrongLine = doc.getText().split('\n').findIndex((l) => l.includes(MUFFINS.falseClaims[0]!));
    const first = diagnostics.reduce((a, b) => (a.range.start.line <= b.range.start.line ? a : b));
    assert(first.range.start.line === wrongLine, `first diagnostic on line ${first.range.start.line + 1}, the wrong step is on line ${wrongLine + 1}: ${diagnostics.map((d) => d.message).join(' | ')}`);
  }],
  ['the verify tool (vscode.lm.invokeTool) returns the first wrong step', async () => {
    await settings({ suggestCorrections: true });
    const tool = vscode.lm.tools.find((t) => t.name === 'stepwise_verifySteps');
    assert(tool, `the tool is not registered; tools: ${vscode.lm.tools.map((t) => t.name).join(', ')}`);
    const result = await vscode.lm.invokeTool('stepwise_verifySteps', { input: { problem: MUFFINS.problem, steps: MUFFINS.wrongSteps }, toolInvocationToken: undefined });
    const text = result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
    results.toolText = text;
    assert(text.includes('First wrong step: step 2'), `tool answered: ${text}`);
    assert(/Step 2: wrong, score 0\.00/.test(text), `step 2 is not wrong with score 0.00 (all sampled verdicts No): ${text}`);
  }],
  ["a mixed setup (the editor's model writes, the loopback Ollama judges) solves the problem", async () => {
    await settings({ provider: 'ollama', policyProvider: 'vscode', policyModel: 'loopback-policy', verifierProvider: '', verifierModel: 'judge:latest', scorer: 'judge' });
    const doc = await open('muffins-problem.md');
    await vscode.commands.executeCommand('stepwise.solve');
    await vscode.commands.executeCommand('stepwise.insertSolution');
    await waitFor('the solution in the document', () => doc.getText().includes('\\boxed{29}'));
    assert(doc.getText().includes(MUFFINS.rightSteps[1]!), `the inserted solution lacks the right second step:\n${doc.getText()}`);
  }],
  ['a missing editor model says to Select Model or use Ollama', async () => {
    await settings({ provider: 'vscode', policyProvider: '', verifierProvider: '', policyModel: 'no-such-model', verifierModel: 'no-such-model', scorer: 'verbal' });
    await open('muffins.md');
    await vscode.commands.executeCommand('stepwise.clearAnnotations');
    await vscode.commands.executeCommand('stepwise.verify');
  }],
  ['a model over its quota says so', async () => {
    await settings({ provider: 'vscode', policyModel: 'loopback-policy', verifierModel: 'loopback-blocked', scorer: 'verbal' });
    await open('muffins.md');
    await vscode.commands.executeCommand('stepwise.verify');
  }],
];

const CHECK_TIMEOUT_MS = 60_000;

function withTimeout(name: string, work: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${name}" took longer than ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function writeResults(): void {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder) writeFileSync(join(folder.uri.fsPath, LM_RESULTS_FILE), JSON.stringify(results, null, 2));
}

export async function run(): Promise<void> {
  for (const [name, check] of checks) {
    const started = Date.now();
    results.current = name;
    writeResults();
    try {
      await withTimeout(name, check());
      results.outcomes.push({ name, ok: true, ms: Date.now() - started });
    } catch (err) {
      results.outcomes.push({ name, ok: false, error: err instanceof Error ? err.message : String(err), ms: Date.now() - started });
    }
    writeResults();
  }
  results.current = undefined;
  results.done = true;
  writeResults();
  // The extension host exits when run() returns: keep it (and the notifications) until the outer test has looked.
  const folder = vscode.workspace.workspaceFolders?.[0];
  const ack = folder ? join(folder.uri.fsPath, LM_ACK_FILE) : undefined;
  const deadline = Date.now() + 180_000;
  while (ack && !existsSync(ack) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
}
