import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import {
  checkWritableFile,
  InvalidOptions,
  loadProcessBench,
  openModels,
  runProcessBench,
  type ProcessBenchResult,
} from '../engine';
import { appendCheckpoint, openCheckpoint, readCheckpoint } from './checkpoint';
import { configFromFlags, MODEL_OPTIONS_HELP, modelOptions, parse, positiveInt, type CliIO } from './common';
import { readInput } from './verify';
import { emitProcessBenchReport } from './evalProcessBenchReport';
import { parseShard, SHARD_HELP, shardItems, shardLabel } from './shard';

export const EVAL_HELP = `Usage: stepwise eval processbench FILE.json [options]
       stepwise eval bestofn FILE.jsonl [options]   accuracy versus N for best-of-N
                                                    (see stepwise eval bestofn --help)
       stepwise eval longcot FILE                   error sections in long chains of thought
                                                    (DeltaBench layout; stepwise eval longcot --help)
       stepwise eval merge CHECKPOINT... [--out F]  join the checkpoints of shards into the
                                                    report one run writes

Predicts the earliest wrong step of every ProcessBench item (the first step scored under
the threshold) and prints the official metric: accuracy on items with an error, on items
without, and their harmonic mean (F1), in percent.

  --limit N                    only the first N items
  --checkpoint PATH            where finished items are saved as they finish (default
                               .stepwise/eval-<file>-<scorer>-<hash>.jsonl); running the same
                               command again resumes from it, Ctrl-C keeps what finished
  --fresh                      ignore and replace an existing checkpoint
  --out F                      also write the JSON report to F (replaced only when the run
                               completes)
${SHARD_HELP}
${MODEL_OPTIONS_HELP}

FILE may be - for stdin. A step the scorer could not judge is never predicted as the error;
the report says how many items had such steps.`;

const options = {
  ...modelOptions,
  limit: { type: 'string' },
  checkpoint: { type: 'string' },
  fresh: { type: 'boolean' },
  out: { type: 'string' },
  shard: { type: 'string' },
} as const;

export async function runEval(argv: string[], io: CliIO): Promise<number> {
  const [kind, ...rest] = argv;
  if (kind === undefined || kind === '--help' || kind === '-h') {
    io.stdout(EVAL_HELP + '\n');
    return kind === undefined ? 2 : 0;
  }
  if (kind === 'bestofn') return (await import('./evalBestOfN')).runEvalBestOfN(rest, io);
  if (kind === 'longcot') return (await import('./evalLongcot')).runEvalLongcot(rest, io);
  if (kind === 'merge') return (await import('./evalMerge')).runEvalMerge(rest, io);
  if (kind !== 'processbench') throw new InvalidOptions(`Unknown benchmark "${kind}". Use: stepwise eval processbench FILE.json, stepwise eval bestofn FILE.jsonl, stepwise eval longcot FILE, or stepwise eval merge CHECKPOINT...`);
  const { values, positionals } = parse(rest, options);
  if (values.help) {
    io.stdout(EVAL_HELP + '\n');
    return 0;
  }
  if (positionals.length !== 1) throw new InvalidOptions('stepwise eval processbench needs one FILE.json.');
  const config = configFromFlags(values, io.env);
  const shard = parseShard(values.shard);
  const file = positionals[0];
  if (values.out) await checkWritableFile(values.out, '--out');
  let all = await loadProcessBench(file, file === '-' ? await readInput('-') : undefined);
  if (values.limit !== undefined) all = all.slice(0, positiveInt('limit', values.limit, all.length));
  const mine = shardItems(all, shard);
  const items = mine.map((m) => m.item);
  const indexOf = new Map(mine.map((m) => [m.item.id, m.index]));

  const { scorer } = await openModels(config, io.signal, (note) => io.stderr(`${note}\n`));

  const runKey = createHash('sha256').update(JSON.stringify([scorer.key, config.threshold, file === '-' ? '-' : resolve(file), shardLabel(shard)])).digest('hex').slice(0, 10);
  const shardPart = shard.n > 1 ? `-shard${shard.k}of${shard.n}` : '';
  const header = { stepwise: 'checkpoint' as const, kind: 'processbench' as const, file, items: all.length, shard: shardLabel(shard), settings: { scorer: scorer.name, scorerKey: scorer.key, threshold: config.threshold } };
  const { path: checkpoint, note } = openCheckpoint(values.checkpoint, `.stepwise/eval-${basename(file).replace(/\.json$/, '')}-${scorer.name}${shardPart}-${runKey}.jsonl`, header, Boolean(values.fresh));
  if (note) io.stderr(`${note}\n`);
  const ids = new Set(items.map((i) => i.id));
  const done = readCheckpoint<ProcessBenchResult>(checkpoint, (r) => ids.has(r.id) && Array.isArray(r.scores));
  if (done.size) io.stderr(`Resuming: ${done.size} of ${items.length} items already scored in ${checkpoint}.\n`);

  const started = Date.now();
  const { results, complete } = await runProcessBench({
    items,
    scorer,
    threshold: config.threshold,
    concurrency: config.concurrency,
    done,
    signal: io.signal,
    onResult: (r, finished, total) => {
      appendCheckpoint(checkpoint, r, indexOf.get(r.id) ?? -1);
      const line = `Scored ${finished}/${total} items (${((Date.now() - started) / 1000).toFixed(1)} s)`;
      if (io.isTTY) io.stderr(`\r${line}`);
      else if (finished % 50 === 0 || finished === total) io.stderr(`${line}\n`);
    },
  });
  if (io.isTTY) io.stderr('\n');
  if (!complete) {
    io.stderr(`Stopped after ${results.length} of ${items.length} items; they are saved in ${checkpoint}. Run the same command again to resume.\n`);
  }
  const meta = { file, scorer: scorer.name, threshold: config.threshold, complete };
  if (shard.n > 1) io.stderr(`Shard ${shardLabel(shard)} done: join the shards with stepwise eval merge CHECKPOINTS... (this one: ${checkpoint}).\n`);
  return emitProcessBenchReport(results, meta, { json: values.json, out: values.out }, io);
}
