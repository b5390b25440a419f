import { describe, expect, it } from 'vitest';
import {
  accuracyCurve,
  allSubsets,
  binomialUpTo,
  budgetsUpTo,
  randomSubset,
  expectedCorrect,
  selectCandidate,
  type Candidate,
} from '../../extension/engine/eval/curve';
import { parseEvalProblems } from '../../extension/engine/eval/problems';
import { seededRandom } from '../../extension/engine/search/random';

const right = (answer: string, score: number): Candidate => ({ answer, correct: true, score });
const wrong = (answer: string, score: number): Candidate => ({ answer, correct: false, score });

/** One right answer scored high, outvoted by three wrong ones scored low. */
const OUTVOTED = [right('20', 0.9), wrong('24', 0.2), wrong('24', 0.2), wrong('24', 0.2)];
/** Two right answers with middling scores, one wrong answer the PRM likes best. */
const FOOLED = [right('20', 0.5), right('20', 0.5), wrong('24', 0.8), wrong('22', 0.1)];

describe('selection rules', () => {
  it('majority, PRM-best and PRM-weighted pick as defined', () => {
    expect(selectCandidate('majority', OUTVOTED)?.answer).toBe('24');
    expect(selectCandidate('prmBest', OUTVOTED)?.answer).toBe('20');
    expect(selectCandidate('weighted', OUTVOTED)?.answer).toBe('20'); // 0.9 against 3 × 0.2
    expect(selectCandidate('majority', FOOLED)?.answer).toBe('20');
    expect(selectCandidate('prmBest', FOOLED)?.answer).toBe('24');
    expect(selectCandidate('weighted', FOOLED)?.answer).toBe('20'); // 1.0 against 0.8
  });

  it('a majority tie never looks at the PRM and counts as its expected value; equal spellings vote together', () => {
    expect(selectCandidate('majority', [wrong('7', 0.3), right('8', 0.6)])?.answer).toBe('7');
    expect(expectedCorrect('majority', [wrong('7', 0.3), right('8', 0.6)])).toBe(0.5);
    expect(expectedCorrect('majority', [wrong('7', 0.9), right('8', 0.1), right('8', 0.1)])).toBe(1);
    expect(accuracyCurve([{ id: 'p', candidates: [wrong('7', 0.3), right('8', 0.6)] }], { maxSubsets: 64, seed: 1, budgets: [2] })[0].majority).toBe(50);
    const spelled = [right('1,000', 0.2), right('1000', 0.2), wrong('999', 0.9)];
    expect(selectCandidate('majority', spelled)?.correct).toBe(true);
    expect(selectCandidate('weighted', [right('\\frac{1}{2}', 0.3), right('0.5', 0.3), wrong('2', 0.5)])?.answer).toBe('\\frac{1}{2}');
  });

  it('solutions without an answer never win, even with the best score', () => {
    const unanswered: Candidate = { correct: false, score: 0.99 };
    expect(selectCandidate('prmBest', [unanswered, right('3', 0.4)])?.answer).toBe('3');
    expect(selectCandidate('majority', [unanswered, unanswered])).toBeUndefined();
  });
});

describe('sub-sampling', () => {
  it('budgets are powers of two up to N, and N itself', () => {
    expect(budgetsUpTo(16)).toEqual([1, 2, 4, 8, 16]);
    expect(budgetsUpTo(12)).toEqual([1, 2, 4, 8, 12]);
    expect(budgetsUpTo(1)).toEqual([1]);
    expect(() => budgetsUpTo(0)).toThrow(/at least 1/);
  });

  it('counts and lists subsets', () => {
    expect(binomialUpTo(4, 2, 64)).toBe(6);
    expect(binomialUpTo(16, 8, 64)).toBe(Infinity);
    expect(allSubsets(4, 2)).toEqual([[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]);
  });

  it('random subsets are distinct, sorted, and cover the indices evenly', () => {
    const random = seededRandom(7);
    const hits = new Array(10).fill(0);
    const subsets = Array.from({ length: 4000 }, () => randomSubset(10, 3, random));
    expect(subsets.every((s) => new Set(s).size === 3 && s.every((v, i) => i === 0 || s[i - 1] < v))).toBe(true);
    subsets.forEach((s) => s.forEach((i) => hits[i]++));
    // Each index is in 3/10 of the subsets: 1200 of 4000.
    for (const h of hits) expect(Math.abs(h - 1200)).toBeLessThan(120);
  });

  it('averages exactly over every subset when there are few (hand-computed)', () => {
    const curve = accuracyCurve([{ id: 'a', candidates: OUTVOTED }], { budgets: [1, 2, 3, 4], maxSubsets: 64, seed: 0 });
    expect(curve.map((p) => [p.n, p.majority, p.prmBest, p.weighted, p.coverage])).toEqual([
      [1, 25, 25, 25, 25],
      // 3 of the 6 pairs hold the right answer; for majority each is a 1-1 tie, worth half a win.
      [2, 25, 50, 50, 50],
      // 3 of 4 triples hold it, but it is always outvoted 1 to 2.
      [3, 0, 75, 75, 75],
      [4, 0, 100, 100, 100],
    ]);
    expect(curve.every((p) => p.exact)).toBe(true);
  });

  it('averages over problems', () => {
    const curve = accuracyCurve(
      [
        { id: 'a', candidates: OUTVOTED },
        { id: 'b', candidates: FOOLED },
      ],
      { budgets: [2, 3, 4], maxSubsets: 64, seed: 0 },
    );
    // FOOLED at N'=2, majority: {0,1} right, four 1-1 ties with the right answer (half each), {2,3} wrong: 3 of 6.
    // OUTVOTED: three 1-1 ties of 6 pairs. Coverage 5 of 6.
    expect(curve[0].majority).toBeCloseTo((25 + 50) / 2, 9);
    expect(curve[0].coverage).toBeCloseTo((50 + (100 * 5) / 6) / 2, 9);
    // FOOLED at N'=3: majority 2 wins and two 3-way ties (a third each) of 4, PRM-best 1 of 4, weighted 2 of 4.
    expect(curve[1].majority).toBeCloseTo((0 + (100 * (2 + 2 / 3)) / 4) / 2, 9);
    expect([curve[1].prmBest, curve[1].weighted]).toEqual([(75 + 25) / 2, (75 + 50) / 2]);
    expect([curve[2].majority, curve[2].prmBest, curve[2].weighted]).toEqual([50, 50, 100]);
  });

  it('draws seeded random subsets when there are too many, close to the exact value', () => {
    const candidates = Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? right('5', 0.3 + i / 100) : wrong(String(i % 2), 0.5)));
    const exact = accuracyCurve([{ id: 'p', candidates }], { budgets: [6], maxSubsets: 1000, seed: 1 })[0];
    const sampled = accuracyCurve([{ id: 'p', candidates }], { budgets: [6], maxSubsets: 400, seed: 1 })[0];
    const again = accuracyCurve([{ id: 'p', candidates }], { budgets: [6], maxSubsets: 400, seed: 1 })[0];
    expect(exact.exact).toBe(true); // C(12, 6) = 924
    expect(sampled.exact).toBe(false);
    expect(again).toEqual(sampled);
    for (const k of ['majority', 'prmBest', 'weighted', 'coverage'] as const) expect(Math.abs(sampled[k] - exact[k])).toBeLessThan(6);
  });
});

describe('problem files', () => {
  it('reads GSM8K and MATH-500 records, as JSONL or a JSON array', () => {
    const jsonl = [
      JSON.stringify({ question: 'How many?', answer: 'She has 3 + 4 = <<3+4=7>>7.\n#### 1,234' }),
      '',
      JSON.stringify({ problem: 'Compute x.', answer: '\\frac{14}{3}', unique_id: 'test/algebra/1.json' }),
      JSON.stringify({ problem: 'Compute y.', solution: 'First \\boxed{2}, then $y = \\boxed{\\sqrt{2}}$.' }),
    ].join('\n');
    expect(parseEvalProblems(jsonl, 'f.jsonl')).toEqual([
      { id: '1', problem: 'How many?', reference: '1,234' },
      { id: 'test/algebra/1.json', problem: 'Compute x.', reference: '\\frac{14}{3}' },
      { id: '3', problem: 'Compute y.', reference: '\\sqrt{2}' },
    ]);
    expect(parseEvalProblems(JSON.stringify([{ id: 7, problem: 'P', answer: 12 }]), 'f.json')).toEqual([{ id: '7', problem: 'P', reference: '12' }]);
  });

  it('says which line is wrong', () => {
    expect(() => parseEvalProblems('{"problem": "a", "answer": "1"}\n{"problem": "b"}', 'f.jsonl')).toThrow(/f\.jsonl line 2: no reference answer/);
    expect(() => parseEvalProblems('{"problem": "a", "answer": "1"}\n{oops', 'f.jsonl')).toThrow(/line 2 is not valid JSON/);
    expect(() => parseEvalProblems('[{"id": "x", "problem": "a", "answer": "1"}, {"id": "x", "problem": "b", "answer": "2"}]', 'f.json')).toThrow(/"x" appears twice/);
  });
});
