import { describe, expect, it } from 'vitest';
import { ScoreMemory, type Scorer } from '../../extension/engine';
import { rememberScores } from '../../extension/engine/scorers/memory';

function countingScorer(batched = false) {
  const asked: string[] = [];
  const scorer: Scorer = {
    name: 'judge',
    key: 'test-judge',
    batched,
    async score(_problem, steps, opts = {}) {
      const which = opts.which ?? steps.map((_, i) => i);
      which.forEach((k) => asked.push(steps[k]));
      return which.map((k) => ({ score: steps[k].includes('bad') ? 0.1 : 0.9, scorer: 'judge' as const, method: 'test', evidence: {} }));
    },
  };
  return { scorer, asked };
}

describe('ScoreMemory', () => {
  it('rescoring after an edit asks only for the edited step and those after it', async () => {
    const { scorer, asked } = countingScorer();
    const memory = new ScoreMemory();
    const remembered = rememberScores(scorer, memory);
    const steps = ['a', 'b', 'c', 'd', 'e'];
    await remembered.score('P', steps);
    expect(asked).toHaveLength(5);
    asked.length = 0;
    const edited = ['a', 'b', 'c bad', 'd', 'e'];
    const scores = await remembered.score('P', edited);
    expect(asked).toEqual(['c bad', 'd', 'e']);
    expect(scores.map((s) => s.score)).toEqual([0.9, 0.9, 0.1, 0.9, 0.9]);
    expect(memory.hits).toBe(2);
  });

  it('keys on the problem and the scorer too', async () => {
    const { scorer, asked } = countingScorer();
    const memory = new ScoreMemory();
    await rememberScores(scorer, memory).score('P', ['a']);
    await rememberScores(scorer, memory).score('Q', ['a']);
    await rememberScores({ ...scorer, key: 'other' }, memory).score('P', ['a']);
    expect(asked).toHaveLength(3);
  });

  it('forgets the least recently used scores beyond its capacity', async () => {
    const { scorer, asked } = countingScorer();
    const memory = new ScoreMemory(2);
    const remembered = rememberScores(scorer, memory);
    await remembered.score('P', ['x']);
    await remembered.score('P', ['y']);
    await remembered.score('P', ['x']);
    await remembered.score('P', ['z']);
    expect(memory.size).toBe(2);
    asked.length = 0;
    await remembered.score('P', ['x']);
    await remembered.score('P', ['y']);
    expect(asked).toEqual(['y']);
  });
});
