// The ProcessBench report, the same whether one run wrote it or `eval merge` joined shards.
import { basename } from 'node:path';
import { describeWriteFailure, itemsWithUnscoredSteps, processBenchMetrics, stepMetrics, writeFileAtomic, type ProcessBenchResult } from '../engine';
import type { CliIO } from './common';
import { EXIT } from './exitCodes';

export interface ProcessBenchReportMeta {
  file: string;
  scorer: string;
  threshold: number;
  complete: boolean;
}

export function processBenchJson(results: ProcessBenchResult[], meta: ProcessBenchReportMeta) {
  const metrics = processBenchMetrics(results);
  return {
    items: results,
    metrics: { errorAcc: metrics.errorAcc, correctAcc: metrics.correctAcc, f1: metrics.f1 },
    stepMetrics: stepMetrics(results, meta.threshold),
    itemsWithUnscoredSteps: itemsWithUnscoredSteps(results),
    complete: meta.complete,
  };
}

const pct = (x: number | null, digits = 1) => (x === null ? 'n/a' : x.toFixed(digits));
const ratio = (num: number, den: number, digits = 1) => (den ? (100 * num / den).toFixed(digits) + '%' : 'n/a');

export function processBenchText(results: ProcessBenchResult[], meta: ProcessBenchReportMeta): string {
  const m = processBenchMetrics(results);
  const steps = stepMetrics(results, meta.threshold);
  const unscoredItems = itemsWithUnscoredSteps(results);
  const lines = [
    `ProcessBench ${basename(meta.file)}: ${results.length} items, scorer ${meta.scorer}, threshold ${meta.threshold}${meta.complete ? '' : ' (partial)'}`,
    `  accuracy on items with an error:    ${pct(m.errorAcc)}  (${m.errorItems} items)`,
    `  accuracy on items without an error: ${pct(m.correctAcc)}  (${m.correctItems} items)`,
    `  F1:                                 ${pct(m.f1)}`,
    `Steps: ${steps.falseAlarms} of ${steps.correctSteps} correct steps flagged (${ratio(steps.falseAlarms, steps.correctSteps, 2)}); ` +
      `${steps.errorsFound} of ${steps.errorSteps} labelled wrong steps flagged (recall ${ratio(steps.errorsFound, steps.errorSteps)}); ` +
      `precision ${ratio(steps.errorsFound, steps.falseAlarms + steps.errorsFound)}`,
  ];
  if (unscoredItems) {
    lines.push(
      `No verdict: ${steps.unscoredSteps} steps in ${unscoredItems} of ${results.length} items got no verdict; they are never predicted as the error ` +
        `and are left out of the step counts.`,
    );
  }
  return lines.join('\n') + '\n';
}

/**
 * Prints the report (JSON or text) and, for a complete run, replaces the `--out` file; the exit code says whether the
 * run completed and the report was written.
 */
export async function emitProcessBenchReport(results: ProcessBenchResult[], meta: ProcessBenchReportMeta, opts: { json?: boolean; out?: string }, io: CliIO): Promise<number> {
  const json = processBenchJson(results, meta);
  io.stdout(opts.json ? JSON.stringify(json, null, 2) + '\n' : processBenchText(results, meta));
  if (opts.out && meta.complete) {
    try {
      await writeFileAtomic(opts.out, JSON.stringify(json, null, 2) + '\n');
    } catch (err) {
      io.stderr(`stepwise: ${describeWriteFailure('the report', opts.out, err)}\n`);
      return EXIT.failed;
    }
  }
  return meta.complete ? EXIT.clean : EXIT.cancelled;
}
