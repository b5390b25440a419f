// Builds the .vsix the way a release does (`npm run package`) and installs it into code-server.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT, RESULTS_DIR, runCodeServerCli } from './codeServer';

export const VSIX_PATH = join(RESULTS_DIR, 'stepwise.vsix');
/** Extensions folder with the packaged extension installed, shared by the UI specs. */
export const INSTALLED_EXTENSIONS_DIR = join(RESULTS_DIR, 'extensions');
export const HOST_RUNNER_PATH = join(REPO_ROOT, 'out/e2e-host/index.js');

/** STEPWISE_E2E_VSIX=path reuses a .vsix packaged earlier (e.g. by a CI step) instead of packaging again. */
export function packageExtension(): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const prebuilt = process.env.STEPWISE_E2E_VSIX;
  if (prebuilt) {
    if (resolve(prebuilt) !== VSIX_PATH) copyFileSync(prebuilt, VSIX_PATH);
    return VSIX_PATH;
  }
  execFileSync('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
  copyFileSync(join(REPO_ROOT, 'stepwise.vsix'), VSIX_PATH);
  return VSIX_PATH;
}

export async function installPackagedExtension(): Promise<void> {
  mkdirSync(INSTALLED_EXTENSIONS_DIR, { recursive: true });
  await runCodeServerCli(['--extensions-dir', INSTALLED_EXTENSIONS_DIR, '--install-extension', VSIX_PATH, '--force']);
}

/** Entries of the packaged zip, from `unzip -l`. */
export function vsixEntries(vsix = VSIX_PATH): { path: string; bytes: number }[] {
  const listing = execFileSync('unzip', ['-l', vsix], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return listing
    .split('\n')
    .map((line) => line.match(/^\s*(\d+)\s+\S+\s+\S+\s+(.+)$/))
    .filter((m): m is RegExpMatchArray => m !== null && m[2] !== 'Name')
    .map((m) => ({ bytes: Number(m[1]), path: m[2]!.trim() }));
}

export function vsixBytes(vsix = VSIX_PATH): number {
  return existsSync(vsix) ? statSync(vsix).size : 0;
}
