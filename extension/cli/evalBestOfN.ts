import { createHash } from 'node:crypto';
import { basename, extname, join, resolve } from 'node:path';
import {
  checkWritableFolder,
  createModelProposer,
  describeWriteFailure,
  engineConfigOf,
  InvalidOptions,
  loadEvalProblems,
  openModels,
  parseEvalProblems,
  renderBestOfNReport,
  runBestOfNEval,
  summariseBestOfN,
  writeFileAtomic,
  type BestOfNEvalResults,
  type BestOfNProblemResult,
} from '../engine';
import { appendCheckpoint, openCheckpoint, readCheckpoint } from './checkpoint';
import { apiKeyFrom, flagHelp, flagTable, MODEL_OPTION_NAMES, MODEL_OPTIONS_HELP, modelOptions, parse, positiveInt, resolveFlags, type CliIO } from './common';
import { EXIT } from './exitCodes';
import { parseShard, SHARD_HELP, shardItems, shardLabel } from './shard';
import { readInput } from './verify';

const SAMPLING_OPTION_NAMES = ['evalSamples', 'seed', 'temperature', 'maxDepth', 'evalSubsets'] as const;

export const EVAL_BESTOFN_HELP = `Usage: stepwise eval bestofn FILE.jsonl [options]

Writes N solutions per problem step by step, scores every step with the PRM, and from the
same samples reports accuracy at N' = 1, 2, 4, ... N for three ways of picking the answer:
majority vote, PRM-best (highest aggregated score) and PRM-weighted vote (scores summed per
answer). FILE is JSONL or a JSON array of {problem, answer} / {problem, solution} (MATH-500)
or {question, answer} (GSM8K, answer after ####).

  --out DIR                    where results.json and report.html go
                               (default stepwise-eval-<file name>/)
  --limit N                    only the first N problems
${flagHelp(SAMPLING_OPTION_NAMES)}
  --checkpoint PATH            where finished problems are saved as they finish (default
                               .stepwise/eval-bestofn-<file>-<hash>.jsonl); running the same
                               command again resumes from it, Ctrl-C keeps what finished
  --fresh                      ignore and replace an existing checkpoint
${SHARD_HELP}
${MODEL_OPTIONS_HELP}

FILE may be - for stdin. The output folder is checked before the first request, and
results.json and report.html are replaced only when a run completes: a stopped run keeps
the last complete report and its checkpoint.`;

const options = {
  ...modelOptions,
  ...flagTable(SAMPLING_OPTION_NAMES),
  out: { type: 'string' },
  limit: { type: 'string' },
  checkpoint: { type: 'string' },
  fresh: { type: 'boolean' },
  shard: { type: 'string' },
} as const;

export async function runEvalBestOfN(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv, options);
  if (values.help) {
    io.stdout(EVAL_BESTOFN_HELP + '\n');
    return 0;
  }
  if (positionals.length !== 1) throw new InvalidOptions('stepwise eval bestofn needs one FILE.jsonl.');
  const resolved = resolveFlags(values, io.env, [...MODEL_OPTION_NAMES, ...SAMPLING_OPTION_NAMES]);
  const config = engineConfigOf(resolved, { apiKey: apiKeyFrom(resolved, io.env) });
  const { seed, temperature, maxDepth, evalSamples: n, evalSubsets: maxSubsets } = resolved;
  const file = positionals[0];
  const shard = parseShard(values.shard);
  let all = file === '-' ? parseEvalProblems(await readInput('-'), 'stdin') : await loadEvalProblems(file);
  if (values.limit !== undefined) all = all.slice(0, positiveInt('limit', values.limit, all.length));
  const mine = shardItems(all, shard);
  const problems = mine.map((m) => m.item);
  const indexOf = new Map(mine.map((m) => [m.item.id, m.index]));
  const name = file === '-' ? 'stdin' : basename(file, extname(file));
  const outDir = values.out ?? `stepwise-eval-${name}${shard.n > 1 ? `-shard${shard.k}of${shard.n}` : ''}`;
  // Checked before the first request: sampling must not run for a report that cannot be written.
  await checkWritableFolder(outDir, '--out', outDir, true);

  const { provider, scorer } = await openModels(config, io.signal, (note) => io.stderr(`${note}\n`), { needsPolicy: true });
  const proposer = createModelProposer(provider, config.policyModel, { concurrency: config.concurrency });

  // The samples depend on these and nothing else: the aggregation and the subsets can change on resume.
  const runKey = createHash('sha256').update(JSON.stringify([scorer.key, config.policyModel, n, seed, temperature, maxDepth, file === '-' ? '-' : resolve(file), shardLabel(shard)])).digest('hex').slice(0, 10);
  const settings = { n, seed, temperature, maxDepth, aggregation: config.aggregation, maxSubsets, scorer: scorer.name, policyModel: config.policyModel, verifierModel: config.verifierModel };
  const header = { stepwise: 'checkpoint' as const, kind: 'bestofn' as const, file, items: all.length, shard: shardLabel(shard), settings: { ...settings, name, scorerKey: scorer.key } };
  const { path: checkpoint, note } = openCheckpoint(values.checkpoint, `.stepwise/eval-bestofn-${name}-${runKey}.jsonl`, header, Boolean(values.fresh));
  if (note) io.stderr(`${note}\n`);
  const ids = new Set(problems.map((p) => p.id));
  const done = readCheckpoint<BestOfNProblemResult>(checkpoint, (r) => ids.has(r.id) && Array.isArray(r.samples) && r.samples.length === n);
  if (done.size) io.stderr(`Resuming: ${done.size} of ${problems.length} problems already sampled in ${checkpoint}.\n`);

  const started = Date.now();
  const { results, complete } = await runBestOfNEval({
    problems,
    proposer,
    scorer,
    n,
    seed,
    temperature,
    maxDepth,
    concurrency: config.concurrency,
    done,
    signal: io.signal,
    onResult: (r, finished, total) => {
      appendCheckpoint(checkpoint, r, indexOf.get(r.id) ?? -1);
      const line = `Sampled ${finished}/${total} problems × ${n} solutions (${((Date.now() - started) / 1000).toFixed(1)} s)`;
      if (io.isTTY) io.stderr(`\r${line}`);
      else io.stderr(`${line}\n`);
    },
  });
  if (io.isTTY) io.stderr('\n');
  if (!complete) {
    io.stderr(`Stopped after ${results.length} of ${problems.length} problems; they are saved in ${checkpoint}. Run the same command again to resume.\n`);
  }

  const summary = summariseBestOfN(results, { name, file, complete, settings });
  return writeBestOfNOutputs(summary, outDir, Boolean(values.json), io);
}

/**
 * Prints the summary, then writes results.json and report.html, but only for a complete run: a stopped run leaves
 * the last complete report in place. A write that fails says what was not written, after the result is printed.
 */
export async function writeBestOfNOutputs(summary: BestOfNEvalResults, outDir: string, json: boolean, io: CliIO): Promise<number> {
  const jsonPath = join(outDir, 'results.json');
  const htmlPath = join(outDir, 'report.html');
  io.stdout(json ? JSON.stringify(summary, null, 2) + '\n' : humanSummary(summary, summary.complete ? { jsonPath, htmlPath } : undefined));
  if (!summary.complete) {
    io.stderr(`The report in ${outDir} was left as it was: it is replaced only when a run completes.\n`);
    return EXIT.cancelled;
  }
  for (const [path, data, what] of [
    [jsonPath, JSON.stringify(summary, null, 2) + '\n', 'the results'],
    [htmlPath, renderBestOfNReport(summary), 'the HTML report'],
  ] as const) {
    try {
      await writeFileAtomic(path, data);
    } catch (err) {
      io.stderr(`stepwise: ${describeWriteFailure(what, path, err)}\n`);
      return EXIT.failed;
    }
  }
  return 0;
}

function humanSummary(s: BestOfNEvalResults, paths?: { jsonPath: string; htmlPath: string }): string {
  const cols = (cells: string[]) => cells.map((c, i) => c.padStart([5, 10, 10, 14, 13][i])).join('');
  const c = s.costPerProblem;
  return [
    `Best-of-N ${basename(s.file)}: ${s.problems} problems, N = ${s.settings.n}, scorer ${s.settings.scorer}, aggregation ${s.settings.aggregation}${s.complete ? '' : ' (partial)'}`,
    `Accuracy (%) by how the answer is picked:`,
    cols(['N', 'majority', 'PRM-best', 'PRM-weighted', 'any correct']),
    ...s.curve.map((p) => cols([String(p.n), p.majority.toFixed(1), p.prmBest.toFixed(1), p.weighted.toFixed(1), p.coverage.toFixed(1)])),
    `Per problem (${s.settings.n} solutions): ${c.requests.toFixed(1)} requests (${c.generationRequests.toFixed(1)} generation + ${c.scoringRequests.toFixed(1)} scoring), ` +
      `${Math.round(c.promptTokens + c.completionTokens)} policy tokens (${Math.round(c.completionTokens)} generated), ${c.seconds.toFixed(1)} s`,
    s.subsampling,
    ...(paths ? [`Results: ${paths.jsonPath}`, `Report:  ${paths.htmlPath}`] : ['Not written: the run stopped before it finished.']),
  ].join('\n') + '\n';
}
