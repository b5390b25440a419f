// The panel and the editor on a LaTeX-heavy ProcessBench MATH item (pmatrix vectors, \frac, \boxed) in real
// VS Code, in dark, light and both high-contrast themes: formulas whole, the correction inside the panel, verdict
// text at 4.5:1 or better against the real theme, and no serious or critical axe findings.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings, clippedFormulas, correctionsOutsidePanel, tabStopsInFormulas, verdictContrast } from '../helpers/panelChecks';
import { processBenchItem } from '../helpers/processbenchPanel';
import { findPanelFrame, openFile, readEditorLines, runCommand } from './actions';
import { startHarness, type Harness } from './harness';
import { pollUntil } from './poll';
import { COMMAND_TITLES, PANEL } from './selectors';

const item = processBenchItem('math-12');
// ProcessBench labels step 3 as the first error: a - 1 + 2c = 0 and 2a + 4 + c = 0 give a = -3, c = 2.
const WRONG = item.steps[item.label]!;
const RIGHT = [item.steps[0]!, item.steps[1]!, 'Solving this system of equations, we obtain \\(a = -3\\) and \\(c = 2\\).', 'Therefore, our answer is \\(\\boxed{(-3, 2)}\\).'];
const FILE = `${item.id}.md`;

const THEMES = [
  { name: 'Default Dark Modern', workbench: 'vs-dark', webview: 'vscode-dark' },
  { name: 'Default Light Modern', workbench: 'vs', webview: 'vscode-light' },
  { name: 'Default High Contrast', workbench: 'hc-black', webview: 'vscode-high-contrast' },
  { name: 'Default High Contrast Light', workbench: 'hc-light', webview: 'vscode-high-contrast-light' },
] as const;

describe('views on a ProcessBench MATH item in every theme kind', () => {
  let h: Harness;
  let frame: Frame;

  beforeAll(async () => {
    h = await startHarness({
      name: 'views-themes',
      script: { item: { problem: item.problem, steps: item.steps, wrongSteps: [WRONG], rightSteps: RIGHT } },
      settings: { 'workbench.colorTheme': THEMES[0].name },
      files: { [FILE]: `## Problem\n\n${item.problem}\n\n## Solution\n\n${item.steps.join('\n\n')}\n` },
    });
    await openFile(h.page, FILE);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('labels the first error in the editor, verdict first, and shows the correction in the panel', async () => {
    await runCommand(h.page, COMMAND_TITLES.verify);
    const wrongLine = await pollUntil(
      async () => {
        const line = (await readEditorLines(h.page)).find((l) => l.text.includes('Solving this system of equations'));
        return line?.decorations.some((d) => /✗/.test(d)) && line;
      },
      { timeoutMs: 90_000, what: 'a label on the wrong step' },
    ).catch(async (err) => {
      await h.shot('no-label');
      throw err;
    });
    expect(wrongLine.decorations.join(' ')).toMatch(/^✗ 0\.08 first error$/);
    frame = await findPanelFrame(h.page, 90_000, '[data-testid="correction"]');
    await h.shot('verified');
    expect(await frame.$$eval(PANEL.stepRow, (rows) => rows.map((r) => r.getAttribute('data-verdict')))).toEqual(['ok', 'ok', 'wrong', 'ok']);
    // No absolute paths in the panel.
    expect(await frame.textContent('[data-testid="file-name"]')).toBe(FILE);
  });

  for (const theme of THEMES) {
    it(`${theme.name}: formulas whole, correction inside the panel, verdicts at 4.5:1, no serious axe findings`, async () => {
      const settingsPath = join(h.workspace.folder, '.vscode', 'settings.json');
      const settings = JSON.parse(readFileSync(settingsPath, 'utf8'));
      writeFileSync(settingsPath, JSON.stringify({ ...settings, 'workbench.colorTheme': theme.name }, null, 2));
      await h.page.locator(`.monaco-workbench.${theme.workbench}`).waitFor({ timeout: 30_000 });
      frame = await findPanelFrame(h.page, 30_000, '[data-testid="correction"]');
      await pollUntil(() => frame.evaluate((cls) => document.body.classList.contains(cls), theme.webview), { timeoutMs: 20_000, what: `the panel in ${theme.name}` });
      await frame.waitForSelector('[data-testid="suggested"] .katex');
      await h.shot(`panel-${theme.webview}`);

      expect(await frame.locator('.katex .mtable').count()).toBeGreaterThan(0);
      expect(await clippedFormulas(frame)).toEqual([]);
      expect(await tabStopsInFormulas(frame)).toBe(0);
      expect(await correctionsOutsidePanel(frame)).toEqual([]);
      const contrast = await verdictContrast(frame);
      expect(contrast.min, contrast.worst).toBeGreaterThanOrEqual(4.5);
      expect(await axeFindings(frame)).toEqual([]);
      await frame.locator('[data-testid="correction"]').scrollIntoViewIfNeeded();
      await h.shot(`correction-${theme.webview}`);
    });
  }
});
