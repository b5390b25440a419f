// (c) Solve with Verified Search fills the Search tree and the panel; (e) the panel survives a window reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPanelFrame, openFile, readPanelSteps, readSearchTree, runCommand, showSearchTree, type PanelStep } from './actions';
import { startHarness, type Harness } from './harness';
import { pollUntil } from './poll';
import { MUFFINS } from './scriptedModel';
import { COMMAND_TITLES, PANEL } from './selectors';
import { SAMPLE_FILES } from './workspace';

describe('Solve with Verified Search on a problem-only file', () => {
  let h: Harness;
  let solved: PanelStep[];

  beforeAll(async () => {
    h = await startHarness({ name: 'solve' });
    await openFile(h.page, SAMPLE_FILES.problemOnly).catch(async (err) => {
      await h.shot('open-failed');
      throw err;
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the best path step by step with scores in the panel', async () => {
    await runCommand(h.page, COMMAND_TITLES.solve);
    const frame = await findPanelFrame(h.page, 60_000, PANEL.stepRow).catch(async (err) => {
      await h.shot('no-panel');
      throw err;
    });
    solved = await pollUntil(
      async () => {
        const steps = await readPanelSteps(frame);
        return steps.length === MUFFINS.rightSteps.length && steps.every((s) => /\d\.\d\d/.test(s.score)) && steps;
      },
      { timeoutMs: 60_000, what: `${MUFFINS.rightSteps.length} scored steps in the panel` },
    ).catch(async (err) => {
      await h.shot('panel-incomplete');
      throw new Error(`${err.message}; panel rows: ${JSON.stringify(await readPanelSteps(frame))}`);
    });
    await h.shot('solved-panel');
    expect(solved.map((s) => s.index)).toEqual([0, 1, 2, 3]);
    for (const [i, step] of solved.entries()) {
      expect(step.text, `step ${i + 1}`).toContain(MUFFINS.rightSteps[i]!.replace('\\boxed{29}', '').slice(0, 20));
      expect(step.score).toContain('0.93');
      expect(step.verdict).not.toBe('wrong');
    }
    expect(await frame.locator(PANEL.stats).count()).toBeGreaterThan(0);
    expect(await frame.locator(PANEL.problem).innerText()).toContain('muffins for $3 each');
  });

  it('fills the Search tree view with the nodes of the search', async () => {
    const tree = async () => readSearchTree(h.page);
    await showSearchTree(h.page, COMMAND_TITLES.focusSearchTree);
    const rows = await pollUntil(async () => {
      const r = await tree();
      return r.some((label) => label.includes('The muffins cost')) && r;
    }, { timeoutMs: 20_000, what: 'a Search tree row holding the first step' }).catch(async (err) => {
      await h.shot('tree-empty');
      throw new Error(`${err.message}; rows: ${JSON.stringify(await tree())}`);
    });
    await h.shot('search-tree');
    expect(rows.length).toBeGreaterThanOrEqual(2);
  });

  it('restores the panel with the same steps after Developer: Reload Window', async () => {
    await h.reloadBy(() => runCommand(h.page, COMMAND_TITLES.reloadWindow));
    const frame = await findPanelFrame(h.page, 60_000, PANEL.stepRow).catch(async (err) => {
      await h.shot('reload-no-panel');
      throw err;
    });
    const restored = await pollUntil(
      async () => {
        const steps = await readPanelSteps(frame);
        return steps.length === solved.length && steps;
      },
      { timeoutMs: 30_000, what: 'the restored panel to list the solved steps' },
    );
    await h.shot('reloaded-panel');
    expect(restored.map((s) => [s.index, s.score])).toEqual(solved.map((s) => [s.index, s.score]));
  });
});
