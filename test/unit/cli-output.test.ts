import { describe, expect, it } from 'vitest';
import { hangingRows, layoutFrom, wrapWords } from '../../extension/cli/output';
import { formatTable } from '../../extension/cli/verify';
import { summariseSteps, type VerifiedStep } from '../../extension/engine';

const LONG = 'Since $\\frac{3}{4}$ of the 48 students take the bus, $48 \\times \\frac{3}{4} = 36$ students take the bus, and the remaining $48 - 36 = 12$ students walk or cycle to school every morning.';

describe('step text in the terminal', () => {
  it('is shown whole, wrapped to the width with a hanging indent', () => {
    const rows = hangingRows('    2  0.912  ✓ ok        ', LONG, { columns: 80 });
    expect(rows.length).toBeGreaterThan(2);
    for (const r of rows) expect(r.length).toBeLessThanOrEqual(80);
    expect(rows.slice(1).every((r) => r.startsWith(' '.repeat(26)))).toBe(true);
    expect(rows.map((r, i) => (i ? r.trim() : r.slice(26))).join(' ')).toBe(LONG);
  });

  it('is cut only when --truncate asks', () => {
    expect(hangingRows('> ', LONG, layoutFrom({ truncate: '20' }, 80))).toEqual(['> Since $\\frac{3}{4}$…']);
    expect(() => layoutFrom({ truncate: '0' })).toThrow('--truncate 0: expected a whole number above 0.');
  });

  it('splits a word longer than the line', () => {
    expect(wrapWords('a ' + 'x'.repeat(25), 10)).toEqual(['a', 'xxxxxxxxxx', 'xxxxxxxxxx', 'xxxxx']);
  });
});

describe('the verify table', () => {
  const step = (index: number, over: Partial<VerifiedStep>): VerifiedStep => ({ index, start: 0, end: 0, text: `Step ${index + 1}.`, score: 0.9, verdict: 'ok', scorer: 'arithmetic', method: 'check', evidence: {}, ...over });
  it('shows no score for an unscored step, its label and reason, and the engine summary; "n/a" when nothing was judged', () => {
    const r = summariseSteps(
      [step(0, { score: null, verdict: 'unscored', unscoredReason: 'nothing to check' }), step(1, { score: null, verdict: 'unscored', unscoredReason: 'nothing to check' })],
      { scorer: 'arithmetic', aggregation: 'min', threshold: 0.5 },
    );
    const table = formatTable('What is 2 + 2?', r, { columns: 100 });
    expect(table).toMatch(/ {4}1 {4}— {4}– unchecked Step 1\./);
    expect(table).toContain('Unverified: none of the 2 steps got a verdict (nothing to check: 2).');
    expect(table).toContain('Solution score (min, judged steps only): n/a (no step was judged)');
    expect(table).not.toContain('No wrong step');
  });
});
