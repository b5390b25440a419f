import { describe, expect, it } from 'vitest';
import { runSearch } from '../../extension/engine/search/run';
import { answersEqual } from '../../extension/engine/steps/answers';
import { sampleProblem } from '../../extension/engine/eval/bestOfN';
import { chainPolicy, chainProblems, perfectChainJudge, TALKING_FIRST_STEP } from '../helpers/chainProblems';

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
    expect(judgedTwice).toBe(0);
    expect(right).toBeGreaterThanOrEqual(10);
  });

  it('MCTS with a 300-call budget finds at least 9 of 12 and judges no prefix twice', async () => {
    const { right, judgedTwice } = await solveAll('mcts', { budget: { calls: 300 } });
    expect(judgedTwice).toBe(0);
    expect(right).toBeGreaterThanOrEqual(9);
  });
});

describe('a first step that talks about the answer does not end the solution', () => {
  const talking = chainProblems(8, 4, { talkFirst: true });

  it('beam search reads the boxed answer at the end: at least 7 of 8 right, no answer that is words', async () => {
    const { scorer } = perfectChainJudge(talking);
    const answers: string[] = [];
    let right = 0;
    for (const [p, problem] of talking.entries()) {
      const result = await runSearch({
        problem: problem.problem,
        strategy: 'beam',
        proposer: chainPolicy({ talkFirst: true }),
        scorer,
        aggregation: 'last',
        options: { n: 4, beamWidth: 2, maxDepth: 40, temperature: 0.8, seed: 500 + p, concurrency: 8, budget: {} },
      });
      expect(result.steps[0]?.text).toBe(TALKING_FIRST_STEP);
      answers.push(result.answer);
      if (answersEqual(result.answer, problem.answer)) right++;
    }
    expect(answers.filter((a) => !/^\d+$/.test(a))).toEqual([]);
    expect(right).toBeGreaterThanOrEqual(7);
  });

  it('best-of-N evaluation samples write past the talking step to their own boxed answer', async () => {
    const { scorer } = perfectChainJudge(talking);
    const run = <T>(fn: () => Promise<T>) => fn();
    const problem = talking[0];
    const result = await sampleProblem({ id: 'p0', problem: problem.problem, reference: problem.answer }, { proposer: chainPolicy({ talkFirst: true }), scorer, n: 8, seed: 3, temperature: 0.8, maxDepth: 40 }, run);
    for (const sample of result.samples) {
      expect(sample.finished).toBe(true);
      expect(sample.answer).toMatch(/^\d+$/);
      expect(sample.stepScores).toHaveLength(5);
    }
    expect(result.samples.some((s) => s.correct)).toBe(true);
  });
});
