import { describe, expect, it } from 'vitest';
import { runSearch } from '../../extension/engine/search/run';
import { answersEqual } from '../../extension/engine/steps/answers';
import { chainPolicy, chainProblems, perfectChainJudge } from '../helpers/chainProblems';

const problems = chainProblems(12, 5);

async function solveAll(strategy: 'beam' | 'mcts' | 'dvts' | 'best-of-n', options: Record<string, unknown>) {
  const { scorer, judged } = perfectChainJudge(problems);
  let right = 0;
  for (const [p, problem] of problems.entries()) {
    const result = await runSearch({
      problem: problem.problem,
      strategy,
      proposer: chainPolicy(),
      scorer,
      aggregation: 'last',
      options: { n: 4, beamWidth: 2, maxDepth: 40, temperature: 0.8, seed: 1000 + p, concurrency: 8, budget: {}, ...options },
    });
    if (answersEqual(result.answer, problem.answer)) right++;
  }
  return { right, judgedTwice: judged.length - new Set(judged).size };
}

describe('hidden chain problems (slip 0.35 per step, perfect judge)', () => {
  it('beam, N=4 and beam width 2, finds at least 10 of 12 and judges no prefix twice', async () => {
    const { right, judgedTwice } = await solveAll('beam', {});
    console.log('beam', right);
    expect(judgedTwice).toBe(0);
    expect(right).toBeGreaterThanOrEqual(10);
  });

  it('MCTS with a 300-call budget finds at least 9 of 12 and judges no prefix twice', async () => {
    const { right, judgedTwice } = await solveAll('mcts', { budget: { calls: 300 } });
    console.log('mcts', right);
    expect(judgedTwice).toBe(0);
    expect(right).toBeGreaterThanOrEqual(9);
  });
});
