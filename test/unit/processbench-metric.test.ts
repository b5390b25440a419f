import { describe, expect, it } from 'vitest';
import { processBenchMetrics } from '../../extension/engine';
import { firstBelow } from '../../extension/engine/eval/processbench';

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

describe('ProcessBench step metrics', () => {
  it('counts false alarms on correct steps and the wrong steps found', async () => {
    const { stepMetrics } = await import('../../extension/engine');
    const m = stepMetrics(
      [
        { label: 2, scores: [0.9, 0.2, 0.1, 0.9] }, // a false alarm at 1, the error at 2 found
        { label: 1, scores: [0.9, 0.8] }, // the error at 1 missed
        { label: -1, scores: [0.9, 0.9, 0.4] }, // a false alarm at 2
      ],
      0.5,
    );
    expect(m.correctSteps).toBe(2 + 1 + 3);
    expect(m.falseAlarms).toBe(2);
    expect(m.errorSteps).toBe(2);
    expect(m.errorsFound).toBe(1);
    expect(m.recall).toBe(0.5);
    expect(m.precision).toBeCloseTo(1 / 3, 10);
  });
});
