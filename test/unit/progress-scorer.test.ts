import { describe, expect, it } from 'vitest';
import { verifySteps } from '../../extension/engine/verify';
import { createProgressScorer, DEFAULT_PROGRESS, majorityAnswer } from '../../extension/engine/scorers/progress';
import type { Proposal, StepProposer } from '../../extension/engine/search/propose';
import { segmentSteps } from '../../extension/engine/steps/segment';

const usage = { promptTokens: 10, completionTokens: 5 };
const finished = (answer: string): Proposal => ({ text: `So the answer is \\boxed{${answer}}.`, finished: true, answer, usage });

/**
 * A policy that finishes in one step: after prefix length d, rollout seeds map to answers through `answers(d, seed)`.
 * It records every (prefix, seed) it was asked for.
 */
function scriptedPolicy(answers: (prefix: readonly string[], seed: number) => string) {
  const asked: string[] = [];
  const proposer: StepProposer = {
    async propose(_problem, steps, n, { seedBase }) {
      asked.push(JSON.stringify([steps, seedBase]));
      return Array.from({ length: n }, (_, i) => finished(answers(steps, seedBase + i)));
    },
  };
  return { proposer, asked };
}

const PROBLEM = 'Start with 7, add 3, then double. What do you get?';
const STEPS = segmentSteps('Step 1: 7 + 3 = 10.\n\nStep 2: 10 × 2 = 21.\n\nStep 3: The answer is \\boxed{21}.');

function scorer(proposer: StepProposer, over: Partial<typeof DEFAULT_PROGRESS> = {}) {
  return createProgressScorer({ ...DEFAULT_PROGRESS, rollouts: 4, ...over, proposer, policyKey: 'test', concurrency: 2 });
}

describe('progress scorer (Math-Shepherd MC estimation, PAV progress)', () => {
  it('hard estimate: one rollout of K reaching the answer is enough; soft: the share', async () => {
    // After step 1, exactly one of four rollouts reaches 20; after the false step 2, none does.
    const policy = () => scriptedPolicy((prefix, seed) => (prefix.length === 1 && seed % 4 === 0 ? '20' : prefix.length === 0 ? '20' : '21'));
    const hard = await verifySteps({ problem: PROBLEM, steps: STEPS, scorer: scorer(policy().proposer, { answer: '20' }), threshold: 0.5, aggregation: 'min' });
    const reached = hard.steps[0]!.evidence.rollouts!.reached;
    expect(reached).toBeGreaterThanOrEqual(1);
    expect(reached).toBeLessThan(4);
    expect(hard.steps.map((s) => s.score)).toEqual([1, 0, 0]);
    expect(hard.firstError).toBe(1);
    const soft = await verifySteps({ problem: PROBLEM, steps: STEPS, scorer: scorer(policy().proposer, { answer: '20', estimate: 'soft' }), threshold: 0.5, aggregation: 'min' });
    expect(soft.steps[0]!.score).toBeCloseTo(reached / 4);
  });

  it('progress is Q after the step minus Q before it, Q before step 1 coming from the problem alone', async () => {
    const { proposer } = scriptedPolicy((prefix, seed) => (prefix.length === 0 ? (seed % 2 ? '20' : '19') : prefix.length === 1 ? '20' : '21'));
    const result = await verifySteps({ problem: PROBLEM, steps: STEPS, scorer: scorer(proposer, { answer: '20', estimate: 'soft' }), threshold: 0.5, aggregation: 'min' });
    const [first, second, third] = result.steps.map((s) => s.evidence.rollouts!);
    expect(first!.previousQ).toBeCloseTo(0.5);
    expect(first!.progress).toBeCloseTo(0.5);
    expect(second).toMatchObject({ q: 0, previousQ: 1, progress: -1 });
    // The last step states its answer: scored by it, with no rollout.
    expect(third).toMatchObject({ ownAnswer: true, answers: ['21'], q: 0 });
    expect(result.steps[1]!.evidence.note).toBe('0 of 4 rollouts reach 20: Q = 0 (soft); progress −1 (Q before 1)');
  });

  it('rolls each prefix out once even though step k and step k+1 both need it', async () => {
    const { proposer, asked } = scriptedPolicy(() => '20');
    await verifySteps({ problem: PROBLEM, steps: STEPS, scorer: scorer(proposer, { answer: '20' }), threshold: 0.5, aggregation: 'min' });
    // Prefixes: the problem, step 1, steps 1–2 (the last states its answer): 3 prefixes × 4 rollouts.
    expect(asked).toHaveLength(12);
    expect(new Set(asked).size).toBe(12);
  });

  it('without a reference answer, the majority answer of rollouts from the problem', async () => {
    const { proposer } = scriptedPolicy((prefix, seed) => (prefix.length === 0 ? (seed % 4 === 3 ? '19' : '20') : '20'));
    const result = await verifySteps({ problem: PROBLEM, steps: STEPS, scorer: scorer(proposer), threshold: 0.5, aggregation: 'min' });
    expect(result.steps[0]!.evidence.rollouts).toMatchObject({ target: '20', targetFrom: 'majority' });
    expect(majorityAnswer({ answers: ['', '3', '\\frac{6}{2}', '4'], cut: 0 })).toBe('3');
  });

  it('a rollout budget that runs out leaves steps unscored with the reason', async () => {
    const { proposer, asked } = scriptedPolicy(() => '20');
    const result = await verifySteps({ problem: PROBLEM, steps: STEPS, scorer: scorer(proposer, { answer: '20', budget: { calls: 4 } }), threshold: 0.5, aggregation: 'min' });
    expect(asked.length).toBeLessThanOrEqual(4);
    const unscored = result.steps.filter((s) => s.verdict === 'unscored');
    expect(unscored.length).toBeGreaterThan(0);
    for (const s of unscored) expect(s.unscoredReason).toMatch(/budget ran out/);
  });
});
