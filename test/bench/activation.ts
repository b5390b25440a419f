// Activation: the figure measured inside real VS Code by the lm end-to-end test (activate() entry to return), and
// for comparison the same bundle loaded in plain Node against a stand-in `vscode` module (load + activate).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const E2E_RESULTS = join(ROOT, 'test-results/e2e/lm-results.json');
const GOAL_MS = 20;

export async function benchActivation(): Promise<string> {
  const rows = ['| activation | value |', '|---|---|'];
  if (existsSync(E2E_RESULTS)) {
    const { activationMs, activationCpuMs } = JSON.parse(readFileSync(E2E_RESULTS, 'utf8')) as { activationMs?: number; activationCpuMs?: number };
    const when = statSync(E2E_RESULTS).mtime.toISOString().slice(0, 16).replace('T', ' ');
    rows.push(`| activate() in VS Code 1.100 (code-server), last e2e run ${when} UTC | ${activationCpuMs?.toFixed(2) ?? '?'} ms CPU (goal < ${GOAL_MS} ms), ${activationMs?.toFixed(2) ?? '?'} ms wall |`);
  } else {
    rows.push('| activate() in VS Code | not measured yet: run `npx vitest run --config vitest.e2e.config.ts test/e2e/lm-models.e2e.test.ts` |');
  }
  const runs = Array.from({ length: 5 }, () =>
    JSON.parse(execFileSync(process.execPath, [join(ROOT, 'test/helpers/activationProbe.cjs'), join(ROOT, 'dist')], { encoding: 'utf8' })) as { activationMs: number; activationCpuMs: number; engineLoaded: boolean },
  );
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[2]!;
  rows.push(`| activate() in Node with a stand-in vscode (median of 5) | ${median(runs.map((r) => r.activationCpuMs)).toFixed(2)} ms CPU, ${median(runs.map((r) => r.activationMs)).toFixed(2)} ms wall |`);
  rows.push(`| engine bundle loaded at activation | ${runs.some((r) => r.engineLoaded) ? 'yes (regression)' : 'no'} |`);
  for (const bundle of ['extension.js', 'engine.js']) {
    const path = join(ROOT, 'dist', bundle);
    if (existsSync(path)) rows.push(`| dist/${bundle} | ${(statSync(path).size / 1024).toFixed(0)} KB |`);
  }
  return rows.join('\n');
}
