import { readFile } from 'node:fs/promises';
import pLimit from 'p-limit';
import { InvalidOptions, isCancellation } from '../errors';
import type { Scorer } from '../scorers/scorer';

export interface ProcessBenchItem {
  id: string;
  problem: string;
  steps: string[];
  /** 0-based index of the earliest wrong step, or -1. */
  label: number;
  generator?: string;
  final_answer_correct?: boolean;
}

export interface ProcessBenchResult {
  id: string;
  /** The first judged step under the threshold, or -1; a step with no verdict is never predicted. */
  prediction: number;
  label: number;
  /** null where the scorer gave no verdict. */
  scores: (number | null)[];
  /** How many steps got no verdict (0 when every step was judged). */
  unscored?: number;
}

/** The official metric, in percent: accuracy on items with an error, on items without, and their harmonic mean. */
export interface ProcessBenchMetrics {
  /** null for an empty group (printed "n/a"). */
  errorAcc: number | null;
  correctAcc: number | null;
  f1: number | null;
  errorItems: number;
  correctItems: number;
}

/** Step-level view of the same run: how often a correct step is flagged, and how often the wrong one is. */
export interface StepMetrics {
  /** Correct steps (before the label) scored under the threshold, of all correct steps. */
  falseAlarms: number;
  correctSteps: number;
  /** Labelled wrong steps scored under the threshold, of all labelled wrong steps. */
  errorsFound: number;
  errorSteps: number;
  /** Flags exactly at the labelled step, of all flags up to and including it. */
  precision: number;
  recall: number;
  falseAlarmRate: number;
  /** Steps with no verdict, left out of the counts above. */
  unscoredSteps: number;
}

export function stepMetrics(results: readonly Pick<ProcessBenchResult, 'label' | 'scores'>[], threshold: number): StepMetrics {
  let falseAlarms = 0;
  let correctSteps = 0;
  let errorsFound = 0;
  let errorSteps = 0;
  let unscoredSteps = 0;
  for (const r of results) {
    unscoredSteps += r.scores.filter((s) => s === null).length;
    const lastCorrect = r.label === -1 ? r.scores.length : r.label;
    for (let k = 0; k < lastCorrect; k++) {
      const s = r.scores[k];
      if (s === null) continue;
      correctSteps++;
      if (s < threshold) falseAlarms++;
    }
    const wrong = r.label !== -1 ? r.scores[r.label] : null;
    if (r.label !== -1 && wrong !== null) {
      errorSteps++;
      if (wrong < threshold) errorsFound++;
    }
  }
  const flagged = falseAlarms + errorsFound;
  return {
    falseAlarms,
    correctSteps,
    errorsFound,
    errorSteps,
    precision: flagged ? errorsFound / flagged : 1,
    recall: errorSteps ? errorsFound / errorSteps : 0,
    falseAlarmRate: correctSteps ? falseAlarms / correctSteps : 0,
    unscoredSteps,
  };
}

/** Reads a ProcessBench split from `path`, or from `text` when given (stdin). */
export async function loadProcessBench(path: string, text?: string): Promise<ProcessBenchItem[]> {
  let data: unknown;
  try {
    data = JSON.parse(text ?? (await readFile(path, 'utf8')));
  } catch (err) {
    throw new InvalidOptions(`Cannot read ProcessBench file ${path}: ${(err as Error).message}`);
  }
  const items = Array.isArray(data) ? data : (data as { data?: unknown })?.data;
  if (!Array.isArray(items)) throw new InvalidOptions(`${path} is not a ProcessBench split (expected a JSON array of items).`);
  items.forEach((it, i) => {
    const ok = it && typeof it.id === 'string' && typeof it.problem === 'string' && Array.isArray(it.steps) && Number.isInteger(it.label);
    if (!ok) throw new InvalidOptions(`${path}: item ${i} lacks id, problem, steps or label.`);
  });
  return items as ProcessBenchItem[];
}

/** A scalar PRM predicts the first step scored under the threshold, or -1; a step with no score is never predicted. */
export function firstBelow(scores: readonly (number | null)[], threshold: number): number {
  return scores.findIndex((s) => s !== null && s < threshold);
}

/** Items in which at least one step got no verdict. */
export function itemsWithUnscoredSteps(results: readonly Pick<ProcessBenchResult, 'scores'>[]): number {
  return results.filter((r) => r.scores.some((s) => s === null)).length;
}

export function processBenchMetrics(results: readonly Pick<ProcessBenchResult, 'prediction' | 'label'>[]): ProcessBenchMetrics {
  const withError = results.filter((r) => r.label !== -1);
  const without = results.filter((r) => r.label === -1);
  const acc = (rs: typeof results) => (rs.length ? (100 * rs.filter((r) => r.prediction === r.label).length) / rs.length : null);
  const errorAcc = acc(withError);
  const correctAcc = acc(without);
  const f1 = errorAcc === null || correctAcc === null ? null : errorAcc + correctAcc > 0 ? (2 * errorAcc * correctAcc) / (errorAcc + correctAcc) : 0;
  return { errorAcc, correctAcc, f1, errorItems: withError.length, correctItems: without.length };
}

export interface RunProcessBenchOptions {
  items: readonly ProcessBenchItem[];
  scorer: Scorer;
  threshold: number;
  concurrency: number;
  /** Results already computed (resume): those items are not scored again. */
  done?: ReadonlyMap<string, ProcessBenchResult>;
  signal?: AbortSignal;
  onResult?: (result: ProcessBenchResult, finished: number, total: number) => void;
}

/**
 * Scores every item and predicts its earliest wrong step. On cancellation it stops starting new items and
 * returns what finished (in the items' order), so nothing done is lost.
 */
export async function runProcessBench(opts: RunProcessBenchOptions): Promise<{ results: ProcessBenchResult[]; complete: boolean }> {
  const limit = pLimit(Math.max(1, opts.concurrency));
  const byId = new Map(opts.done ?? []);
  let finished = byId.size;
  const todo = opts.items.filter((it) => !byId.has(it.id));
  let cancelled = false;
  await Promise.all(
    todo.map((item) =>
      limit(async () => {
        if (opts.signal?.aborted) return;
        try {
          const scored = await opts.scorer.score(item.problem, item.steps, { signal: opts.signal });
          const scores = scored.map((s) => (s.abstained ? null : s.score));
          const unscored = scores.filter((s) => s === null).length;
          const result: ProcessBenchResult = { id: item.id, prediction: firstBelow(scores, opts.threshold), label: item.label, scores, ...(unscored ? { unscored } : {}) };
          byId.set(item.id, result);
          opts.onResult?.(result, ++finished, opts.items.length);
        } catch (err) {
          if (isCancellation(err, opts.signal)) {
            cancelled = true;
            return;
          }
          throw err;
        }
      }),
    ),
  );
  const results = opts.items.flatMap((it) => byId.get(it.id) ?? []);
  return { results, complete: !cancelled && !opts.signal?.aborted && results.length === opts.items.length };
}
