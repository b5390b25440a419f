import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import {
  openModels,
  InvalidOptions,
  loadProcessBench,
  processBenchMetrics,
  runProcessBench,
  stepMetrics,
  type ProcessBenchResult,
} from '../engine';
import { readCheckpoint } from './checkpoint';
import { configFromFlags, MODEL_OPTIONS_HELP, modelOptions, parse, positiveInt, type CliIO } from './common';

export const EVAL_HELP = `Usage: stepwise eval processbench FILE.json [options]
       stepwise eval bestofn FILE.jsonl [options]   accuracy versus N for best-of-N
                                                    (see stepwise eval bestofn --help)
       stepwise eval longcot FILE                   error sections in long chains of thought
                                                    (DeltaBench layout; stepwise eval longcot --help)

Predicts the earliest wrong step of every ProcessBench item (the first step scored under
the threshold) and prints the official metric: accuracy on items with an error, on items
without, and their harmonic mean (F1), in percent.

  --limit N                    only the first N items
  --checkpoint PATH            where finished items are saved as they finish (default
                               .stepwise/eval-<file>-<scorer>-<hash>.jsonl); running the same
                               command again resumes from it, Ctrl-C keeps what finished
  --fresh                      ignore and replace an existing checkpoint
${MODEL_OPTIONS_HELP}`;

const options = { ...modelOptions, limit: { type: 'string' }, checkpoint: { type: 'string' }, fresh: { type: 'boolean' } } as const;

export async function runEval(argv: string[], io: CliIO): Promise<number> {
  const [kind, ...rest] = argv;
  if (kind === undefined || kind === '--help' || kind === '-h') {
    io.stdout(EVAL_HELP + '\n');
    return kind === undefined ? 2 : 0;
  }
  if (kind === 'bestofn') return (await import('./evalBestOfN')).runEvalBestOfN(rest, io);
  if (kind === 'longcot') return (await import('./evalLongcot')).runEvalLongcot(rest, io);
  if (kind !== 'processbench') throw new InvalidOptions(`Unknown benchmark "${kind}". Use: stepwise eval processbench FILE.json, stepwise eval bestofn FILE.jsonl, or stepwise eval longcot FILE`);
  const { values, positionals } = parse(rest, options);
  if (values.help) {
    io.stdout(EVAL_HELP + '\n');
    return 0;
  }
  if (positionals.length !== 1) throw new InvalidOptions('stepwise eval processbench needs one FILE.json.');
  const config = configFromFlags(values, io.env);
  const file = positionals[0];
  let items = await loadProcessBench(file);
  if (values.limit !== undefined) items = items.slice(0, positiveInt('limit', values.limit, items.length));

  const { scorer } = await openModels(config, io.signal, (note) => io.stderr(`${note}\n`));

  const runKey = createHash('sha256').update(JSON.stringify([scorer.key, config.threshold, resolve(file)])).digest('hex').slice(0, 10);
  const checkpoint = values.checkpoint ?? `.stepwise/eval-${basename(file).replace(/\.json$/, '')}-${scorer.name}-${runKey}.jsonl`;
  if (values.fresh) rmSync(checkpoint, { force: true });
  const ids = new Set(items.map((i) => i.id));
  const done = readCheckpoint<ProcessBenchResult>(checkpoint, (r) => ids.has(r.id) && Array.isArray(r.scores));
  if (done.size) io.stderr(`Resuming: ${done.size} of ${items.length} items already scored in ${checkpoint}.\n`);
  mkdirSync(dirname(checkpoint), { recursive: true });

  const started = Date.now();
  const { results, complete } = await runProcessBench({
    items,
    scorer,
    threshold: config.threshold,
    concurrency: config.concurrency,
    done,
    signal: io.signal,
    onResult: (r, finished, total) => {
      appendFileSync(checkpoint, JSON.stringify(r) + '\n');
      const line = `Scored ${finished}/${total} items (${((Date.now() - started) / 1000).toFixed(1)} s)`;
      if (io.isTTY) io.stderr(`\r${line}`);
      else if (finished % 50 === 0 || finished === total) io.stderr(`${line}\n`);
    },
  });
  if (io.isTTY) io.stderr('\n');
  const metrics = processBenchMetrics(results);
  const steps = stepMetrics(results, config.threshold);
  if (!complete) {
    io.stderr(`Stopped after ${results.length} of ${items.length} items; they are saved in ${checkpoint}. Run the same command again to resume.\n`);
  }
  if (values.json) {
    const json = { items: results, metrics: { errorAcc: metrics.errorAcc, correctAcc: metrics.correctAcc, f1: metrics.f1 }, stepMetrics: steps, complete };
    io.stdout(JSON.stringify(json, null, 2) + '\n');
  } else {
    io.stdout(
      [
        `ProcessBench ${basename(file)}: ${results.length} items, scorer ${scorer.name}, threshold ${config.threshold}${complete ? '' : ' (partial)'}`,
        `  accuracy on items with an error:    ${metrics.errorAcc.toFixed(1)}  (${metrics.errorItems} items)`,
        `  accuracy on items without an error: ${metrics.correctAcc.toFixed(1)}  (${metrics.correctItems} items)`,
        `  F1:                                 ${metrics.f1.toFixed(1)}`,
        `Steps: ${steps.falseAlarms} of ${steps.correctSteps} correct steps flagged (${(100 * steps.falseAlarmRate).toFixed(2)}%); ` +
          `${steps.errorsFound} of ${steps.errorSteps} labelled wrong steps flagged (recall ${(100 * steps.recall).toFixed(1)}%); ` +
          `precision ${(100 * steps.precision).toFixed(1)}%`,
      ].join('\n') + '\n',
    );
  }
  return complete ? 0 : 130;
}
