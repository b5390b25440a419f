// Runs inside the VS Code extension host (extensionTestsPath contract: export `run()`), with Stepwise
// loaded from the repo as extensionDevelopmentPath. Checks through the vscode API what the UI specs check
// through the DOM, and writes the outcome to <workspace>/.stepwise-e2e-host.json for the outer test.
import * as vscode from 'vscode';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOST_RESULTS_FILE, type HostResults } from './results';
const EXTENSION_ID = 'stepwise.stepwise';

export const CONTRACT_COMMANDS = [
  'stepwise.verify', 'stepwise.solve', 'stepwise.selectModel', 'stepwise.setApiKey', 'stepwise.testConnection',
  'stepwise.cancel', 'stepwise.openTrace', 'stepwise.exportTrace', 'stepwise.clearAnnotations', 'stepwise.showPanel',
  'stepwise.insertSolution', 'stepwise.applyCorrection', 'stepwise.revealNode',
];
export const CONTRACT_SETTINGS: Record<string, unknown> = {
  provider: 'ollama', policyProvider: '', verifierProvider: '', endpoint: '', policyModel: 'qwen2.5:7b', verifierModel: '',
  scorer: 'auto', threshold: 0.5, aggregation: 'last', prmFormat: 'rlhflow', verbalSamples: 5, 'correction.rounds': 1,
  strategy: 'beam', 'search.n': 4, 'search.beamWidth': 4, 'search.maxDepth': 40, 'search.temperature': 0.8,
  'search.seed': 0, concurrency: 4, 'budget.calls': 0, 'budget.tokens': 0, 'budget.seconds': 0,
  requestTimeoutSeconds: 120, 'ollama.keepAlive': '5m', 'ollama.maxContext': 32768, suggestCorrections: true,
};

async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const stepwiseDiagnostics = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Stepwise' && codeOf(d) === 'stepwise.weakStep');

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert(folder, 'no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, name);
}

const checks: [string, () => Promise<void>][] = [
  ['extension activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert(ext, `extension ${EXTENSION_ID} not found`);
    await ext.activate();
  }],
  ['every contract command is registered', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    const missing = CONTRACT_COMMANDS.filter((c) => !all.has(c));
    assert(missing.length === 0, `commands not registered: ${missing.join(', ')}`);
  }],
  ['every contract setting has its default', async () => {
    const config = vscode.workspace.getConfiguration('stepwise');
    const wrong = Object.entries(CONTRACT_SETTINGS)
      .map(([key, expected]) => [key, expected, config.inspect(key)?.defaultValue] as const)
      .filter(([, expected, actual]) => JSON.stringify(expected) !== JSON.stringify(actual));
    assert(wrong.length === 0, `settings with other defaults: ${wrong.map(([k, e, a]) => `${k} (expected ${JSON.stringify(e)}, got ${JSON.stringify(a)})`).join('; ')}`);
  }],
  ['verify flags exactly the wrong step and the quick fix corrects it', async () => {
    const uri = workspaceFile('muffins.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('stepwise.verify');
    const diagnostics = await waitFor('a Stepwise diagnostic on muffins.md', () => {
      const found = stepwiseDiagnostics(uri);
      return found.length > 0 && found;
    });
    const wrongLine = doc.getText().split('\n').findIndex((l) => l.includes('6 × $1.50 = $8'));
    assert(diagnostics.length === 1, `expected 1 diagnostic, got ${diagnostics.length}: ${diagnostics.map((d) => `line ${d.range.start.line + 1}: ${d.message}`).join('; ')}`);
    assert(diagnostics[0]!.range.start.line === wrongLine, `diagnostic on line ${diagnostics[0]!.range.start.line + 1}, the wrong step is on line ${wrongLine + 1}`);

    const range = diagnostics[0]!.range;
    let actions: vscode.CodeAction[] | undefined;
    for (const at of [range, new vscode.Selection(range.start, range.start)]) {
      actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, at);
      if (actions?.some((a) => a.title === 'Apply suggested correction')) break;
    }
    const fix = actions?.find((a) => a.title === 'Apply suggested correction');
    assert(fix, `no "Apply suggested correction" action at ${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}; offered: ${JSON.stringify(actions?.map((a) => a.title))}`);
    if (fix.edit) await vscode.workspace.applyEdit(fix.edit);
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    await waitFor('the document to hold the corrected step', () => doc.getText().includes('6 × $1.50 = $9'));
    assert(!doc.getText().includes('6 × $1.50 = $8'), 'the wrong step is still in the document');
  }],
];

const CHECK_TIMEOUT_MS = 45_000;

function withTimeout(name: string, work: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${name}" took longer than ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Written after every check, so a run that dies part-way still tells what it got to. */
function writeResults(results: HostResults): void {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const path = process.env.STEPWISE_E2E_HOST_RESULTS ?? (folder ? join(folder.uri.fsPath, HOST_RESULTS_FILE) : undefined);
  if (path) writeFileSync(path, JSON.stringify(results, null, 2));
}

export async function run(): Promise<void> {
  const results: HostResults = { done: false, outcomes: [] };
  for (const [name, check] of checks) {
    const started = Date.now();
    try {
      await withTimeout(name, check());
      results.outcomes.push({ name, ok: true, ms: Date.now() - started });
    } catch (err) {
      results.outcomes.push({ name, ok: false, error: err instanceof Error ? err.message : String(err), ms: Date.now() - started });
    }
    writeResults(results);
  }
  results.done = true;
  writeResults(results);
}
