// The real panel bundle in Chromium at the width of a side-by-side panel, in the four theme kinds, on LaTeX-heavy
// ProcessBench MATH items: formulas whole, corrections inside the panel, verdicts readable, keyboard and axe clean.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BeginSearch, CopySolution, InsertSolution, SearchEvents, SelectNode, ShowSearch, ShowSearchResult, ShowVerification } from '../../extension/protocol';
import { SearchReducer } from '../../extension/searchReducer';
import { buildPanelBundle } from '../bench/webview-build';
import { chromiumAvailable, openPanelPage, type PanelPage } from '../bench/webview-page';
import { sampleSearch } from '../bench/webview-samples';
import { axeFindings, clippedFormulas, correctionsOutsidePanel, tabStopsInFormulas, verdictContrast } from '../helpers/panelChecks';
import { processBenchItem, processBenchVerification } from '../helpers/processbenchPanel';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const SHOTS = join(process.cwd(), 'test-results', 'webview');

function sideBar(background: string, title: string): Record<string, string> {
  return { 'sideBar-background': background, 'sideBarSectionHeader-background': background, 'sideBarTitle-foreground': title };
}

type ThemeKind = 'dark' | 'light' | 'highContrast' | 'highContrastLight';
const THEMES: Record<ThemeKind, { bodyClass: string; vars: Record<string, string> }> = {
  // Dark Modern, Light Modern, Dark High Contrast, Light High Contrast (values from VS Code 1.100's themes).
  dark: { bodyClass: 'vscode-dark', vars: { 'editor-background': '#1f1f1f', foreground: '#cccccc', descriptionForeground: '#9d9d9d', 'panel-border': '#2b2b2b', ...sideBar('#181818', '#cccccc') } },
  light: { bodyClass: 'vscode-light', vars: { 'editor-background': '#ffffff', foreground: '#3b3b3b', descriptionForeground: '#3b3b3b', 'panel-border': '#e5e5e5', ...sideBar('#f8f8f8', '#3b3b3b') } },
  highContrast: { bodyClass: 'vscode-high-contrast', vars: { 'editor-background': '#000000', foreground: '#ffffff', descriptionForeground: '#ffffff', 'panel-border': '#6fc3df', contrastBorder: '#6fc3df', ...sideBar('#000000', '#ffffff') } },
  highContrastLight: { bodyClass: 'vscode-high-contrast-light', vars: { 'editor-background': '#ffffff', foreground: '#292929', descriptionForeground: '#292929', 'panel-border': '#0f4a85', contrastBorder: '#0f4a85', ...sideBar('#ffffff', '#292929') } },
};

/** The theme variables VS Code would set: its own, and our contributed stepwise.* colours for that theme kind. */
function themeVars(kind: ThemeKind): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(THEMES[kind].vars)) vars[`--vscode-${k}`] = v;
  for (const c of pkg.contributes.colors as { id: string; defaults: Record<ThemeKind, string> }[]) vars[`--vscode-${c.id.replace('.', '-')}`] = c.defaults[kind];
  return vars;
}

async function applyTheme(p: PanelPage, kind: ThemeKind): Promise<void> {
  // Through the CSSOM: the panel's CSP admits no injected style element, as in VS Code.
  await p.page.evaluate(
    ({ vars, bodyClass }) => {
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
      document.body.className = bodyClass;
    },
    { vars: themeVars(kind), bodyClass: THEMES[kind].bodyClass },
  );
}

describe.skipIf(!chromiumAvailable())('panel layout on ProcessBench MATH items', () => {
  let bundle: string;
  beforeAll(async () => {
    bundle = await buildPanelBundle();
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  for (const kind of Object.keys(THEMES) as ThemeKind[]) {
    it(`${kind}: matrices and fractions are whole, the correction fits, verdicts read at 4.5:1, axe finds nothing serious`, { timeout: 90_000 }, async () => {
      const p = await openPanelPage(bundle, { width: 626, height: 1400 });
      try {
        await applyTheme(p, kind);
        // math-12: pmatrix vectors and \boxed{(-6, \frac{5}{2})}; the correction carries math-1's wide display fraction.
        const wide = processBenchItem('math-1').steps[0];
        await p.send(ShowVerification.create(processBenchVerification(processBenchItem('math-12'), wide)));
        await p.page.waitForSelector('[data-testid="suggested"] .katex');
        await p.page.screenshot({ path: join(SHOTS, `layout-${kind}.png`), fullPage: true });

        expect(await p.page.locator('.katex .mtable').count()).toBeGreaterThan(0);
        expect(await clippedFormulas(p.page)).toEqual([]);
        expect(await tabStopsInFormulas(p.page)).toBe(0);
        expect(await correctionsOutsidePanel(p.page)).toEqual([]);
        const contrast = await verdictContrast(p.page);
        expect(contrast.min, contrast.worst).toBeGreaterThanOrEqual(4.5);
        expect(await axeFindings(p.page)).toEqual([]);
        // The empty part of a 0.03 bar must not look filled: in high contrast it is the background, outlined.
        const track = await p.page.$eval('.sw-verdict-wrong .sw-bar', (el) => ({ bg: getComputedStyle(el).backgroundColor, fill: (el.firstElementChild as HTMLElement).getBoundingClientRect().width / el.getBoundingClientRect().width }));
        expect(track.fill).toBeLessThan(0.06);
        if (kind.startsWith('highContrast')) expect(track.bg).toBe('rgba(0, 0, 0, 0)');
        expect(p.problems).toEqual([]);
      } finally {
        await p.close();
      }
    });
  }

  it('stacks Original above Suggested in a narrow panel, each inside it', { timeout: 60_000 }, async () => {
    const p = await openPanelPage(bundle, { width: 360, height: 1400 });
    try {
      await p.send(ShowVerification.create(processBenchVerification(processBenchItem('math-12'))));
      await p.page.waitForSelector('[data-testid="suggested"]');
      const [o, s] = await Promise.all(['original', 'suggested'].map((t) => p.page.locator(`[data-testid="${t}"]`).boundingBox()));
      expect(s!.y).toBeGreaterThanOrEqual(o!.y + o!.height - 1);
      expect(await correctionsOutsidePanel(p.page)).toEqual([]);
      // The diff marks what changed.
      expect(await p.page.locator('[data-testid="suggested"] .sw-ins').count()).toBeGreaterThan(0);
      await p.page.screenshot({ path: join(SHOTS, 'layout-narrow.png'), fullPage: true });
    } finally {
      await p.close();
    }
  });

  it('names every control by its step, and the node list moves with arrows and reveals with Enter', { timeout: 60_000 }, async () => {
    const p = await openPanelPage(bundle, { width: 626, height: 1400 });
    try {
      await p.send(ShowVerification.create(processBenchVerification(processBenchItem('math-12'))));
      await p.page.waitForSelector('[data-testid="apply-correction"]');
      expect(await p.page.getAttribute('[data-testid="apply-correction"]', 'aria-label')).toBe('Apply correction to step 3');
      expect(await p.page.$$eval('[role="meter"]', (els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(['Score of step 1', 'Score of step 2', 'Score of step 3', 'Score of step 4']);
      expect(await p.page.$$eval('.sw-evidence summary', (els) => els.map((e) => e.textContent))).toContain('Evidence for step 3');

      const { events, result } = sampleSearch(60);
      await p.send(BeginSearch.create({ problem: 'What is $2^{10}$?', strategy: 'beam' }));
      await p.send(SearchEvents.create({ events }));
      await p.send(ShowSearchResult.create({ result }));
      await p.page.waitForSelector('[data-testid="node-list"] [role="option"]');
      await p.page.focus('[data-testid="node-list"]');
      await p.page.keyboard.press('ArrowDown');
      await p.page.keyboard.press('ArrowDown');
      await p.page.keyboard.press('ArrowDown');
      // The third row, depth first.
      const selected = p.page.locator('[role="option"][aria-selected="true"]');
      await selected.waitFor();
      expect(await selected.evaluate((e) => (e as HTMLElement).style.transform)).toBe('translateY(44px)');
      const id = await selected.getAttribute('data-node-id');
      expect(await p.page.getAttribute('[data-testid="node-list"]', 'aria-activedescendant')).toBe(`sw-node-${id}`);
      expect((await p.posted()).some((m) => SelectNode.is(m))).toBe(false); // arrows only move
      await p.page.keyboard.press('Enter');
      expect((await p.posted()).filter((m) => SelectNode.is(m)).map((m) => SelectNode.is(m) && m.params.id)).toEqual([id]);
      expect(await axeFindings(p.page)).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('a search with no document behind it (after a reload) offers Copy instead of an Insert that cannot work', { timeout: 60_000 }, async () => {
    const p = await openPanelPage(bundle, { width: 626, height: 1000 });
    try {
      const { result } = sampleSearch(40);
      const restored = { ...SearchReducer.fromResult(result).snapshot(), restored: true };
      await p.send(ShowSearch.create({ search: JSON.parse(JSON.stringify(restored)) }));
      await p.page.locator('[data-testid="copy-solution"]').click();
      const posted = await p.posted();
      expect(posted.filter((m) => CopySolution.is(m))).toHaveLength(1);
      expect(posted.some((m) => InsertSolution.is(m))).toBe(false);
      expect(await p.page.textContent('[data-testid="restored-note"]')).toMatch(/not attached to a document/i);
      expect(await p.page.locator('[data-testid="insert-solution"]').count()).toBe(0);
    } finally {
      await p.close();
    }
  });
});
