import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFalseClaim, scoreStepInContext } from '../../extension/engine/scorers/arithmetic';
import { PROCESSBENCH_DIR } from '../helpers/processbenchData';

/**
 * The arithmetic checker (numeric, symbolic and unsupported-answer checks) on ProcessBench: how often it flags a step
 * labelled correct (false alarms: wrong, and doubtful for an unsupported answer), how often it catches the labelled
 * earliest wrong step, and the benchmark's own F1 when the prediction is the first step judged wrong.
 * Set ARITH_DUMP=/tmp/dir to write every false alarm out.
 */
interface Item {
  id: string;
  problem: string;
  steps: string[];
  label: number;
}

const DATA = PROCESSBENCH_DIR;

interface Figures {
  split: string;
  correctSteps: number;
  falseAlarms: number;
  falseAlarmRate: number;
  labelledSteps: number;
  caught: number;
  recall: number;
  flaggedUpToLabel: number;
  precision: number;
  errorAcc: number;
  correctAcc: number;
  f1: number;
  stepsWithClaims: number;
  totalSteps: number;
  /** Steps whose false claim is symbolic (an identity or a claimed solution). */
  symbolicCaught: number;
  symbolicAlarms: number;
  /** Unsupported answers: doubtful on correct steps, and at the labelled wrong step. */
  doubtAlarms: number;
  doubtCaught: number;
  ms: number;
}

async function measure(split: string, items: Item[]): Promise<{ figures: Figures; alarms: string[] }> {
  const t0 = performance.now();
  let correctSteps = 0, falseAlarms = 0, labelledSteps = 0, caught = 0, flaggedUpToLabel = 0;
  let errorItems = 0, errorHits = 0, okItems = 0, okHits = 0, stepsWithClaims = 0, totalSteps = 0;
  let symbolicCaught = 0, symbolicAlarms = 0, doubtAlarms = 0, doubtCaught = 0;
  const alarms: string[] = [];
  for (const item of items) {
    let prediction = -1;
    for (const [k, step] of item.steps.entries()) {
      const score = await scoreStepInContext(item.problem, item.steps, k);
      const claims = score.evidence.claims ?? [];
      const flagged = score.score === 0;
      const symbolic = claims.some((c) => !c.ok && c.note !== undefined);
      totalSteps++;
      if (claims.length) stepsWithClaims++;
      if (flagged && prediction < 0) prediction = k;
      const labelledCorrect = item.label === -1 || k < item.label;
      if (labelledCorrect) {
        correctSteps++;
        if (flagged) {
          falseAlarms++;
          if (symbolic) symbolicAlarms++;
          alarms.push(`${item.id} step ${k}: ${claims.filter((c) => !c.ok).map(describeFalseClaim).join('; ')}\n---\n${step}\n`);
        }
        if (score.doubt) {
          doubtAlarms++;
          alarms.push(`${item.id} step ${k}: ${score.doubt}\n---\n${step}\n`);
        }
      }
      if (k === item.label) {
        labelledSteps++;
        if (flagged) caught++;
        if (flagged && symbolic) symbolicCaught++;
        if (score.doubt) doubtCaught++;
      }
      if (flagged && item.label !== -1 && k <= item.label) flaggedUpToLabel++;
      if (flagged && item.label === -1) flaggedUpToLabel++;
    }
    if (item.label === -1) {
      okItems++;
      if (prediction === -1) okHits++;
    } else {
      errorItems++;
      if (prediction === item.label) errorHits++;
    }
  }
  const errorAcc = errorHits / errorItems;
  const correctAcc = okHits / okItems;
  return {
    figures: {
      split,
      correctSteps,
      falseAlarms,
      falseAlarmRate: falseAlarms / correctSteps,
      labelledSteps,
      caught,
      recall: caught / labelledSteps,
      flaggedUpToLabel,
      precision: flaggedUpToLabel ? caught / flaggedUpToLabel : 0,
      errorAcc,
      correctAcc,
      f1: errorAcc + correctAcc ? (2 * errorAcc * correctAcc) / (errorAcc + correctAcc) : 0,
      stepsWithClaims,
      totalSteps,
      ms: performance.now() - t0,
      symbolicCaught,
      symbolicAlarms,
      doubtAlarms,
      doubtCaught,
    },
    alarms,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

describe('arithmetic checker on ProcessBench', () => {
  it('finds the data', () => {
    expect(existsSync(path.join(DATA, 'gsm8k.json')), `ProcessBench data missing at ${DATA}`).toBe(true);
    expect(existsSync(path.join(DATA, 'math.json')), `ProcessBench data missing at ${DATA}`).toBe(true);
  });

  for (const split of ['gsm8k', 'math']) {
    it(`${split}: rarely flags a correct step and catches some wrong ones`, async () => {
      const items = JSON.parse(readFileSync(path.join(DATA, `${split}.json`), 'utf8')) as Item[];
      const { figures: f, alarms } = await measure(split, items);
      if (process.env.ARITH_DUMP) writeFileSync(path.join(process.env.ARITH_DUMP, `${split}-alarms.txt`), alarms.join('\n'));
      console.log(
        [
          `ProcessBench ${split}: ${items.length} items, ${f.totalSteps} steps, ${f.stepsWithClaims} with claims, ${f.ms.toFixed(0)} ms`,
          `  false alarms  ${f.falseAlarms}/${f.correctSteps} correct steps = ${pct(f.falseAlarmRate)}`,
          `  recall        ${f.caught}/${f.labelledSteps} labelled earliest-wrong steps flagged = ${pct(f.recall)}`,
          `  precision     ${f.caught}/${f.flaggedUpToLabel} flags at or before the label are at the label = ${pct(f.precision)}`,
          `  ProcessBench  errorAcc ${pct(f.errorAcc)}  correctAcc ${pct(f.correctAcc)}  F1 ${pct(f.f1)}`,
          `  symbolic      ${f.symbolicCaught} labelled wrong steps caught by a false identity or solution, ${f.symbolicAlarms} false alarms`,
          `  unsupported   ${f.doubtCaught} labelled wrong steps doubted, ${f.doubtAlarms}/${f.correctSteps} correct steps doubted = ${pct(f.doubtAlarms / f.correctSteps)}`,
        ].join('\n'),
      );
      // False alarms, wrong or doubtful, stay at most 0.5% of correct steps.
      expect(f.falseAlarmRate).toBeLessThanOrEqual(0.005);
      expect((f.falseAlarms + f.doubtAlarms) / f.correctSteps).toBeLessThanOrEqual(0.005);
      expect(f.recall).toBeGreaterThan(0);
      // Generous: a few seconds on an idle machine, but CI boxes are shared.
      expect(f.ms).toBeLessThan(20_000);
    }, 60_000);
  }
});
