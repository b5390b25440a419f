// `stepwise eval merge`: the checkpoints of the shards of one run, joined into the report a single run writes.
import { checkWritableFile, checkWritableFolder, InvalidOptions, summariseBestOfN, type BestOfNProblemResult, type BestOfNSettings, type ProcessBenchResult } from '../engine';
import { readCheckpointFile, type CheckpointHeader } from './checkpoint';
import { parse, type CliIO } from './common';
import { writeBestOfNOutputs } from './evalBestOfN';
import { emitProcessBenchReport } from './evalProcessBenchReport';

export const EVAL_MERGE_HELP = `Usage: stepwise eval merge CHECKPOINT... [--out PATH] [--json]

Joins the checkpoints written by "stepwise eval processbench|bestofn --shard K/N" into the
report one unsharded run writes. Every shard 1..N must be there; a shard that stopped
early gives a partial report (and exit code 130).

  --out PATH                   processbench: write the JSON report to this file;
                               bestofn: the folder for results.json and report.html
                               (default stepwise-eval-<file name>/)
  --json                       print the JSON report on stdout`;

const options = { out: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

export async function runEvalMerge(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv, options);
  if (values.help) {
    io.stdout(EVAL_MERGE_HELP + '\n');
    return 0;
  }
  if (positionals.length === 0) throw new InvalidOptions('stepwise eval merge needs the checkpoint files of the shards. See stepwise eval merge --help.');
  const shards = positionals.map((path) => ({ path, ...readCheckpointFile<{ id: string }>(path) }));
  const first = shards[0].header;
  for (const s of shards) {
    if (!s.header) throw new InvalidOptions(`${s.path} is not a Stepwise checkpoint with a header (written by eval --shard); cannot tell which run it belongs to.`);
    if (!sameRun(s.header, first!)) throw new InvalidOptions(`${s.path} belongs to another run than ${shards[0].path} (file, item count, shard count or settings differ).`);
  }
  const header = first!;
  const n = Number(header.shard.split('/')[1]);
  const present = new Set(shards.map((s) => s.header!.shard));
  const missing = Array.from({ length: n }, (_, i) => `${i + 1}/${n}`).filter((k) => !present.has(k));
  if (missing.length) throw new InvalidOptions(`Shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of this run ${missing.length > 1 ? 'are' : 'is'} missing.`);
  if (present.size !== shards.length) throw new InvalidOptions('The same shard was given twice.');

  // In the order of the whole run, as a single run reports them.
  const byId = new Map<string, { index: number; record: { id: string } }>();
  for (const s of shards) for (const r of s.records) if (r.index !== undefined) byId.set(r.record.id, { index: r.index, record: r.record });
  const records = [...byId.values()].sort((a, b) => a.index - b.index).map((r) => r.record);
  const complete = records.length === header.items;
  if (!complete) io.stderr(`The shards hold ${records.length} of ${header.items} items: the report is partial. Resume the shards that stopped, then merge again.\n`);

  if (header.kind === 'processbench') {
    const results = records as ProcessBenchResult[];
    const meta = { file: header.file, scorer: String(header.settings.scorer), threshold: Number(header.settings.threshold), complete };
    if (values.out) await checkWritableFile(values.out, '--out');
    return emitProcessBenchReport(results, meta, { json: values.json, out: values.out }, io);
  }
  const { name, scorerKey, ...settings } = header.settings as unknown as BestOfNSettings & { name: string; scorerKey: string };
  void scorerKey; // identifies the run; not part of the report
  const outDir = values.out ?? `stepwise-eval-${name}`;
  await checkWritableFolder(outDir, '--out', outDir, true);
  const summary = summariseBestOfN(records as BestOfNProblemResult[], { name, file: header.file, complete, settings });
  return writeBestOfNOutputs(summary, outDir, Boolean(values.json), io);
}

function sameRun(a: CheckpointHeader, b: CheckpointHeader): boolean {
  return a.kind === b.kind && a.file === b.file && a.items === b.items && a.shard.split('/')[1] === b.shard.split('/')[1] && JSON.stringify(a.settings) === JSON.stringify(b.settings);
}
