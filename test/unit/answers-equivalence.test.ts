import { beforeAll, describe, expect, it } from 'vitest';
import { answersEqual, canonicalAnswer, loadAnswerEquivalence } from '../../extension/engine/steps/answers';
import { tallyVotes } from '../../extension/engine/search/result';

beforeAll(async () => {
  expect(await loadAnswerEquivalence()).toBe(true);
});

describe('answers grouped by a canonical form (compute-engine, string rules as fallback)', () => {
  it.each([
    ['\\sqrt3', '\\sqrt{3}'],
    ['\\frac12', '0.5'],
    ['\\dfrac{1}{2}', '\\frac{1}{2}'],
    ['\\dfrac{1}{2}', '0.5'],
    ['\\frac{\\sqrt{3}}{2}', '\\dfrac{\\sqrt3}{2}'],
    ['3\\sqrt{2}', '\\sqrt{18}'],
    ['x + 1', '1+x'],
    ['$12$ cm', '12'],
    ['2\\pi', '\\pi \\cdot 2'],
    ['1,000', '1000'],
  ])('%s and %s are the same answer', (a, b) => {
    expect(answersEqual(a, b)).toBe(true);
  });

  it.each([
    ['\\sqrt3', '\\sqrt2'],
    ['0.5', '0.05'],
    ['a whole number of loaves', 'a whole number'],
    ['(1,2)', '(2,1)'],
    ['50\\%', '0.5'],
  ])('%s and %s stay apart', (a, b) => {
    expect(answersEqual(a, b)).toBe(false);
  });

  it('words are compared as words, not as a product of letters', () => {
    expect(canonicalAnswer('a whole number')).toBe('awholenumber');
  });
});

describe('votes', () => {
  it('spellings of one answer vote together', () => {
    const { majority } = tallyVotes([
      { answer: '\\sqrt3', score: 0.2 },
      { answer: '\\sqrt{3}', score: 0.2 },
      { answer: '\\dfrac{1}{2}', score: 0.9 },
      { answer: '\\frac12', score: 0.9 },
      { answer: '0.5', score: 0.9 },
    ]);
    expect(majority[0]).toMatchObject({ answer: '\\dfrac{1}{2}', count: 3 });
    expect(majority[1]).toMatchObject({ answer: '\\sqrt3', count: 2 });
  });

  it('plain majority never looks at PRM scores: a tie splits the win among the tied answers', () => {
    const { majority, weighted } = tallyVotes([
      { answer: '5', score: 0.1 },
      { answer: '7', score: 0.99 },
      { answer: '5', score: 0.1 },
      { answer: '7', score: 0.99 },
      { answer: '9', score: 1 },
    ]);
    // First seen breaks the order only; each tied answer counts as half a win.
    expect(majority.map((v) => [v.answer, v.count, v.share])).toEqual([['5', 2, 0.5], ['7', 2, 0.5], ['9', 1, 0]]);
    expect(weighted[0]).toMatchObject({ answer: '7', share: 1 });
  });
});
