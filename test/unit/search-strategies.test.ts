import { describe, expect, it } from 'vitest';
import { answersEqual } from '../../extension/engine/steps/answers';
import { runSearch } from '../../extension/engine/search/run';
import type { StepProposer } from '../../extension/engine/search/propose';
import type { Scorer } from '../../extension/engine/scorers/scorer';
import { baseOptions, PROBLEM, scriptedJudge, scriptedPolicy } from './search-fixtures';

function search(strategy: 'best-of-n' | 'beam' | 'dvts' | 'mcts', options: Partial<typeof baseOptions> & Record<string, unknown> = {}) {
  const { proposer } = scriptedPolicy();
  const { scorer } = scriptedJudge();
  return runSearch({ problem: PROBLEM, strategy, proposer, scorer, aggregation: 'min', options: { ...baseOptions, ...options } });
}

describe('strategies on a policy whose first sample is always wrong', () => {
  it('a single greedy sample reaches the wrong answer', async () => {
    const result = await search('best-of-n', { n: 1 });
    expect(result.answer).toBe('24');
    expect(result.score).toBeCloseTo(0.1);
  });

  it.each(['beam', 'dvts', 'mcts'] as const)('%s finds the right answer with the judge', async (strategy) => {
    const result = await search(strategy);
    expect(result.stoppedBy).toBe('done');
    expect(answersEqual(result.answer, '20')).toBe(true);
    expect(result.steps.map((s) => s.verdict)).toEqual(['ok', 'ok', 'ok']);
    expect(result.bestPath[0]).toBe('n0');
    for (const id of result.bestPath.slice(1)) expect(result.nodes.find((n) => n.id === id)?.status).toBe('selected');
  });

  it('beam search keeps N/M beams and says why the rest were pruned', async () => {
    const { proposer } = scriptedPolicy({ distinct: true });
    const { scorer } = scriptedJudge();
    const result = await runSearch({ problem: PROBLEM, strategy: 'beam', proposer, scorer, aggregation: 'last', options: { ...baseOptions, n: 4, beamWidth: 2 } });
    const reasons = result.nodes.map((n) => n.pruneReason).filter(Boolean);
    expect(reasons.some((r) => /^outside the beam \(rank 3 of 4\)$/.test(r!))).toBe(true);
    expect(answersEqual(result.answer, '20')).toBe(true);
  });

  it('MCTS records visits and values on the nodes it walked', async () => {
    const result = await search('mcts', { mctsIterations: 6 });
    const root = result.nodes[0];
    expect(root.visits).toBeGreaterThanOrEqual(6);
    const visited = result.nodes.filter((n) => (n.visits ?? 0) > 0);
    expect(visited.length).toBeGreaterThan(2);
  });

  it('early rejection prunes a partial solution below the threshold before it spends more tokens', async () => {
    const { proposer, calls } = scriptedPolicy();
    const { scorer } = scriptedJudge();
    const result = await runSearch({ problem: PROBLEM, strategy: 'beam', proposer, scorer, aggregation: 'min', options: { ...baseOptions, n: 4, beamWidth: 2, rejectBelow: 0.2 } });
    const wrong = result.nodes.find((n) => n.text.includes('= 6'));
    expect(wrong?.status).toBe('pruned');
    expect(wrong?.pruneReason).toBe('below 0.2');
    // Without rejection the wrong first step would rank inside the beam (2 of 2) and be expanded.
    expect(calls.some((c) => c.steps[0]?.includes('= 6'))).toBe(false);
    expect(answersEqual(result.answer, '20')).toBe(true);
  });
});

describe('best-of-N votes', () => {
  it('reports naive best, majority and PRM-weighted votes over every sample', async () => {
    const answers = ['7', '5', '5', '5'];
    const proposer: StepProposer = {
      async propose(_p, _steps, n) {
        return Array.from({ length: n }, (_, i) => ({ text: `Way ${i}: \\boxed{${answers[i]}}`, finished: true, answer: answers[i], usage: { promptTokens: 1, completionTokens: 3 } }));
      },
    };
    const scorer: Scorer = {
      name: 'judge',
      key: 'votes',
      async score(_p, steps) {
        const answer = /boxed\{(\d)\}/.exec(steps[steps.length - 1])![1];
        return [{ score: answer === '7' ? 0.95 : 0.4, scorer: 'judge', method: 'scripted', evidence: {} }];
      },
    };
    const result = await runSearch({ problem: 'p', strategy: 'best-of-n', proposer, scorer, aggregation: 'last', options: { ...baseOptions, n: 4 } });
    expect(result.answer).toBe('7');
    expect(result.votes?.majority[0]).toMatchObject({ answer: '5', count: 3 });
    expect(result.votes?.weighted[0].answer).toBe('5');
    expect(result.votes?.weighted[0].weight).toBeCloseTo(1.2);
    expect(result.votes?.weighted[1]).toMatchObject({ answer: '7', count: 1 });
  });
});

describe('option validation', () => {
  it('rejects n that is not a multiple of the beam width with a clear sentence', async () => {
    await expect(search('beam', { n: 5, beamWidth: 2 })).rejects.toThrow('n must be a multiple of the beam width (n = 5, beam width = 2).');
  });
  it('rejects an unknown strategy instead of falling back to a default', async () => {
    await expect(search('greedy' as never)).rejects.toThrow(/Unknown search strategy "greedy"/);
  });
  it('rejects a call budget too small to score even one step', async () => {
    await expect(search('beam', { budget: { calls: 1 } } as never)).rejects.toThrow(/at least 2 requests/);
  });
});
