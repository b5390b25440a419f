// The editor's label, gutter icon and Problems entry for each step come from one decision, so they agree.
import { describe, expect, it } from 'vitest';
import { firstLineEnd, marksFor, type MarkedStep } from '../../extension/vscode/stepMarks';

const step = (index: number, score: number | null, verdict: MarkedStep['verdict'], over: Partial<MarkedStep> = {}): MarkedStep => ({ index, score, verdict, ...over });
// Scores of a 6-step ProcessBench-like solution whose third step is the first error.
const solution = [step(0, 0.93, 'ok'), step(1, 0.62, 'doubtful'), step(2, 0.03, 'wrong'), step(3, 0.1, 'wrong'), step(4, 0.7, 'doubtful'), step(5, 0.95, 'ok')];

describe('step marks', () => {
  it('labels lead with the verdict and stay short enough to survive a wrapped line', () => {
    const labels = solution.map((s) => marksFor(s, { firstError: 2 }).label);
    expect(labels).toEqual([undefined, '? 0.62 doubtful', '✗ 0.03 first error', '✗ 0.10 follows step 3', '? 0.70 follows step 3', undefined]);
    for (const l of labels) if (l) expect(l.length).toBeLessThanOrEqual(24);
  });

  it('shows ok labels only when stepwise.annotations.showOk is on', () => {
    expect(marksFor(solution[0], { firstError: 2, showOk: true }).label).toBe('✓ 0.93');
    expect(marksFor(solution[0], { firstError: -1 }).gutter).toBe('ok');
  });

  it('gives one severity per mark: first error Error, doubtful before it Warning, weak steps after it Information', () => {
    const marks = solution.map((s) => marksFor(s, { firstError: 2 }));
    expect(marks.map((m) => [m.gutter, m.diagnostic?.severity])).toEqual([
      ['ok', undefined],
      ['doubtful', 'warning'],
      ['wrong', 'error'],
      ['follows', 'information'],
      ['follows', 'information'],
      ['ok', undefined],
    ]);
  });

  it('says what to do, and later steps point back to the first error', () => {
    const [, doubtful, first, later] = solution.map((s) => marksFor(s, { firstError: 2 }).diagnostic?.message);
    expect(first).toMatch(/^Step 3 is likely wrong \(score 0\.03\).*Apply the suggested correction \(Quick Fix\)/);
    expect(later).toBe('Step 4 follows the error at step 3 (its own score 0.10). Fix step 3 first, then verify again.');
    expect(doubtful).toMatch(/^Step 2 is doubtful .*rewrite it if not/);
    expect(first).not.toContain('stepwise.weakStep');
  });

  it('marks a step without a verdict grey, with no diagnostic, never as a pass', () => {
    const abstained = marksFor(step(1, 0.5, 'ok', { abstained: true, evidence: { note: 'nothing to check' } }), { firstError: -1, showOk: true });
    expect(abstained).toEqual({ label: '○ unchecked', tone: 'unscored', gutter: 'unscored' });
    const unscored = marksFor(step(1, null, 'unscored', { unscoredReason: 'the step is longer than the judge context' }), { firstError: -1 });
    expect(unscored).toEqual({ label: '○ no verdict', tone: 'unscored', gutter: 'unscored' });
  });

  it('an edited step says so and carries no verdict mark', () => {
    expect(marksFor(solution[2], { firstError: 2, stale: true })).toEqual({ label: '… step 3 edited, verify again', tone: 'stale' });
  });

  it('squiggles only the first line of a step', () => {
    const text = 'Problem.\n\nFirst we note that\n\\[\n\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}\n\\]\nso the answer is 3.';
    const start = text.indexOf('First');
    expect(text.slice(start, firstLineEnd(text, start, text.length))).toBe('First we note that');
    const crlf = 'a\r\nb';
    expect(firstLineEnd(crlf, 0, crlf.length)).toBe(1);
  });
});
