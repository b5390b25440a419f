import { describe, expect, it } from 'vitest';
import { runSearch } from '../../extension/engine/search/run';
import type { Proposal, StepProposer } from '../../extension/engine/search/propose';
import type { Scorer } from '../../extension/engine/scorers/scorer';
import { extractAnswer } from '../../extension/engine/steps/answers';
import { baseOptions } from './search-fixtures';

const PROBLEM = 'What is (2 + 3) * 4?';
/** Looks right at every step but the last. */
const HASTY = ['## Step 1: Guess 7 at once.', '## Step 2: Check: it looks fine.', '## Step 3: The answer is \\boxed{7}.'];
/** Looks unremarkable until its sound ending. */
const CAREFUL = ['## Step 1: Work it out.', '## Step 2: It comes to 20.', '## Step 3: The answer is \\boxed{20}.'];
const SCORE = new Map<string, number>([
  ...HASTY.map((s, i): [string, number] => [s, i < 2 ? 0.95 : 0.05]),
  ...CAREFUL.map((s, i): [string, number] => [s, i < 2 ? 0.6 : 0.9]),
]);

/** Even samples at the root start hasty, odd ones careful; each branch then continues the same way. */
function branchingPolicy() {
  const calls: { steps: string[]; n: number; seedBase: number }[] = [];
  const proposer: StepProposer = {
    async propose(_p, steps, n, o) {
      calls.push({ steps: [...steps], n, seedBase: o.seedBase });
      return Array.from({ length: n }, (_, i): Proposal => {
        const chain = steps.length ? (steps[0] === HASTY[0] ? HASTY : CAREFUL) : i % 2 === 0 ? HASTY : CAREFUL;
        const text = chain[steps.length] ?? '';
        const answer = extractAnswer(text);
        return { text, finished: !text || answer !== undefined, ...(answer ? { answer } : {}), usage: { promptTokens: 5, completionTokens: 10 } };
      });
    },
  };
  return { proposer, calls };
}

function lastStepJudge() {
  const scoredPrefixes: string[] = [];
  const scorer: Scorer = {
    name: 'judge',
    key: 'rollout-judge',
    async score(_p, steps, o = {}) {
      const which = o.which ?? steps.map((_, i) => i);
      return which.map((k) => {
        scoredPrefixes.push(JSON.stringify(steps.slice(0, k + 1)));
        return { score: SCORE.get(steps[k])!, scorer: 'judge' as const, method: 'scripted', evidence: {} };
      });
    },
  };
  return { scorer, scoredPrefixes };
}

function run(options: Record<string, unknown>) {
  const policy = branchingPolicy();
  const judge = lastStepJudge();
  const result = runSearch({
    problem: PROBLEM,
    strategy: 'mcts',
    proposer: policy.proposer,
    scorer: judge.scorer,
    aggregation: 'last',
    options: { ...baseOptions, beamWidth: 2, mctsIterations: 4, ...options },
  });
  return { result, policy, judge };
}

const node = (r: Awaited<ReturnType<typeof runSearch>>, text: string) => r.nodes.find((n) => n.text === text)!;

describe('MCTS rollouts', () => {
  it('without rollouts, four iterations (OpenR: a leaf is expanded on its second visit) follow the branch that only fails at its last step', async () => {
    const result = await run({}).result;
    expect(result.answer).toBe('7');
    const hasty = node(result, HASTY[0]);
    // Visited three times, each backing up the leaf's own value: 0.95 (itself), 0.95 (its next step), 0.05 (the ending).
    expect(hasty.visits).toBe(3);
    expect(hasty.value).toBeCloseTo(1.95);
    expect(hasty.rollouts).toBeUndefined();
    expect(result.stats.rollouts).toBeUndefined();
  });

  it('with rollouts, the first expansion already sees where each branch ends and the search takes the right one', async () => {
    const { result: pending, policy, judge } = run({ mctsRollouts: 2 });
    const result = await pending;
    expect(result.answer).toBe('20');
    const hasty = node(result, HASTY[0]);
    const careful = node(result, CAREFUL[0]);
    // (own 0.95 + rollout ending 0.05) / 2 and (0.6 + 0.9) / 2.
    expect(hasty.visits).toBe(1);
    expect(hasty.value).toBeCloseTo(0.5);
    expect(hasty.rollouts).toEqual({ count: 2, answers: ['7', '7'], meanScore: expect.closeTo(0.05) });
    expect(careful.rollouts).toMatchObject({ count: 2, answers: ['20', '20'] });
    expect(careful.visits).toBe(3);
    // Rollouts from the first two nodes and from the careful second step: 3 × 2.
    expect(result.stats.rollouts).toBe(6);
    // Generation calls are counted as usual: every sample the policy was asked for.
    expect(result.stats.generationCalls).toBe(policy.calls.reduce((s, c) => s + c.n, 0));
    // Each rollout has its own seed, distinct from every tree expansion's.
    const seeds = policy.calls.map((c) => c.seedBase);
    expect(new Set(seeds).size).toBe(seeds.length);
    // Rollout steps are not scored: only final steps and tree nodes, each prefix once.
    expect(new Set(judge.scoredPrefixes).size).toBe(judge.scoredPrefixes.length);
    expect(judge.scoredPrefixes).not.toContain(JSON.stringify(HASTY.slice(0, 2)));
    expect(result.stats.scoringCalls).toBe(judge.scoredPrefixes.length);
    // The careful ending was first scored by a rollout; the tree node reuses that score.
    expect(result.stats.cacheHits).toBeGreaterThan(0);
  });

  it.each([4, 5, 6, 7, 9, 12])('stops at a call budget of %i without exceeding it', async (calls) => {
    const { result: pending, policy, judge } = run({ mctsRollouts: 3, mctsIterations: 20, budget: { calls } });
    const result = await pending;
    expect(result.stoppedBy).toBe('budget-calls');
    expect(result.stats.calls).toBeLessThanOrEqual(calls);
    expect(policy.calls.reduce((s, c) => s + c.n, 0) + judge.scoredPrefixes.length).toBe(result.stats.calls);
  });

  it('stops at the token budget', async () => {
    const result = await run({ mctsRollouts: 3, mctsIterations: 20, budget: { tokens: 60 } }).result;
    expect(result.stoppedBy).toBe('budget-tokens');
    // Checked before each request; requests in flight (one expansion of 2 or 3 parallel rollout steps) may finish.
    expect(result.stats.completionTokens).toBeLessThanOrEqual(90);
  });

  it('rejects a negative number of rollouts', async () => {
    await expect(run({ mctsRollouts: -1 }).result).rejects.toThrow(/MCTS rollouts must be a whole number/);
  });
});
