import { describe, expect, it } from 'vitest';
import { correctSolution } from '../../extension/engine/correct';
import type { GenerateRequest, ModelProvider } from '../../extension/engine/providers/provider';
import type { StepProposer } from '../../extension/engine/search/propose';
import { PROBLEM, RIGHT, scriptedJudge, scriptedPolicy, WRONG_AT } from './search-fixtures';

const WRONG_SOLUTION = WRONG_AT[0];
const base = { problem: PROBLEM, steps: WRONG_SOLUTION, threshold: 0.5, aggregation: 'min' as const, alternatives: 4, rounds: 2, seed: 3 };

function chatProvider(reply: (req: GenerateRequest) => string): { provider: ModelProvider; requests: GenerateRequest[] } {
  const requests: GenerateRequest[] = [];
  return {
    requests,
    provider: {
      kind: 'ollama',
      baseUrl: 'http://fake',
      async generate(req) {
        requests.push(req);
        return { text: reply(req), finishReason: 'stop', usage: { promptTokens: 1, completionTokens: 20 }, model: req.model };
      },
      stream: () => { throw new Error('unused'); },
      listModels: async () => [],
      status: async () => ({ ok: true, provider: 'ollama', baseUrl: 'http://fake', models: [] }),
    },
  };
}

describe('correctSolution', () => {
  it('replaces the first wrong step with the best alternative and continues it to the right answer', async () => {
    const { proposer } = scriptedPolicy();
    const { scorer } = scriptedJudge();
    const result = await correctSolution({ ...base, scorer, proposer });
    expect(result.weakIndex).toBe(0);
    expect(result.original).toEqual({ text: WRONG_SOLUTION[0], score: 0.1 });
    expect(result.replacement).toEqual({ text: RIGHT[0], score: 0.9 });
    expect(result.tail.map((s) => s.text)).toEqual(RIGHT.slice(1));
    expect(result.answer).toBe('20');
    expect(result.improved).toBe(true);
    expect(result.correctedScore).toBeCloseTo(0.9);
    expect(result.reason).toMatch(/^Step 1 scored 0\.10, below 0\.50\. The best of 4 alternatives scored 0\.90\./);
    expect(result.rounds[0]).toMatchObject({ round: 1, method: 'resample', accepted: true });
    // Every step now passes: no second round.
    expect(result.rounds).toHaveLength(1);
  });

  it('says so instead of pretending when no alternative beats the original', async () => {
    const { scorer } = scriptedJudge();
    const alwaysWrong: StepProposer = {
      async propose(_p, steps, n, o) {
        return Array.from({ length: n }, (_, i) => {
          const text = steps.length === 0 ? `## Step 1: 2 + 3 = ${7 + ((o.seedBase + i) % 3)}.` : '## Step 2: \\boxed{1}';
          return { text, finished: steps.length > 0, ...(steps.length ? { answer: '1' } : {}), usage: { promptTokens: 1, completionTokens: 5 } };
        });
      },
    };
    // A judge that dislikes every alternative as much as the original.
    const flat = { ...scorer, key: 'flat', score: async (_p: string, steps: readonly string[], o: { which?: number[] } = {}) => (o.which ?? steps.map((_, i) => i)).map(() => ({ score: 0.1, scorer: 'judge' as const, method: 'flat', evidence: {} })) };
    const result = await correctSolution({ ...base, scorer: flat, proposer: alwaysWrong });
    expect(result.improved).toBe(false);
    expect(result.steps.map((s) => s.text)).toEqual(WRONG_SOLUTION);
    expect(result.tail).toEqual([]);
    expect(result.reason).toMatch(/No alternative beat the original.*the original is kept/);
    expect(result.rounds[0].accepted).toBe(false);
  });

  it('uses reviewer feedback and a refiner rewrite when resampling cannot help', async () => {
    const { proposer } = scriptedPolicy({ wrong: () => true });
    const { scorer } = scriptedJudge();
    const { provider, requests } = chatProvider((req) =>
      req.messages![0].content.startsWith('You review') ? 'Step 1 is wrong: 2 + 3 is 5, not 6.' : RIGHT.join('\n\n'),
    );
    const result = await correctSolution({ ...base, scorer, proposer, provider, model: 'qwen2.5:7b' });
    expect(result.improved).toBe(true);
    expect(result.rounds[0]).toMatchObject({ method: 'refine', feedback: 'Step 1 is wrong: 2 + 3 is 5, not 6.' });
    expect(result.reason).toContain('Reviewer: Step 1 is wrong');
    expect(result.answer).toBe('20');
    // The reviewer is told which steps scored lowest.
    expect(requests[0].messages![1].content).toContain('Flagged: Step 1, Step 2.');
  });

  it('stops when the call budget is spent and reports it', async () => {
    const { proposer } = scriptedPolicy();
    const { scorer } = scriptedJudge();
    const result = await correctSolution({ ...base, scorer, proposer, budget: { calls: 2 } });
    expect(result.stoppedBy).toBe('budget-calls');
    expect(result.improved).toBe(false);
    expect(result.stats.calls).toBeLessThanOrEqual(2);
  });

  it('rejects an empty solution with a sentence', async () => {
    const { proposer } = scriptedPolicy();
    const { scorer } = scriptedJudge();
    await expect(correctSolution({ ...base, steps: [], scorer, proposer })).rejects.toThrow(/no solution to correct/);
  });
});

describe('correctSolution with a chosen step', () => {
  it('corrects the step the user picked, and rejects one that does not exist', async () => {
    const { proposer } = scriptedPolicy();
    const { scorer } = scriptedJudge();
    const picked = await correctSolution({ ...base, steps: WRONG_AT[1], scorer, proposer, weakIndex: 1, rounds: 1 });
    expect(picked.weakIndex).toBe(1);
    expect(picked.original.text).toBe(WRONG_AT[1][1]);
    expect(picked.replacement.text).toBe(RIGHT[1]);
    expect(picked.improved).toBe(true);
    await expect(correctSolution({ ...base, scorer, proposer, weakIndex: 3 })).rejects.toThrow('Step 4 does not exist: the solution has 3 steps.');
  });
});
