// (a) Verify Steps annotates every step and reports the wrong one in Problems; (b) the quick fix corrects it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyQuickFix, goToLine, openFile, openProblems, readEditorLines, readEditorText, readProblems, runCommand, type EditorLine } from './actions';
import { startHarness, type Harness } from './harness';
import { pollUntil } from './poll';
import { MUFFINS } from './scriptedModel';
import { COMMAND_TITLES } from './selectors';
import { SAMPLE_FILES } from './workspace';

const SCORE = /\b[01]\.\d{2}\b/;

describe('Verify Steps on a solution with one wrong step', () => {
  let h: Harness;
  let wrongLine: EditorLine;

  beforeAll(async () => {
    h = await startHarness({ name: 'verify' });
    await openFile(h.page, SAMPLE_FILES.wrongSolution);
    await h.shot('opened');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows a score after every step and marks the wrong step', async () => {
    await runCommand(h.page, COMMAND_TITLES.verify);
    const stepLines = await pollUntil(
      async () => {
        const lines = await readEditorLines(h.page);
        const steps = MUFFINS.wrongSteps.map((step) => lines.find((l) => l.text.includes(step)));
        return steps.every((l) => l?.decorations.some((d) => SCORE.test(d))) && (steps as EditorLine[]);
      },
      { timeoutMs: 60_000, what: 'a score decoration on each of the 4 step lines' },
    ).catch(async (err) => {
      await h.shot('verify-no-decorations');
      throw new Error(`${err.message}\nlines: ${JSON.stringify(await readEditorLines(h.page), null, 1)}`);
    });
    await h.shot('verified');

    wrongLine = stepLines[MUFFINS.wrongStepIndex]!;
    expect(wrongLine.decorations.join(' ')).toMatch(/0\.08/);
    expect(wrongLine.decorations.join(' ')).toMatch(/wrong|✗/i);
    for (const [i, line] of stepLines.entries()) {
      if (i !== MUFFINS.wrongStepIndex) expect(line.decorations.join(' '), `step ${i + 1}`).toMatch(/0\.93/);
    }
  });

  it('lists one Stepwise diagnostic, on the wrong step, in the Problems view', async () => {
    await openProblems(h.page);
    const rows = await pollUntil(
      async () => {
        const stepwise = (await readProblems(h.page)).filter((r) => r.includes('Stepwise'));
        return stepwise.length > 0 && stepwise;
      },
      { timeoutMs: 20_000, what: 'a Stepwise row in the Problems view' },
    );
    await h.shot('problems');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('stepwise.weakStep');
    expect(rows[0]).toMatch(new RegExp(`\\b(line|Ln) ${wrongLine.line}\\b|\\[Ln ${wrongLine.line},`));
  });

  it('replaces the wrong step with "Apply suggested correction" (Ctrl+.)', async () => {
    await goToLine(h.page, wrongLine.line);
    await applyQuickFix(h.page, 'Apply suggested correction');
    const text = await pollUntil(
      async () => {
        const t = await readEditorText(h.page);
        return t.includes(MUFFINS.rightSteps[MUFFINS.wrongStepIndex]!) && t;
      },
      { timeoutMs: 60_000, what: 'the corrected step in the document' },
    ).catch(async (err) => {
      await h.shot('correction-missing');
      throw err;
    });
    await h.shot('corrected');
    expect(text).not.toContain(MUFFINS.wrongSteps[MUFFINS.wrongStepIndex]!);
    expect(text).toContain(MUFFINS.wrongSteps[0]!);
  });
});
