// Panel data built from real ProcessBench MATH items (matrices, display fractions, \boxed{}): what the panel
// must show without clipping. Scores follow the item's label: steps before it pass, the labelled step is wrong.
import { readFileSync } from 'node:fs';
import type { Correction, VerificationView, VerifiedStep } from '../../extension/protocol';

export interface ProcessBenchItem {
  id: string;
  problem: string;
  steps: string[];
  label: number;
}

export const PROCESSBENCH_MATH = '/work/shared/data/processbench/math.json';

export function processBenchItem(id: string): ProcessBenchItem {
  const items = JSON.parse(readFileSync(PROCESSBENCH_MATH, 'utf8')) as ProcessBenchItem[];
  const item = items.find((i) => i.id === id);
  if (!item) throw new Error(`no ProcessBench item ${id}`);
  return item;
}

/** A verification of `item` with its labelled step wrong; `correctionText` (default: the widest step) replaces it. */
export function processBenchVerification(item: ProcessBenchItem, correctionText?: string): VerificationView {
  const wrongAt = item.label >= 0 ? item.label : item.steps.length - 1;
  let offset = 0;
  const steps: VerifiedStep[] = item.steps.map((text, index) => {
    const score = index < wrongAt ? 0.91 : index === wrongAt ? 0.03 : 0.62;
    const step: VerifiedStep = {
      index,
      start: offset,
      end: offset + text.length,
      text,
      score,
      verdict: score < 0.5 ? 'wrong' : score < 0.75 ? 'doubtful' : 'ok',
      scorer: 'judge',
      method: 'P(yes) from top-20 logprobs of the first answer token',
      evidence: { yesMass: score, noMass: 1 - score },
    };
    offset += text.length + 2;
    return step;
  });
  const widest = item.steps.reduce((a, b) => (b.length > a.length ? b : a));
  const correction: Correction = {
    weakIndex: wrongAt,
    original: { text: item.steps[wrongAt], score: 0.03 },
    replacement: { text: correctionText ?? `${widest}\nSo the step reads differently now.`, score: 0.88 },
    tail: [],
    reason: `Resampled step ${wrongAt + 1} from its prefix; the best of 4 candidates scores 0.88 (was 0.03).`,
    improved: true,
  };
  return {
    docUri: `file:///work/${item.id}.md`,
    fileName: `${item.id}.md`,
    problem: item.problem,
    result: { steps, firstError: wrongAt, solutionScore: 0.03, scorer: 'judge', aggregation: 'min', threshold: 0.5, notes: [], judged: steps.length, unscored: 0, outcome: 'wrong-step', summary: `Step ${wrongAt + 1} is wrong.` },
    corrections: { [wrongAt]: correction },
  };
}
