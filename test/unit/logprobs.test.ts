import { describe, expect, it } from 'vitest';
import { NO, readBinary, YES } from '../../extension/engine/scorers/logprobs';
import { parseVerdict } from '../../extension/engine/scorers/verbal';
import { judgeMessages, numberedSteps } from '../../extension/engine/scorers/prompts';

describe('readBinary', () => {
  it('normalises P(yes) over every yes/no variant in the top alternatives', () => {
    const top = [
      { token: 'Yes', logprob: Math.log(0.6) },
      { token: ' yes', logprob: Math.log(0.1) },
      { token: 'No', logprob: Math.log(0.2) },
      { token: 'Maybe', logprob: Math.log(0.1) },
    ];
    const r = readBinary(top, YES, NO);
    expect(r.p).toBeCloseTo(0.7 / 0.9, 10);
    expect(r.positiveMass).toBeCloseTo(0.7, 10);
    expect(r.negativeMass).toBeCloseTo(0.2, 10);
  });

  it('does not count words that merely start with yes or no', () => {
    const r = readBinary([{ token: 'Yesterday', logprob: -0.1 }, { token: 'Nothing', logprob: -0.2 }], YES, NO);
    expect(r.p).toBeUndefined();
  });

  it('counts a token repeated by the server once', () => {
    const r = readBinary([{ token: 'No', logprob: Math.log(0.5) }, { token: 'No', logprob: Math.log(0.5) }, { token: 'Yes', logprob: Math.log(0.5) }], YES, NO);
    expect(r.p).toBeCloseTo(0.5, 10);
  });

  it('reads + and - for Math-Shepherd style PRMs', () => {
    const r = readBinary([{ token: '+', logprob: Math.log(0.3) }, { token: '-', logprob: Math.log(0.6) }], ['+'], ['-']);
    expect(r.p).toBeCloseTo(1 / 3, 10);
  });
});

describe('parseVerdict', () => {
  it.each([
    ['Yes', 'yes'],
    ['**No**, because', 'no'],
    ['yes.', 'yes'],
    [' No', 'no'],
    ['Correct', 'yes'],
    ['I think', undefined],
  ])('%s', (text, verdict) => expect(parseVerdict(text)).toBe(verdict));
});

describe('judge prompt', () => {
  it('shows the problem and steps 1..k only, never later steps', () => {
    const steps = ['a = 1', 'b = 2', 'SECRET LATER STEP'];
    const text = judgeMessages('What is a + b?', steps, 1).map((m) => m.content).join('\n');
    expect(text).toContain('Step 2: b = 2');
    expect(text).toContain('Is Step 2 correct?');
    expect(text).not.toContain('SECRET');
  });

  it('renumbers steps that carry their own labels', () => {
    expect(numberedSteps(['Step 1: x', '## Step 2: y'])).toBe('Step 1: x\n\nStep 2: y');
  });
});
