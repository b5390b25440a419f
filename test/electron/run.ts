// Runs the in-extension-host checks (test/e2e/host/index.ts, built to out/e2e-host/index.js) in desktop VS Code
// downloaded by @vscode/test-electron. For machines with internet; CI here uses code-server (test/e2e/).
// Needs the devDependency @vscode/test-electron and `npm run build` first.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HOST_RESULTS_FILE, type HostResults } from '../e2e/host/results';
import { createWorkspace } from '../e2e/workspace';
import { startModelServer } from '../servers/modelServer';
import { JUDGE_MODEL, POLICY_MODEL, scriptedReply } from '../e2e/scriptedModel';

interface TestElectron {
  runTests(options: {
    extensionDevelopmentPath: string;
    extensionTestsPath: string;
    launchArgs?: string[];
    version?: string;
    extensionTestsEnv?: Record<string, string>;
  }): Promise<number>;
}

async function main(): Promise<number> {
  let testElectron: TestElectron;
  try {
    // Imported by name at run time: the package is optional and absent on offline machines.
    const name = '@vscode/test-electron';
    testElectron = (await import(name)) as TestElectron;
  } catch {
    console.error('@vscode/test-electron is not installed: npm i -D @vscode/test-electron (needs internet to download VS Code).');
    return 2;
  }
  const repoRoot = resolve(__dirname, '../..');
  const model = await startModelServer({ reply: scriptedReply(), models: [POLICY_MODEL, JUDGE_MODEL] });
  const workspace = createWorkspace(model.url);
  const resultsFile = join(workspace.folder, HOST_RESULTS_FILE);
  try {
    const userDataDir = mkdtempSync(join(tmpdir(), 'stepwise-electron-'));
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    writeFileSync(join(userDataDir, 'User/settings.json'), readFileSync(join(workspace.userDataDir, 'User/settings.json')));
    await testElectron.runTests({
      version: process.env.STEPWISE_VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'out/e2e-host/index.js'),
      launchArgs: [workspace.folder, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${userDataDir}`],
      extensionTestsEnv: { STEPWISE_E2E_HOST_RESULTS: resultsFile },
    });
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as HostResults;
    for (const o of results.outcomes) console.log(`${o.ok ? 'ok  ' : 'FAIL'} ${o.name} (${o.ms} ms)${o.error ? `: ${o.error}` : ''}`);
    return results.done && results.outcomes.every((o) => o.ok) ? 0 : 1;
  } finally {
    await model.close();
    workspace.remove();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
