// (f) Model output carrying HTML renders as text in the panel: no element is created from it, no script runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPanelFrame, openFile, readPanelSteps, runCommand } from './actions';
import { startHarness, type Harness } from './harness';
import { pollUntil } from './poll';
import { HOSTILE } from './scriptedModel';
import { COMMAND_TITLES, PANEL } from './selectors';
import { SAMPLE_FILES } from './workspace';

describe('hostile model text in the panel', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ name: 'hostile' });
    await openFile(h.page, SAMPLE_FILES.hostile);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows <script> and <img onerror> as literal text', async () => {
    await runCommand(h.page, COMMAND_TITLES.solve);
    const frame = await findPanelFrame(h.page, 60_000, PANEL.stepRow).catch(async (err) => {
      await h.shot('hostile-no-panel');
      throw err;
    });
    const steps = await pollUntil(
      async () => {
        const s = await readPanelSteps(frame);
        return s.length === HOSTILE.steps.length && s;
      },
      { timeoutMs: 60_000, what: `${HOSTILE.steps.length} steps in the panel` },
    ).catch(async (err) => {
      await h.shot('hostile-incomplete');
      throw err;
    });
    await h.shot('hostile-panel');

    expect(steps[0]!.text).toContain('<script>alert(1)</script>');
    expect(steps[1]!.text).toContain('<img src=x onerror=alert(1)>');
    const injected = await frame.evaluate(() => ({
      images: document.querySelectorAll('img[src="x"], img[onerror]').length,
      scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('alert(1)')).length,
      handlers: document.querySelectorAll('[onerror]').length,
    }));
    expect(injected).toEqual({ images: 0, scripts: 0, handlers: 0 });
    expect(h.dialogs).toEqual([]);
  });
});
