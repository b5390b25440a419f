import { it, expect } from 'vitest';
import { openFile, readEditorLines, runCommand, openProblems, readProblems, readStatusBar, goToLine, readRunIndicators } from './actions';
import { startHarness } from './harness';

it('smoke', async () => {
  let t0 = Date.now();
  const lap = (what: string) => { console.log(what, Date.now() - t0); t0 = Date.now(); };
  const h = await startHarness({ name: 'smoke' });
  lap('workbench');
  try {
    await openFile(h.page, 'muffins.md');
    lap('open');
    const lines = await readEditorLines(h.page);
    await runCommand(h.page, 'View: Toggle Word Wrap');
    lap('command');
    await goToLine(h.page, 9);
    lap('goto');
    await openProblems(h.page);
    lap('problems');
    console.log(await readProblems(h.page), await readStatusBar(h.page), JSON.stringify(await readRunIndicators(h.page)));
    await h.shot('problems');
    expect(lines.length).toBeGreaterThan(5);
  } finally {
    await h.close();
    lap('close');
  }
});
