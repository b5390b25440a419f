// (d) Stepwise: Cancel stops a run against a slow model server: the request is aborted, nothing is annotated,
// no error is shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRunning, openFile, readEditorLines, readRunIndicators, runCommand, type RunIndicators } from './actions';
import { startHarness, type Harness } from './harness';
import { pollUntil } from './poll';
import { COMMAND_TITLES } from './selectors';
import { SAMPLE_FILES } from './workspace';

// Long enough to cancel mid-request; the server counts an aborted request once this delay has run out.
const MODEL_DELAY_MS = 8_000;

describe('cancelling a verification', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ name: 'cancel', script: { delayMs: MODEL_DELAY_MS } });
    await openFile(h.page, SAMPLE_FILES.wrongSolution);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('stops the run and aborts the model request', async () => {
    await runCommand(h.page, COMMAND_TITLES.verify);
    await pollUntil(() => h.model.requests.length > 0, { timeoutMs: 30_000, what: 'the first model request' });
    const running: RunIndicators = await pollUntil(
      async () => {
        const r = await readRunIndicators(h.page);
        return isRunning(r) && r;
      },
      { timeoutMs: 15_000, what: 'a spinning Stepwise status bar item or a progress notification' },
    ).catch(async (err) => {
      await h.shot('no-running-indicator');
      throw new Error(`${err.message}; seen: ${JSON.stringify(await readRunIndicators(h.page))}`);
    });
    await h.shot('running');

    const cancelledAt = Date.now();
    await runCommand(h.page, COMMAND_TITLES.cancel);
    const after = await pollUntil(
      async () => {
        const r = await readRunIndicators(h.page);
        return !isRunning(r) && r;
      },
      { timeoutMs: 5_000, what: 'the run indicators to stop within 5 s of the cancel' },
    ).catch(async (err) => {
      await h.shot('still-running');
      throw err;
    });
    const stopMs = Date.now() - cancelledAt;
    await h.shot('cancelled');
    console.log(`[e2e cancel] stopped ${stopMs} ms after Stepwise: Cancel; before ${JSON.stringify(running)}; after ${JSON.stringify(after)}`);

    await pollUntil(() => h.model.clientAborts > 0, { timeoutMs: 20_000, what: 'the client to close the in-flight model request' });
    expect(after.notifications.filter((n) => n.startsWith('[error]'))).toEqual([]);
    const decorated = (await readEditorLines(h.page)).filter((l) => l.decorations.some((d) => /\b[01]\.\d{2}\b/.test(d)));
    expect(decorated).toEqual([]);
  });
});
