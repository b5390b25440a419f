// Pins the strategies to their reference code: search-and-learn `_beam_search` and OpenR `SearchTree._simulate`.
import { describe, expect, it } from 'vitest';
import { runSearch } from '../../extension/engine/search/run';
import type { Proposal, StepProposer } from '../../extension/engine/search/propose';
import type { Scorer } from '../../extension/engine/scorers/scorer';
import { extractAnswer } from '../../extension/engine/steps/answers';
import { baseOptions, PROBLEM, RIGHT, scriptedJudge, scriptedPolicy } from './search-fixtures';

describe('beam search keeps N samples per level (search-and-learn _beam_search)', () => {
  it('a merged node keeps one slot per sample, so the one right beam is sampled N times next level', async () => {
    // Three of four first samples are the same right step, one is wrong: N = 4, M = 2 keeps two slots, both right.
    const { proposer, calls } = scriptedPolicy({ wrong: (i) => i === 3 });
    const { scorer, scoredPrefixes } = scriptedJudge();
    const result = await runSearch({ problem: PROBLEM, strategy: 'beam', proposer, scorer, aggregation: 'last', options: { ...baseOptions, n: 4, beamWidth: 2 } });
    const second = calls.filter((c) => c.steps.length === 1);
    expect(second).toEqual([expect.objectContaining({ steps: [RIGHT[0]], n: 4 })]);
    const wrong = result.nodes.find((n) => n.text.includes('= 6'))!;
    expect(wrong.pruneReason).toBe('outside the beam (rank 4 of 4)');
    // The merged right step was judged once.
    expect(scoredPrefixes.filter((p) => p === JSON.stringify([RIGHT[0]]))).toHaveLength(1);
    expect(result.answer).toBe('20');
  });
});

/** A policy that never slips; its last step states the answer without \boxed, then it has nothing more to say. */
function straightPolicy(): StepProposer {
  const chain = ['## Step 1: 2 + 3 = 5.', '## Step 2: 5 * 4 = 20, so the answer is 20.'];
  return {
    async propose(_p, steps, n) {
      return Array.from({ length: n }, (): Proposal => {
        const text = chain[steps.length] ?? '';
        return { text, finished: text === '', usage: { promptTokens: 1, completionTokens: 1 } };
      });
    },
  };
}

const depthJudge: Scorer = {
  name: 'judge',
  key: 'depth-judge',
  async score(_p, steps, o = {}) {
    return (o.which ?? steps.map((_, i) => i)).map((k) => ({ score: steps[k].includes('= 6') || steps[k].includes('25') || steps[k].includes('24') ? 0.1 : [0.6, 0.8, 0.95][k], scorer: 'judge' as const, method: 'scripted', evidence: {} }));
  },
};

describe('MCTS follows OpenR SearchTree._simulate', () => {
  it('children start at 0 visits, so the first walk takes the best-scored child and backs up its own value without expanding it', async () => {
    const { proposer, calls } = scriptedPolicy();
    const result = await runSearch({ problem: PROBLEM, strategy: 'mcts', proposer, scorer: depthJudge, aggregation: 'last', options: { ...baseOptions, beamWidth: 2, mctsIterations: 1 } });
    expect(calls).toHaveLength(1); // only the root was expanded
    const root = result.nodes[0];
    expect(root.visits).toBe(1);
    expect(root.value).toBeCloseTo(0.6);
    expect(result.nodes.find((n) => n.text === RIGHT[0])?.visits).toBe(1);
    expect(result.nodes.find((n) => n.text.includes('= 6'))?.visits ?? 0).toBe(0);
  });

  it("the second visit expands the leaf and backs up the new leaf's own value, not the best of the new children", async () => {
    const { proposer } = scriptedPolicy();
    const result = await runSearch({ problem: PROBLEM, strategy: 'mcts', proposer, scorer: depthJudge, aggregation: 'last', options: { ...baseOptions, beamWidth: 2, mctsIterations: 2 } });
    const root = result.nodes[0];
    expect(root.visits).toBe(2);
    expect(root.value).toBeCloseTo(0.6 + 0.8);
    const step1 = result.nodes.find((n) => n.text === RIGHT[0])!;
    expect(step1.visits).toBe(2);
    expect(result.nodes.filter((n) => n.parentId === step1.id).length).toBeGreaterThan(0);
    expect(step1.value).toBeCloseTo(1.4);
  });

  it('a leaf that turns out to be the end (nothing more to write) backs up its own score', async () => {
    const result = await runSearch({ problem: PROBLEM, strategy: 'mcts', proposer: straightPolicy(), scorer: depthJudge, aggregation: 'last', options: { ...baseOptions, beamWidth: 2, mctsIterations: 3 } });
    const last = result.nodes.find((n) => n.text.startsWith('## Step 2'))!;
    expect(last.status).toBe('selected');
    expect(last.visits).toBe(2);
    expect(last.value).toBeCloseTo(1.6);
    expect(result.nodes[0].value).toBeCloseTo(0.6 + 0.8 + 0.8);
    expect(result.answer).toBe('20');
    expect(extractAnswer(last.text)).toBe('20');
  });

  it('with a call budget and no iteration count it keeps searching after the first finished path', async () => {
    const { proposer } = scriptedPolicy();
    const { scorer } = scriptedJudge();
    const result = await runSearch({ problem: PROBLEM, strategy: 'mcts', proposer, scorer, aggregation: 'last', options: { ...baseOptions, beamWidth: 2, budget: { calls: 60 } } });
    expect(result.stats.calls).toBeGreaterThan(30);
    expect(result.stats.calls).toBeLessThanOrEqual(60);
    expect(result.answer).toBe('20');
  });
});

describe('when a step ends the solution (search-and-learn: boxed answer, end of text, length limit, empty step)', () => {
  const usage = { promptTokens: 0, completionTokens: 0 };
  it('a phrase about the answer does not end it; a boxed answer, an empty step or the length limit does', async () => {
    const { toProposal } = await import('../../extension/engine/search/propose');
    expect(toProposal('## Step 1: The answer is a whole number of loaves, so we track every change.', 'stop', usage)).toMatchObject({ finished: false });
    expect(toProposal('## Step 1: The answer is a whole number of loaves, so we track every change.', 'stop', usage).answer).toBeUndefined();
    expect(toProposal('#### 42', 'stop', usage).finished).toBe(false);
    expect(toProposal('## Step 4: So there are \\boxed{42} loaves.', 'stop', usage)).toMatchObject({ finished: true, answer: '42' });
    expect(toProposal('', 'stop', usage).finished).toBe(true);
    expect(toProposal('## Step 2: 5 * 4 = 20, and the answer is 20', 'length', usage)).toMatchObject({ finished: true, answer: '20', truncated: true });
  });
});
