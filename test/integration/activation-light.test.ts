// Activation registers everything and loads nothing heavy: the engine bundle (dist/engine.js) waits for first use.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

describe('activation', () => {
  let dir: string;
  let probe: { engineLoaded: boolean; subscriptions: number; tools: string[]; participants: string[]; commands: string[] };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stepwise-activation-'));
    execFileSync(process.execPath, ['esbuild.mjs', '--production', `--extension-only=${dir}`], { cwd: ROOT, stdio: 'pipe', timeout: 90_000 });
    probe = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'test/helpers/activationProbe.cjs'), dir], { encoding: 'utf8', timeout: 30_000 }));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('registers the commands without loading the engine bundle', () => {
    expect(probe.commands).toContain('stepwise.verify');
    expect(probe.commands).toContain('stepwise.selectModel');
    expect(probe.subscriptions).toBeGreaterThan(5);
    expect(probe.engineLoaded).toBe(false);
  });

  it('registers the chat participant and both language-model tools, still without the engine', () => {
    expect(probe.participants).toEqual(['stepwise.chat']);
    expect(probe.tools.sort()).toEqual(['stepwise_solveProblem', 'stepwise_verifySteps']);
    expect(probe.engineLoaded).toBe(false);
  });

  it('the engine bundle holds the engine the stub forwards to', async () => {
    const engine = await import(join(dir, 'engine.js'));
    expect(typeof engine.verifyText).toBe('function');
    expect(typeof engine.StepwiseError).toBe('function');
  });
});
