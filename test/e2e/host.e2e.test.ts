// The in-extension-host runner (test/e2e/host/index.ts) with Stepwise loaded unpackaged from the repo:
// the same contract @vscode/test-electron uses on machines that can download VS Code.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { HOST_RESULTS_FILE, type HostOutcome, type HostResults } from './host/results';
import { pollUntil } from './poll';

describe('extension host runner (extensionDevelopmentPath + extensionTestsPath)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ name: 'host', load: 'development' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('passes every check run through the vscode API', async () => {
    const resultsFile = join(h.workspace.folder, HOST_RESULTS_FILE);
    const read = (): HostResults | undefined => (existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined);
    const hostExited = () => /Extension Host Process exited/.test(h.codeServer.log());
    await pollUntil(() => read()?.done || hostExited(), { timeoutMs: 110_000, what: 'the host runner to finish' }).catch(async (err) => {
      await h.shot('host-runner-unfinished');
      throw new Error(`${err.message}; so far: ${JSON.stringify(read())}`);
    });
    await h.shot('host-runner-done');
    const results = read();
    const outcomes: HostOutcome[] = results?.outcomes ?? [];
    console.log(`[e2e host]\n${outcomes.map((o) => `${o.ok ? 'ok  ' : 'FAIL'} ${o.name} (${o.ms} ms)${o.error ? `: ${o.error}` : ''}`).join('\n')}`);
    expect(results?.done, `the host runner stopped part-way; code-server log tail:\n${h.codeServer.log().slice(-2000)}`).toBe(true);
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(outcomes.length).toBeGreaterThanOrEqual(4);
  });
});
