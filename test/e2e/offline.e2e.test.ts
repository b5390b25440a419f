// No model server at all: with the arithmetic checker chosen, Verify Steps still scores the steps and its quick fix
// corrects a false computation. (With `auto` and an endpoint the user set, a dead server is reported instead of
// replaced: the user's choice is honoured.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyQuickFix, goToLine, openFile, readEditorLines, readEditorText, runCommand, type EditorLine } from './actions';
import { startHarness, type Harness } from './harness';
import { pollUntil } from './poll';
import { MUFFINS } from './scriptedModel';
import { COMMAND_TITLES } from './selectors';
import { SAMPLE_FILES } from './workspace';

describe('Verify Steps with no model server', () => {
  let h: Harness;

  beforeAll(async () => {
    // Port 9 (discard) has no listener on loopback: the endpoint is unreachable, as with Ollama not started.
    h = await startHarness({ name: 'offline', settings: { 'stepwise.endpoint': 'http://127.0.0.1:9', 'stepwise.scorer': 'arithmetic' } });
    await openFile(h.page, SAMPLE_FILES.wrongSolution);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('scores the steps with the arithmetic checker and fixes the false one', async () => {
    await runCommand(h.page, COMMAND_TITLES.verify);
    const wrong = MUFFINS.wrongSteps[MUFFINS.wrongStepIndex]!;
    const line = await pollUntil(
      async () => {
        const found = (await readEditorLines(h.page)).find((l) => l.text.includes(wrong));
        return found?.decorations.some((d) => /wrong|✗/i.test(d)) && (found as EditorLine);
      },
      { timeoutMs: 60_000, what: 'the false computation marked wrong' },
    ).catch(async (err) => {
      await h.shot('offline-no-verdict');
      throw err;
    });
    await h.shot('offline-verified');
    expect(line.decorations.join(' ')).toMatch(/0\.00/);
    expect(h.model.requests).toHaveLength(0);

    await goToLine(h.page, line.line);
    await applyQuickFix(h.page, 'Apply suggested correction');
    const text = await pollUntil(async () => {
      const t = await readEditorText(h.page);
      return t.includes('6 × $1.50 = $9') && t;
    }, { timeoutMs: 30_000, what: 'the computed value in place of the false one' }).catch(async (err) => {
      await h.shot('offline-not-corrected');
      throw err;
    });
    await h.shot('offline-corrected');
    expect(text).not.toContain('6 × $1.50 = $8');
  });
});
