import { describe, expect, it } from 'vitest';
import { answersEqual, extractAnswer, normaliseAnswer } from '../../extension/engine/steps/answers';

describe('extractAnswer', () => {
  it.each([
    ['So the total is \\boxed{42}.', '42'],
    ['First \\boxed{1}, then corrected: \\boxed{\\frac{1}{2}}', '\\frac{1}{2}'],
    ['Nested \\boxed{\\frac{\\sqrt{3}}{2}} done', '\\frac{\\sqrt{3}}{2}'],
    ['Therefore, the answer is 17.', '17'],
    ['Final answer: $3\\pi$', '3\\pi'],
    ['Natalia sold 72 clips.\n#### 72', '72'],
    ['The final answer is $\\boxed{5}$. I hope it is correct.', '5'],
  ])('finds the answer in %j', (text, expected) => {
    expect(extractAnswer(text)).toBe(expected);
  });

  it('returns undefined when the text states no answer', () => {
    expect(extractAnswer('## Step 1: Add 2 and 3 to get 5.')).toBeUndefined();
    expect(extractAnswer('an unclosed \\boxed{12')).toBeUndefined();
  });
});

describe('normaliseAnswer / answersEqual', () => {
  it('treats every spelling of one half as the same number', () => {
    const halves = ['0.5', '1/2', '\\frac{1}{2}', '\\frac12', '.5', '\\dfrac{1}{2}', '$\\tfrac{1}{2}$', '2/4', '0.50'];
    for (const h of halves) expect(normaliseAnswer(h), h).toBe('1/2');
  });

  it('strips dollars, units, thousands separators, text wrappers and a trailing period', () => {
    expect(answersEqual('\\$1,000', '1000')).toBe(true);
    expect(answersEqual('12 \\text{ cm}', '12')).toBe(true);
    expect(answersEqual('18 dollars.', '18')).toBe(true);
    expect(answersEqual('90^\\circ', '90')).toBe(true);
    expect(answersEqual('x = -3', '-3')).toBe(true);
    expect(answersEqual('-\\frac{3}{4}', '-0.75')).toBe(true);
  });

  it('keeps a percentage equal to its number but never to the fraction', () => {
    expect(answersEqual('50\\%', '50')).toBe(true);
    expect(answersEqual('50%', '50')).toBe(true);
    expect(answersEqual('50\\%', '0.5')).toBe(false);
  });

  it('keeps different answers different', () => {
    expect(answersEqual('12', '13')).toBe(false);
    expect(answersEqual('0.333', '1/3')).toBe(false);
    expect(answersEqual('\\sqrt{2}', '\\sqrt{3}')).toBe(false);
    expect(answersEqual(undefined, '1')).toBe(false);
    expect(answersEqual('', '')).toBe(false);
  });

  it('compares symbolic answers modulo spacing', () => {
    expect(answersEqual('2 \\sqrt{3}', '2\\sqrt{3}')).toBe(true);
    expect(answersEqual('(B)', 'B')).toBe(true);
  });
});
