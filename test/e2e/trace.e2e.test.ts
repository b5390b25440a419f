// A DeepSeek-R1-style answer in real VS Code: Verify Steps scores the trace's sections (arithmetic checker, no
// model), shows each verdict after the section's first line, folds the trace by section, and the panel lists the
// sections with the surviving error linked to the answer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPanelFrame, openFile, readEditorLines, runCommand } from './actions';
import { startHarness, type Harness } from './harness';
import { pollUntil } from './poll';
import { COMMAND_TITLES } from './selectors';

const FILE = 'r1-school-supplies.md';
const SECTION = /§\d+ /;

describe('Verify Steps on a reasoning trace', () => {
  let h: Harness;

  beforeAll(async () => {
    const content = readFileSync(join(__dirname, '../fixtures/traces', FILE), 'utf8');
    h = await startHarness({ name: 'trace', settings: { 'stepwise.scorer': 'arithmetic' }, files: { [FILE]: content } });
    await openFile(h.page, FILE);
    await h.shot('opened');
  });
  afterAll(async () => {
    await h?.close();
  });

  it("puts each section's verdict after its first line, with the correction and the surviving error", async () => {
    await runCommand(h.page, COMMAND_TITLES.verify);
    const lines = await pollUntil(
      async () => {
        const all = await readEditorLines(h.page);
        return all.filter((l) => l.decorations.some((d) => SECTION.test(d))).length >= 3 && all;
      },
      { timeoutMs: 60_000, what: 'section labels on the trace' },
    ).catch(async (err) => {
      await h.shot('trace-no-decorations');
      throw err;
    });
    await h.shot('verified');
    // A section's label sits on the blank line just above it.
    const label = (start: string) => {
      const at = lines.findIndex((l) => l.text.startsWith(start));
      return at > 0 ? lines[at - 1].decorations.join(' ') : '';
    };
    expect(label('First, the pencils.')).toMatch(/§2 attempt · ✗ 0\.00 wrong · recovered by §4/);
    expect(label('Wait, let me recheck the pencils')).toMatch(/§4 reflection · ✓ 1\.00 ok · corrects §2/);
    expect(label('Okay, let me make sure I understand')).toMatch(/§1 attempt · no verdict/);
  });

  it('folds the trace by section (Fold Level 2 keeps each section\'s first line)', async () => {
    await runCommand(h.page, 'Fold Level 2');
    const visible = await pollUntil(
      async () => {
        const all = await readEditorLines(h.page);
        return !all.some((l) => l.text.startsWith('I should be careful')) && all;
      },
      { timeoutMs: 20_000, what: 'the second paragraph of section 1 folded away' },
    ).catch(async (err) => {
      await h.shot('not-folded');
      throw err;
    });
    await h.shot('folded');
    const texts = visible.map((l) => l.text);
    expect(texts.some((t) => t.startsWith('Okay, let me make sure I understand'))).toBe(true);
    expect(texts.some((t) => t.startsWith('Wait, let me recheck the pencils'))).toBe(true);
    expect(texts.some((t) => t.startsWith('So the corrected total'))).toBe(false);
    // Folded, the whole trace fits: the surviving error's label is on screen.
    const survivor = visible.findIndex((l) => l.text.startsWith('Next, I share these'));
    expect(visible[survivor - 1]?.decorations.join(' ')).toMatch(/§7 attempt · ✗ 0\.00 wrong · never corrected: reaches the answer/);
  });

  it('lists the sections in the panel and leads from the surviving error to the answer', async () => {
    const frame = await findPanelFrame(h.page, 30_000, '[data-testid="trace-sections"]');
    const rows = await frame.$$eval('[data-testid="trace-section"]', (els) => els.map((e) => `${e.getAttribute('data-kind')}:${e.getAttribute('data-verdict')}`));
    expect(rows).toEqual([
      'attempt:unscored',
      'attempt:wrong',
      'attempt:ok',
      'reflection:ok',
      'attempt:ok',
      'strategy-shift:ok',
      'attempt:wrong',
      'verification:wrong',
    ]);
    expect(await frame.textContent('[data-testid="surviving-error"]')).toContain('section 7');
    expect(await frame.textContent('[data-testid="surviving-error"]')).toContain('answer step 3, the first wrong step of the answer');
    await h.shot('panel-trace');
    await frame.click('[data-testid="surviving-error-answer"]');
    // The answer's first wrong step scrolls into view (VS Code scrolls a webview to the top on href="#" links).
    await frame.waitForFunction(() => {
      const r = document.querySelector('[data-testid="step-row"][data-step-index="2"]')?.getBoundingClientRect();
      return !!r && r.top >= 0 && r.bottom <= window.innerHeight;
    });
    await h.shot('panel-answer-step');
    expect(h.dialogs).toEqual([]);
  });
});
