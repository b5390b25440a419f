import { describe, expect, it } from 'vitest';
import { runSearch } from '../../extension/engine/search/run';
import type { Proposal, StepProposer } from '../../extension/engine/search/propose';
import type { Scorer } from '../../extension/engine/scorers/scorer';
import { extractAnswer } from '../../extension/engine/steps/answers';
import { baseOptions, PROBLEM, RIGHT, WRONG_AT } from './search-fixtures';

/** Every step goes on with this many words of checking: long enough to be scored a few times while it streams. */
const FILLER = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Like the fixtures' policy (even samples go wrong, errors carry on), but streams each step word by word. */
function streamingPolicy() {
  const calls: { watched: boolean }[] = [];
  const proposer: StepProposer = {
    async propose(_p, steps, n, o) {
      calls.push({ watched: o.sampleSignals !== undefined });
      const one = async (i: number): Promise<Proposal> => {
        const d = steps.length;
        const chain = WRONG_AT.find((c, at) => at < d && steps[at].startsWith(c[at]));
        const base = chain ? chain[d] : d < WRONG_AT.length && i % 2 === 0 ? WRONG_AT[d][d] : RIGHT[d];
        if (!base) return { text: '', finished: true, usage: { promptTokens: 5, completionTokens: 1 } };
        const answer = extractAnswer(base);
        const words = (answer ? base : `${base} ${FILLER}`).split(' ');
        let text = '';
        for (let t = 0; t < words.length; t++) {
          if (o.sampleSignals?.[i]?.aborted) return { text, finished: false, aborted: true, usage: { promptTokens: 5, completionTokens: t } };
          text += (t ? ' ' : '') + words[t];
          if ((t + 1) % (o.partialEvery ?? 64) === 0) o.onPartial?.(i, text, t + 1);
          if (t % 4 === 0) await tick();
        }
        return { text, finished: answer !== undefined, ...(answer ? { answer } : {}), usage: { promptTokens: 5, completionTokens: words.length } };
      };
      return Promise.all(Array.from({ length: n }, (_, i) => one(i)));
    },
  };
  return { proposer, calls };
}

/** Doubts any path with a wrong statement in it, partial or whole. */
function doubtingJudge() {
  const scoredPrefixes: string[] = [];
  const scorer: Scorer = {
    name: 'judge',
    key: 'doubting-judge',
    async score(_p, steps, o = {}) {
      const which = o.which ?? steps.map((_, i) => i);
      return which.map((k) => {
        scoredPrefixes.push(JSON.stringify(steps.slice(0, k + 1)));
        const bad = steps.slice(0, k + 1).some((s) => /= (6|24|25)\b/.test(s));
        return { score: bad ? 0.1 : 0.9, scorer: 'judge' as const, method: 'scripted', evidence: {} };
      });
    },
  };
  return { scorer, scoredPrefixes };
}

function search(options: Record<string, unknown>) {
  const policy = streamingPolicy();
  const judge = doubtingJudge();
  const result = runSearch({ problem: PROBLEM, strategy: 'beam', proposer: policy.proposer, scorer: judge.scorer, aggregation: 'min', options: { ...baseOptions, n: 4, beamWidth: 2, rejectBelow: 0.3, ...options } });
  return { result, policy, judge };
}

describe('beam search stopping clearly losing candidates while they stream', () => {
  it('stops the wrong candidates part-way, records why, and spends fewer tokens for the same answer', async () => {
    const plain = await search({}).result;
    const { result: pending, policy, judge } = search({ partialReject: true });
    const result = await pending;
    expect(result.answer).toBe('20');
    expect(plain.answer).toBe('20');
    const aborted = result.nodes.filter((n) => n.pruneReason?.startsWith('aborted while writing'));
    // Two wrong first steps at the root; the right one holds both beam slots, so its four samples include two wrong ones.
    expect(aborted.length).toBe(4);
    expect(result.stats.partialAborts).toBe(4);
    for (const n of aborted) {
      expect(n.pruneReason).toBe('aborted while writing: partial score 0.10');
      expect(n.status).toBe('pruned');
      // Stopped at the first or second checkpoint (64 or 128 words) of 208.
      expect(n.text.split(' ').length).toBeLessThanOrEqual(129);
      expect(n.score).toBeUndefined();
    }
    expect(result.stats.completionTokens).toBeLessThan(plain.stats.completionTokens * 0.8);
    expect(plain.stats.partialAborts).toBeUndefined();
    expect(policy.calls.every((c) => c.watched)).toBe(true);
    // Partial scores are ordinary scoring requests: counted, and no prefix asked for twice.
    expect(result.stats.scoringCalls).toBe(judge.scoredPrefixes.length);
    expect(new Set(judge.scoredPrefixes).size).toBe(judge.scoredPrefixes.length);
  });

  it('leaves the proposer unwatched when the option is off', async () => {
    const { result, policy } = search({});
    await result;
    expect(policy.calls.some((c) => c.watched)).toBe(false);
  });

  it('does not exceed the call budget with partial scoring', async () => {
    for (const calls of [6, 9, 13, 17]) {
      const result = await search({ partialReject: true, budget: { calls } }).result;
      expect(result.stats.calls).toBeLessThanOrEqual(calls);
    }
  });

  it('needs rejectBelow', async () => {
    await expect(search({ partialReject: true, rejectBelow: undefined }).result).rejects.toThrow(/set rejectBelow as well/);
  });
});
