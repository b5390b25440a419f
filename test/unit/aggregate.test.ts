import { describe, expect, it } from 'vitest';
import { aggregate, InvalidOptions, verdictFor } from '../../extension/engine';

describe('aggregate', () => {
  const scores = [0.9, 0.4, 0.8];
  it.each([
    ['min', 0.4],
    ['prod', 0.9 * 0.4 * 0.8],
    ['last', 0.8],
    ['mean', (0.9 + 0.4 + 0.8) / 3],
  ] as const)('%s', (how, expected) => {
    expect(aggregate(scores, how)).toBeCloseTo(expected, 10);
  });

  it('refuses an unknown aggregation instead of picking a default', () => {
    expect(() => aggregate(scores, 'max' as never)).toThrow(InvalidOptions);
  });

  it('refuses a solution with no steps', () => {
    expect(() => aggregate([], 'min')).toThrow(/no steps/);
  });
});

describe('verdictFor', () => {
  it('is wrong below the threshold, doubtful just above it, ok well above', () => {
    expect(verdictFor(0.49, { threshold: 0.5 })).toBe('wrong');
    expect(verdictFor(0.5, { threshold: 0.5 })).toBe('doubtful');
    expect(verdictFor(0.74, { threshold: 0.5 })).toBe('doubtful');
    expect(verdictFor(0.75, { threshold: 0.5 })).toBe('ok');
    expect(verdictFor(0.95, { threshold: 0.9 })).toBe('ok');
    expect(verdictFor(0.6, { threshold: 0.5, doubtful: 0.55 })).toBe('ok');
  });
});
