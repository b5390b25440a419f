import { describe, expect, it } from 'vitest';
import {
  readDocument,
  summariseSteps,
  verdictLabel,
  verifySearchResult,
  type SearchNode,
  type Scorer,
  type StepScore,
} from '../../extension/engine';
import { createArithmeticScorer } from '../../extension/engine/scorers/arithmetic';
import { verifySteps } from '../../extension/engine/verify';
import { readVerdictFromText } from '../../extension/engine/scorers/verbal';

const MUFFINS = readDocument(`## Problem

A bakery sells muffins for $3 each and cookies for $1.50 each. Maya buys 4 muffins and 6 cookies and pays with a $50 bill. How much change does she get?

## Solution

Maya needs the cost of the muffins and of the cookies first.

The muffins cost 4 × $3 = $12.

The cookies cost 6 × $1.50 = $8.

Her change is $50 - $20 = $30, so the answer is \\boxed{30}.
`);

/** A scorer whose answer per step is scripted: a number, or the reason it abstains. */
function scripted(answers: (number | string)[]): Scorer {
  return {
    name: 'judge',
    key: 'scripted',
    async score(_p, steps, opts = {}) {
      return (opts.which ?? steps.map((_, i) => i)).map((k): StepScore => {
        const a = answers[k];
        return typeof a === 'number'
          ? { score: a, scorer: 'judge', method: 'scripted', evidence: {} }
          : { score: 0.5, scorer: 'judge', method: 'scripted', abstained: true, evidence: { note: a } };
      });
    },
  };
}

const verify = (answers: (number | string)[], threshold = 0.5) =>
  verifySteps({ problem: MUFFINS.problem!.text, steps: MUFFINS.steps, scorer: scripted(answers), threshold, aggregation: 'min' });

describe('verdicts from the engine', () => {
  it('an abstention is unscored with its reason: no score, never the first error, left out of the solution score', async () => {
    const r = await verify([0.9, 'The judge answered "Let me check" without a Yes or No; no verdict.', 0.95, 0.8]);
    expect(r.steps[1]).toMatchObject({ verdict: 'unscored', score: null, unscoredReason: 'The judge answered "Let me check" without a Yes or No; no verdict.' });
    expect(r).toMatchObject({ firstError: -1, judged: 3, unscored: 1, outcome: 'incomplete', solutionScore: 0.8 });
    expect(r.summary).toBe('No wrong step among the 3 judged steps, but 1 of 4 steps got no verdict (the judge gave no yes/no verdict: 1): not verified as a whole.');
  });

  it('a threshold above 0.5 does not turn an abstention into the first error', async () => {
    const r = await verify([0.9, 'no verdict', 0.2, 0.9], 0.7);
    expect(r.firstError).toBe(2);
    expect(r.outcome).toBe('wrong-step');
    expect(r.summary).toBe('Earliest wrong step: 3 of 4 (threshold 0.7). 1 earlier step got no verdict, so an earlier error is possible.');
  });

  it('with no verdict at all the result is unverified: no solution score, no first error', async () => {
    const overflow = 'The prompt (about 9000 tokens) does not fit the 8192-token context window available for qwen2.5:7b; …';
    const r = await verify([overflow, overflow, overflow, overflow]);
    expect(r).toMatchObject({ outcome: 'unverified', judged: 0, unscored: 4, firstError: -1, solutionScore: null });
    expect(r.summary).toBe("Unverified: none of the 4 steps got a verdict (too long for the model's context: 4).");
  });

  it('every step judged and none wrong is the only clean outcome', async () => {
    const r = await verify([0.9, 0.8, 0.95, 0.85]);
    expect(r).toMatchObject({ outcome: 'no-wrong-step', judged: 4, unscored: 0, solutionScore: 0.8 });
    expect(r.summary).toBe('No wrong step: all 4 steps judged (threshold 0.5).');
  });

  it('the arithmetic checker: nothing to check is unchecked, never ok, and a solution with a false claim still fails', async () => {
    const r = await verifySteps({ problem: MUFFINS.problem!.text, steps: MUFFINS.steps, scorer: createArithmeticScorer(), threshold: 0.5, aggregation: 'min' });
    expect(r.steps.map((s) => [s.verdict, verdictLabel(s)])).toEqual([
      ['unscored', 'unchecked'],
      ['ok', 'ok'],
      ['wrong', 'wrong'],
      ['ok', 'ok'],
    ]);
    expect(r.steps[0].score).toBeNull();
    expect(r).toMatchObject({ firstError: 2, judged: 3, unscored: 1, outcome: 'wrong-step' });
  });

  it('an all-unchecked arithmetic run is unverified, not "no wrong step"', async () => {
    const doc = readDocument('## Problem\n\nIs 7 prime?\n\n## Solution\n\nWe try the divisors up to its square root.\n\nNone divides it, so yes.\n');
    const r = await verifySteps({ problem: doc.problem!.text, steps: doc.steps, scorer: createArithmeticScorer(), threshold: 0.5, aggregation: 'min' });
    expect(r.outcome).toBe('unverified');
    expect(r.summary).toBe('Unverified: none of the 2 steps got a verdict (nothing to check: 2).');
  });
});

describe('a verdict read from the text a judge wrote', () => {
  const cases: [string, 'yes' | 'no' | undefined][] = [
    ['Yes.', 'yes'],
    ['**No**', 'no'],
    ['Let me check this step carefully.', undefined],
    ['Let me check: 6 × 1.50 = 9, not 8. So Step 2 is incorrect.', 'no'],
    ['Checking the arithmetic, 4 × 3 = 12. The step is correct.', 'yes'],
    ['The computation looks right at first, but the total is wrong.\n\nAnswer: No', 'no'],
    ['Step 3 is not correct.', 'no'],
    ['Hmm, we need to verify the sum of $12 + $8.', undefined],
  ];
  for (const [text, verdict] of cases) {
    it(`${JSON.stringify(text)} → ${verdict ?? 'no verdict'}`, () => expect(readVerdictFromText(text)).toBe(verdict));
  }
});

describe('the verification of a search result', () => {
  const node = (id: string, parentId: string | null, text: string, score?: StepScore): SearchNode => ({ id, parentId, depth: parentId ? Number(id.slice(1)) : 0, text, score, status: 'selected', tokens: 0, ms: 0 });
  const judged = (score: number): StepScore => ({ score, scorer: 'judge', method: 'scripted', evidence: {} });
  const abstained: StepScore = { score: 0.5, scorer: 'judge', method: 'scripted', abstained: true, evidence: { note: 'The judge answered "Hmm" without a Yes or No; no verdict.' } };
  const result = (scores: (StepScore | undefined)[]) => ({
    strategy: 'beam' as const,
    scorer: 'judge' as const,
    aggregation: 'last' as const,
    bestPath: ['n0', ...scores.map((_, i) => `n${i + 1}`)],
    nodes: [node('n0', null, 'What is 2 + 3?'), ...scores.map((s, i) => node(`n${i + 1}`, `n${i}`, `Step ${i + 1}`, s))],
  });

  it('a path whose steps all abstained is unverified, although the search gave it a path score', () => {
    const v = verifySearchResult(result([abstained, abstained]), { threshold: 0.5 });
    expect(v).toMatchObject({ outcome: 'unverified', judged: 0, unscored: 2, solutionScore: null });
  });

  it('a step the search never scored has no verdict; the judged ones keep the search scores', () => {
    const v = verifySearchResult(result([judged(0.9), undefined]), { threshold: 0.5 });
    expect(v.steps.map((s) => s.verdict)).toEqual(['ok', 'unscored']);
    expect(v.steps[1].unscoredReason).toBe('not scored: the search stopped before scoring this step');
    expect(v.outcome).toBe('incomplete');
  });

  it('lays the steps out where they are inserted', () => {
    const v = verifySearchResult(result([judged(0.9), judged(0.2)]), { threshold: 0.5, at: 100, separator: '\n\n' });
    expect(v.steps.map((s) => [s.start, s.end])).toEqual([[100, 106], [108, 114]]);
    expect(v).toMatchObject({ outcome: 'wrong-step', firstError: 1 });
  });

  it('summariseSteps is what every view reads: the same input gives the same summary', () => {
    const v = verifySearchResult(result([judged(0.9), abstained]), { threshold: 0.5 });
    expect(summariseSteps(v.steps, v).summary).toBe(v.summary);
  });
});
