// Starts and stops code-server (the real VS Code workbench and Node extension host) on a loopback port.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { pollUntil } from './poll';

export const REPO_ROOT = resolve(__dirname, '../..');
export const CODE_SERVER_BIN = join(REPO_ROOT, '.vscode-test/code-server/node_modules/.bin/code-server');
export const RESULTS_DIR = join(REPO_ROOT, 'test-results/e2e');

export function assertCodeServerInstalled(): void {
  if (!existsSync(CODE_SERVER_BIN)) {
    throw new Error(`code-server is not installed at ${CODE_SERVER_BIN}: run test/e2e/setup.sh first`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export interface CodeServer {
  url: string;
  port: number;
  logFile: string;
  /** Output so far, for failure messages (code-server's own log plus the extension host's stderr). */
  log(): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  /** Name for the log file under test-results/e2e/logs. */
  name: string;
  env?: Record<string, string>;
  /** More command-line arguments, e.g. `--enable-proposed-api PUBLISHER.NAME` for a test extension. */
  extraArgs?: string[];
}

/** Runs code-server with the given arguments to completion (e.g. --install-extension). */
export async function runCodeServerCli(args: string[]): Promise<string> {
  assertCodeServerInstalled();
  const child = spawn(CODE_SERVER_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((res) => child.on('exit', res));
  if (code !== 0) throw new Error(`code-server ${args.join(' ')} exited with ${code}:\n${out}`);
  return out;
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  assertCodeServerInstalled();
  const port = await freePort();
  const logDir = join(RESULTS_DIR, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${opts.name}.code-server.log`);
  const logStream = createWriteStream(logFile);
  let output = '';
  // detached: its own process group, so the file watcher and extension host it forks die with it.
  const child = spawn(
    CODE_SERVER_BIN,
    [
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--user-data-dir', opts.userDataDir,
      '--extensions-dir', opts.extensionsDir,
      '--log', 'info',
      ...(opts.extraArgs ?? []),
      opts.workspace,
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } },
  );
  const collect = (d: Buffer) => {
    output += d.toString();
    logStream.write(d);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  let exited = false;
  child.on('exit', () => (exited = true));

  const url = `http://127.0.0.1:${port}`;
  const server: CodeServer = {
    url,
    port,
    logFile,
    log: () => output,
    stop: () => stopProcessGroup(child, () => exited).finally(() => logStream.end()),
  };
  try {
    await pollUntil(
      async () => {
        if (exited) throw new Error(`code-server exited early:\n${output}`);
        const res = await fetch(url, { redirect: 'manual' }).catch(() => undefined);
        return res !== undefined && res.status < 500;
      },
      { timeoutMs: 30_000, what: 'code-server to answer GET /' },
    );
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

async function stopProcessGroup(child: ChildProcess, hasExited: () => boolean): Promise<void> {
  if (child.pid === undefined) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is already gone.
    }
  };
  signalGroup('SIGTERM');
  try {
    await pollUntil(() => hasExited(), { timeoutMs: 5_000, what: 'code-server to exit', intervalMs: 100 });
  } catch {
    // Ignore: killed hard below.
  }
  // Children that outlived the parent (extension host, watcher) are still in the group.
  signalGroup('SIGKILL');
}
