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

  it('labels the wrong step, verdict first, and leaves the correct steps quiet (stepwise.annotations.showOk is off)', async () => {
    await runCommand(h.page, COMMAND_TITLES.verify);
    const stepLines = await pollUntil(
      async () => {
        const lines = await readEditorLines(h.page);
        const steps = MUFFINS.wrongSteps.map((step) => lines.find((l) => l.text.includes(step)));
        return steps.every(Boolean) && steps[MUFFINS.wrongStepIndex]!.decorations.some((d) => SCORE.test(d)) && (steps as EditorLine[]);
      },
      { timeoutMs: 60_000, what: 'a score decoration on the wrong step line' },
    ).catch(async (err) => {
      await h.shot('verify-no-decorations');
      throw new Error(`${err.message}\nlines: ${JSON.stringify(await readEditorLines(h.page), null, 1)}`);
    });
    await h.shot('verified');

    wrongLine = stepLines[MUFFINS.wrongStepIndex]!;
    expect(wrongLine.decorations.join(' ')).toMatch(/✗ 0\.08 first error/);
    for (const [i, line] of stepLines.entries()) {
      if (i !== MUFFINS.wrongStepIndex) expect(line.decorations.join(' '), `step ${i + 1}`).not.toMatch(SCORE);
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
    // A message that says what to do, not only the diagnostic code.
    expect(rows[0]).toMatch(/likely wrong .*Apply the suggested correction/);
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
