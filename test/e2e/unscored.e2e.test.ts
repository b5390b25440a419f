// A judge that never says yes or no: Verify Steps shows an unverified solution, and Solve an unverified best path,
// as such (CodeLens, status bar, notifications, Problems), never as "no wrong step".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFile, openProblems, readCodeLenses, readEditorLines, readNotifications, readProblems, readStatusBar, runCommand } from './actions';
import { startHarness, type Harness } from './harness';
import { pollUntil } from './poll';
import { MUFFINS } from './scriptedModel';
import { COMMAND_TITLES } from './selectors';
import { SAMPLE_FILES } from './workspace';

describe('steps with no verdict in VS Code', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ name: 'unscored', script: { judge: 'no-verdict' } });
    await openFile(h.page, SAMPLE_FILES.wrongSolution);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('Verify Steps: every step unscored, the CodeLens, status bar and a notification say the solution is unverified', async () => {
    await runCommand(h.page, COMMAND_TITLES.verify);
    const note = await pollUntil(async () => (await readNotifications(h.page)).find((n) => n.includes('Unverified')), { timeoutMs: 60_000, what: 'the unverified notification' }).catch(
      async (err) => {
        await h.shot('no-notification');
        throw err;
      },
    );
    expect(note).toContain('Unverified: none of the 4 steps got a verdict (the judge gave no yes/no verdict: 4).');
    const status = await pollUntil(async () => (await readStatusBar(h.page)).find((s) => s.includes('Stepwise') && s.includes('unverified')), { timeoutMs: 20_000, what: 'the status bar saying unverified' });
    expect(status).toContain('qwen2.5:7b · unverified');
    const lens = await pollUntil(async () => (await readCodeLenses(h.page)).find((l) => l.startsWith('Stepwise:')), { timeoutMs: 90_000, what: 'the Stepwise CodeLens' }).catch(
      async (err) => {
        await h.shot('no-codelens');
        throw err;
      },
    );
    expect(lens).toBe('Stepwise: unverified, no step of 4 got a verdict (the judge gave no yes/no verdict: 4) · verify again');
    await h.shot('verify-unverified');
    // No step reads as a pass: nothing on the step lines says ok or shows the neutral 0.50.
    const lines = await readEditorLines(h.page);
    for (const step of MUFFINS.wrongSteps) {
      expect(lines.find((l) => l.text.includes(step))?.decorations.join(' '), step).not.toMatch(/\b0\.50\b| ok\b/);
    }
    await openProblems(h.page);
    await h.shot('problems');
    // No step is reported wrong or doubtful: a step with no verdict is neither.
    expect((await readProblems(h.page)).filter((r) => /is likely wrong|is doubtful/.test(r))).toEqual([]);
  });

  it('Solve with Verified Search: the best path is said to be unverified, not verified', async () => {
    await openFile(h.page, SAMPLE_FILES.problemOnly);
    await runCommand(h.page, COMMAND_TITLES.solve);
    const note = await pollUntil(async () => (await readNotifications(h.page)).find((n) => n.includes('best solution')), {
      timeoutMs: 90_000,
      what: 'the notification at the end of the search',
    }).catch(async (err) => {
      await h.shot('solve-no-notification');
      throw new Error(`${err.message}; notifications: ${JSON.stringify(await readNotifications(h.page))}`);
    });
    await h.shot('solve-unverified');
    expect(note).toContain('best solution unverified (no step got a verdict)');
    expect(note).toContain('Unverified: none of the');
    expect(note).not.toMatch(/best solution verified|scores \d/);
  });
});
