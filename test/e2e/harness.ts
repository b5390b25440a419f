// One e2e session: the scripted model server, a temp workspace, code-server with Stepwise, and Chromium.
import { chromium, type Browser, type Page } from 'playwright-core';
import { startModelServer } from '../servers/modelServer';
import type { ModelServer } from '../servers/types';
import { screenshot, waitForWorkbench } from './actions';
import { runCodeServerCli, startCodeServer, REPO_ROOT, type CodeServer } from './codeServer';
import { HOST_RUNNER_PATH, INSTALLED_EXTENSIONS_DIR } from './packaging';
import { JUDGE_MODEL, POLICY_MODEL, scriptedReply, type ScriptOptions } from './scriptedModel';
import { createWorkspace, type Workspace } from './workspace';

export const CHROMIUM_PATH = '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps trying hosts it cannot reach.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface HarnessOptions {
  /** Names the logs and screenshots of this session. */
  name: string;
  script?: ScriptOptions;
  settings?: Record<string, unknown>;
  /** More documents in the workspace folder, by file name. */
  files?: Record<string, string>;
  /**
   * 'packaged' (default): the .vsix installed by globalSetup.
   * 'development': the repo folder as extensionDevelopmentPath, with the in-host test runner.
   */
  load?: 'packaged' | 'development';
  /** Development mode: the runner the extension host calls (default: test/e2e/host's). */
  hostRunner?: string;
  /** Development mode: more extensions (.vsix) installed beside Stepwise, e.g. a test-only model provider. */
  installVsix?: string[];
  codeServerArgs?: string[];
}

export interface Harness {
  page: Page;
  model: ModelServer;
  workspace: Workspace;
  codeServer: CodeServer;
  /** alert()/confirm() dialogs the page raised (hostile model text must raise none). */
  dialogs: string[];
  /** Screenshot named `<session>-<NN>-<stage>.png` under test-results/e2e/screenshots. */
  shot(stage: string): Promise<string>;
  /** Runs `trigger` (e.g. "Developer: Reload Window") and waits for the workbench to load again. */
  reloadBy(trigger: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  };
  try {
    const model = await startModelServer({ reply: scriptedReply(opts.script), models: [POLICY_MODEL, JUDGE_MODEL] });
    cleanups.push(() => model.close());
    const workspace = createWorkspace(model.url, opts.settings, opts.files);
    cleanups.push(() => workspace.remove());
    const development = opts.load === 'development';
    for (const vsix of development ? (opts.installVsix ?? []) : []) {
      await runCodeServerCli(['--extensions-dir', workspace.extensionsDir, '--install-extension', vsix, '--force']);
    }
    const codeServer = await startCodeServer({
      name: opts.name,
      workspace: workspace.folder,
      userDataDir: workspace.userDataDir,
      extensionsDir: development ? workspace.extensionsDir : INSTALLED_EXTENSIONS_DIR,
      extraArgs: opts.codeServerArgs,
    });
    cleanups.push(() => codeServer.stop());

    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });

    // A loaded machine can take longer than the default 30 s to serve the workbench.
    await page.goto(workbenchUrl(codeServer, workspace.folder, development, opts), { timeout: 120_000 });
    await waitForWorkbench(page);

    let shots = 0;
    const harness: Harness = {
      page,
      model,
      workspace,
      codeServer,
      dialogs,
      shot: (stage) => screenshot(page, `${opts.name}-${String(++shots).padStart(2, '0')}-${stage}`),
      reloadBy: async (trigger) => {
        const loaded = page.waitForEvent('load', { timeout: 30_000 });
        await trigger();
        await loaded;
        await waitForWorkbench(page);
      },
      close,
    };
    return harness;
  } catch (err) {
    await close();
    throw err;
  }
}

function workbenchUrl(server: CodeServer, folder: string, development: boolean, opts: HarnessOptions): string {
  const base = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (!development) return base;
  const remote = (path: string) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(REPO_ROOT)],
    ['extensionTestsPath', remote(opts.hostRunner ?? HOST_RUNNER_PATH)],
  ];
  return `${base}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
