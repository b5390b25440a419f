// What a user does in the workbench, as functions over a Playwright page. Waits poll; none sleeps.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { RESULTS_DIR } from './codeServer';
import { pollUntil } from './poll';
import { PANEL, WORKBENCH } from './selectors';

export const SCREENSHOT_DIR = join(RESULTS_DIR, 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.waitForSelector(WORKBENCH.root, { timeout: 60_000 });
  // The remote file system is up once the explorer lists files or, after a reload with another view in the
  // side bar, once the editors are restored.
  await page.waitForSelector('.explorer-folders-view .monaco-list-row, .tabs-container .tab', { timeout: 60_000 });
  // The Stepwise activity-bar entry shows once the extension host has scanned the extension: only then are
  // its commands in the palette (slow on a loaded machine).
  await page.waitForSelector('.activitybar [aria-label^="Stepwise"]', { timeout: 120_000 });
}

async function openQuickInput(page: Page, prefix: '>' | ''): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const box = page.locator(WORKBENCH.quickInputBox);
  await box.waitFor({ state: 'visible', timeout: 10_000 });
  await box.fill(prefix);
}

/** Puts the whole query in the box at once: typing key by key re-filters a thousand commands per key. */
async function typeQuery(page: Page, query: string): Promise<void> {
  await page.locator(WORKBENCH.quickInputBox).fill(query);
}

/** F1, type the command's title, pick the row with exactly that label. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await openQuickInput(page, '>');
  // The row's aria-label is the title, followed by ", <keybinding>" when it has one.
  const row = page.locator(`${WORKBENCH.quickInputRow}[aria-label="${title}"], ${WORKBENCH.quickInputRow}[aria-label^="${title}, "]`);
  try {
    // Re-filter until the command shows up: an extension's commands appear once its host has started.
    await pollUntil(
      async () => {
        await typeQuery(page, `>${title}`);
        return row.first().isVisible();
      },
      { timeoutMs: 60_000, intervalMs: 1_000, what: `command "${title}"` },
    );
  } catch {
    const rows = await page.locator(WORKBENCH.quickInputRow).evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label')));
    const query = await page.locator(WORKBENCH.quickInputBox).inputValue().catch(() => '?');
    throw new Error(`no command "${title}" in the command palette (query ${JSON.stringify(query)}, rows ${JSON.stringify(rows)})`);
  }
  await row.first().click();
}

/** Open a workspace file from the Explorer (double-click: a kept, not preview, editor) and wait for its editor. */
export async function openFile(page: Page, fileName: string): Promise<void> {
  const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${fileName}"]`);
  if (!(await row.isVisible())) await runCommand(page, 'View: Show Explorer');
  await row.dblclick({ timeout: 10_000 });
  await page.locator(`.tab.active[aria-label^="${fileName}"]`).waitFor({ timeout: 10_000 });
  await page.locator(`${WORKBENCH.activeEditor} ${WORKBENCH.editorLines}`).first().waitFor({ timeout: 10_000 });
}

/** Go to a 1-based line in the active editor (Quick Open ":line"). */
export async function goToLine(page: Page, line: number): Promise<void> {
  await openQuickInput(page, '');
  await typeQuery(page, `:${line}`);
  await page.keyboard.press('Enter');
  await page.locator(WORKBENCH.quickInput).waitFor({ state: 'hidden', timeout: 5_000 });
}

export interface EditorLine {
  /** 1-based. */
  line: number;
  text: string;
  /** Text of `before`/`after` decorations on the line (CSS ::before/::after content or injected text). */
  decorations: string[];
}

/** Visible lines of the active editor with their inline decoration text. */
export async function readEditorLines(page: Page): Promise<EditorLine[]> {
  return page.evaluate(
    ({ editorSel }) => {
      const editor = document.querySelector(editorSel);
      if (!editor) return [];
      const numbers = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].map((el) => ({
        top: (el.closest('[style*="top"]') as HTMLElement | null)?.style.top ?? '',
        line: Number(el.textContent?.trim()),
      }));
      const unquote = (css: string) => (css && css !== 'none' && css !== 'normal' ? css.replace(/^"|"$/g, '').replace(/\\"/g, '"') : '');
      const viewLines = [...editor.querySelectorAll('.view-lines .view-line')].map((lineEl) => {
        const el = lineEl as HTMLElement;
        const decorations: string[] = [];
        for (const span of el.querySelectorAll('span')) {
          for (const pseudo of ['::before', '::after']) {
            const content = unquote(getComputedStyle(span, pseudo).content);
            if (content) decorations.push(content);
          }
        }
        // Injected text (the newer rendering) sits in spans whose class starts with "ced-".
        const injected = [...el.querySelectorAll('span[class*="ced-"]')].map((s) => s.textContent ?? '').filter(Boolean);
        decorations.push(...injected);
        let text = el.textContent ?? '';
        for (const piece of injected) text = text.replace(piece, '');
        return {
          top: parseFloat(el.style.top) || 0,
          line: numbers.find((n) => n.top === el.style.top)?.line ?? -1,
          text: text.replace(/\u00a0/g, ' '),
          decorations,
        };
      });
      // A wrapped line continues in view-lines without a line number: join them to their line.
      const merged: { line: number; text: string; decorations: string[] }[] = [];
      for (const v of viewLines.sort((a, b) => a.top - b.top)) {
        const last = merged[merged.length - 1];
        if (v.line === -1 && last) {
          last.text += v.text;
          last.decorations.push(...v.decorations);
        } else merged.push({ line: v.line, text: v.text, decorations: v.decorations });
      }
      return merged;
    },
    { editorSel: WORKBENCH.activeEditor },
  );
}

/** The active editor's visible text (decorations removed), lines joined by "\n". */
export async function readEditorText(page: Page): Promise<string> {
  return (await readEditorLines(page)).map((l) => l.text).join('\n');
}

export async function openProblems(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
}

/** Rows of the Problems view as their accessible labels (message, source, code, position). */
export async function readProblems(page: Page): Promise<string[]> {
  return page.locator(WORKBENCH.problemsRows).evaluateAll((rows) =>
    rows.map((r) => `${r.getAttribute('aria-label') ?? ''} | ${r.textContent ?? ''}`),
  );
}

/** Ctrl+. on the cursor line, then pick the code action with exactly this title. */
export async function applyQuickFix(page: Page, title: string): Promise<void> {
  await page.locator(WORKBENCH.activeEditor).locator('.view-lines').first().waitFor();
  await page.keyboard.press('Control+.');
  const row = page.locator(WORKBENCH.codeActionRow).filter({ hasText: title });
  try {
    await row.first().waitFor({ state: 'visible', timeout: 15_000 });
  } catch {
    const offered = await page.locator(WORKBENCH.codeActionRow).allTextContents();
    throw new Error(`quick fix "${title}" not offered; offered: ${JSON.stringify(offered)}`);
  }
  // The action widget keeps re-laying out its rows, so Playwright never sees them "stable".
  await row.first().click({ force: true });
}

/** The frame (of any nesting) that holds the Stepwise panel's content, once it exists. */
export async function findPanelFrame(page: Page, timeoutMs = 30_000, hook: string = PANEL.problem): Promise<Frame> {
  return pollUntil(
    async () => {
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        const found = await frame.$(hook).catch(() => null);
        if (found) return frame;
      }
      return undefined;
    },
    { timeoutMs, what: `a webview frame holding ${hook}` },
  );
}

export interface PanelStep {
  index: number;
  verdict: string;
  score: string;
  text: string;
}

export async function readPanelSteps(frame: Frame): Promise<PanelStep[]> {
  return frame.$$eval(
    PANEL.stepRow,
    (rows, scoreSel) =>
      rows.map((r) => ({
        index: Number(r.getAttribute('data-step-index')),
        verdict: r.getAttribute('data-verdict') ?? '',
        score: r.querySelector(scoreSel)?.textContent?.trim() ?? '',
        text: (r as HTMLElement).innerText ?? r.textContent ?? '',
      })),
    PANEL.stepScore,
  );
}

/** Status bar entries' text (icons come out as their codicon names are not in text). */
export async function readStatusBar(page: Page): Promise<string[]> {
  return page.locator(WORKBENCH.statusBarItem).evaluateAll((items) =>
    items.map((i) => `${i.getAttribute('id') ?? ''} ${(i as HTMLElement).innerText ?? ''} ${i.getAttribute('aria-label') ?? ''}`.trim()),
  );
}

export async function readNotifications(page: Page): Promise<string[]> {
  return page.locator(WORKBENCH.notificationToast).evaluateAll((toasts) =>
    toasts.map((t) => `${t.querySelector('.codicon-error') ? '[error] ' : ''}${(t as HTMLElement).innerText}`),
  );
}

/** The CodeLens lines shown in the visible editors. */
export async function readCodeLenses(page: Page): Promise<string[]> {
  return page.locator(WORKBENCH.codeLens).evaluateAll((lenses) => lenses.map((l) => (l as HTMLElement).innerText.trim()));
}

/** Rows of the Stepwise "Search" tree, as their labels. */
export async function readSearchTree(page: Page): Promise<string[]> {
  return page
    .locator(`${WORKBENCH.stepwiseViewlet} ${WORKBENCH.treeRow}`)
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? r.textContent ?? ''));
}

/** Reveal the Stepwise view container (its "Search" tree) in the side bar. */
export async function showSearchTree(page: Page, focusCommandTitle: string): Promise<void> {
  if (await page.locator(WORKBENCH.stepwiseViewlet).isVisible()) return;
  try {
    await runCommand(page, focusCommandTitle);
  } catch {
    await page.keyboard.press('Escape');
    await page.locator('.activitybar .action-item a[aria-label^="Stepwise"]').first().click({ timeout: 5_000 });
  }
  await page.locator(WORKBENCH.stepwiseViewlet).waitFor({ state: 'visible', timeout: 10_000 });
}

export interface RunIndicators {
  /** Stepwise status bar entries (id contains "stepwise"), with whether they spin. */
  status: { text: string; spinning: boolean }[];
  /** Notification toasts, error ones prefixed with "[error] ". */
  notifications: string[];
  /** Notification toasts showing progress. */
  progress: string[];
}

export async function readRunIndicators(page: Page): Promise<RunIndicators> {
  const status = await page.locator(WORKBENCH.statusBarItem).evaluateAll((items) =>
    items
      .filter((i) => (i.getAttribute('id') ?? '').toLowerCase().includes('stepwise'))
      .map((i) => ({
        text: `${(i as HTMLElement).innerText} ${i.getAttribute('aria-label') ?? ''}`.trim(),
        spinning: i.querySelector('.codicon-modifier-spin, [class*="~spin"]') !== null,
      })),
  );
  const notifications = await readNotifications(page);
  const progress = await page
    .locator(`${WORKBENCH.notificationToast}:has(.monaco-progress-container.active)`)
    .evaluateAll((toasts) => toasts.map((t) => (t as HTMLElement).innerText));
  return { status, notifications, progress };
}

export const isRunning = (r: RunIndicators) => r.status.some((s) => s.spinning) || r.progress.length > 0;
