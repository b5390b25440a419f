import { describe, expect, it } from 'vitest';
import { firstBelow, processBenchMetrics } from '../../extension/engine';

describe('ProcessBench metric', () => {
  it('is the harmonic mean of the accuracies on items with and without an error, in percent', () => {
    const results = [
      { label: 2, prediction: 2 },
      { label: 1, prediction: 3 },
      { label: 0, prediction: 0 },
      { label: 4, prediction: -1 },
      { label: -1, prediction: -1 },
      { label: -1, prediction: 1 },
    ];
    const m = processBenchMetrics(results);
    expect(m.errorAcc).toBeCloseTo(50, 10);
    expect(m.correctAcc).toBeCloseTo(50, 10);
    expect(m.f1).toBeCloseTo(50, 10);
    expect(m.errorItems).toBe(4);
    expect(m.correctItems).toBe(2);
  });

  it('matches the official formula on uneven accuracies', () => {
    const results = [
      { label: 1, prediction: 1 },
      { label: -1, prediction: -1 },
      { label: -1, prediction: 0 },
      { label: -1, prediction: 0 },
      { label: -1, prediction: 0 },
    ];
    const m = processBenchMetrics(results);
    expect(m.errorAcc).toBe(100);
    expect(m.correctAcc).toBe(25);
    expect(m.f1).toBeCloseTo((2 * 100 * 25) / 125, 10);
  });

  it('predicts the first step under the threshold, or -1', () => {
    expect(firstBelow([0.9, 0.6, 0.2, 0.1], 0.5)).toBe(2);
    expect(firstBelow([0.9, 0.6], 0.5)).toBe(-1);
  });
});
