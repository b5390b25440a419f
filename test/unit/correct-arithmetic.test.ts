import { describe, expect, it } from 'vitest';
import { arithmeticCorrection, fixArithmeticStep } from '../../extension/engine/correct/arithmetic';

describe('corrections without a model', () => {
  it.each([
    ['The cookies cost 6 × $1.50 = $8.', 'The cookies cost 6 × $1.50 = $9.'],
    ['So 12 + 6 = 19 and 19 - 2 = 17.', 'So 12 + 6 = 18 and 19 - 2 = 17.'],
    ['Thus \\(1/3 \\times 18 = 5\\) flamingos.', 'Thus \\(1/3 \\times 18 = 6\\) flamingos.'],
    ['Total is 2,000 + 500 = 2,600 dollars.', 'Total is 2,000 + 500 = 2,500 dollars.'],
    ['Half: 10 / 4 = 2.4', 'Half: 10 / 4 = 2.5'],
  ])('%s', (wrong, right) => {
    expect(fixArithmeticStep(wrong)?.text).toBe(right);
  });

  it('leaves a step with nothing false alone', () => {
    expect(fixArithmeticStep('We get 3 + 4 = 7.')).toBeUndefined();
    expect(fixArithmeticStep('Let x + 2 = 5.')).toBeUndefined();
  });

  it('corrects the first false step of a solution and says what changed', () => {
    const c = arithmeticCorrection(['The muffins cost 4 × $3 = $12.', 'The cookies cost 6 × $1.50 = $8.', 'Together $12 + $8 = $20.'])!;
    expect(c.weakIndex).toBe(1);
    expect(c.replacement.text).toBe('The cookies cost 6 × $1.50 = $9.');
    expect(c.replacement.score).toBe(1);
    expect(c.original.score).toBe(0);
    expect(c.improved).toBe(true);
    expect(c.reason).toContain('6 × $1.50 = $8 is false');
  });
});
