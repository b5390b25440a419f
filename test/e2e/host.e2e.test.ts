// The in-extension-host runner (test/e2e/host/index.ts) with Stepwise loaded unpackaged from the repo:
// the same contract @vscode/test-electron uses on machines that can download VS Code.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { HOST_RESULTS_FILE, type HostOutcome as Outcome } from './host/results';
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
    await pollUntil(() => existsSync(resultsFile), { timeoutMs: 100_000, what: `${HOST_RESULTS_FILE} from the host runner` }).catch(
      async (err) => {
        await h.shot('host-runner-silent');
        throw new Error(`${err.message}\ncode-server log tail:\n${h.codeServer.log().slice(-3000)}`);
      },
    );
    await h.shot('host-runner-done');
    const outcomes = JSON.parse(readFileSync(resultsFile, 'utf8')) as Outcome[];
    console.log(`[e2e host] ${outcomes.map((o) => `${o.ok ? 'ok  ' : 'FAIL'} ${o.name} (${o.ms} ms)${o.error ? `: ${o.error}` : ''}`).join('\n')}`);
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(outcomes.length).toBeGreaterThanOrEqual(4);
  });
});
