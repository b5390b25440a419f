import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import {
  createModelProposer,
  engineConfigOf,
  openModels,
  InvalidOptions,
  loadEvalProblems,
  renderBestOfNReport,
  runBestOfNEval,
  summariseBestOfN,
  type BestOfNEvalResults,
  type BestOfNProblemResult,
} from '../engine';
import { readCheckpoint } from './checkpoint';
import { apiKeyFrom, flagHelp, flagTable, MODEL_OPTION_NAMES, MODEL_OPTIONS_HELP, modelOptions, parse, positiveInt, resolveFlags, type CliIO } from './common';

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
${MODEL_OPTIONS_HELP}`;

const options = {
  ...modelOptions,
  ...flagTable(SAMPLING_OPTION_NAMES),
  out: { type: 'string' },
  limit: { type: 'string' },
  checkpoint: { type: 'string' },
  fresh: { type: 'boolean' },
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
  let problems = await loadEvalProblems(file);
  if (values.limit !== undefined) problems = problems.slice(0, positiveInt('limit', values.limit, problems.length));
  const name = basename(file, extname(file));
  const outDir = values.out ?? `stepwise-eval-${name}`;

  const { provider, scorer } = await openModels(config, io.signal, (note) => io.stderr(`${note}\n`), { needsPolicy: true });
  const proposer = createModelProposer(provider, config.policyModel, { concurrency: config.concurrency });

  // The samples depend on these and nothing else: the aggregation and the subsets can change on resume.
  const runKey = createHash('sha256').update(JSON.stringify([scorer.key, config.policyModel, n, seed, temperature, maxDepth, resolve(file)])).digest('hex').slice(0, 10);
  const checkpoint = values.checkpoint ?? `.stepwise/eval-bestofn-${name}-${runKey}.jsonl`;
  if (values.fresh) rmSync(checkpoint, { force: true });
  const ids = new Set(problems.map((p) => p.id));
  const done = readCheckpoint<BestOfNProblemResult>(checkpoint, (r) => ids.has(r.id) && Array.isArray(r.samples) && r.samples.length === n);
  if (done.size) io.stderr(`Resuming: ${done.size} of ${problems.length} problems already sampled in ${checkpoint}.\n`);
  mkdirSync(dirname(checkpoint), { recursive: true });

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
      appendFileSync(checkpoint, JSON.stringify(r) + '\n');
      const line = `Sampled ${finished}/${total} problems × ${n} solutions (${((Date.now() - started) / 1000).toFixed(1)} s)`;
      if (io.isTTY) io.stderr(`\r${line}`);
      else io.stderr(`${line}\n`);
    },
  });
  if (io.isTTY) io.stderr('\n');
  if (!complete) {
    io.stderr(`Stopped after ${results.length} of ${problems.length} problems; they are saved in ${checkpoint}. Run the same command again to resume.\n`);
  }

  const summary = summariseBestOfN(results, {
    name,
    file,
    complete,
    settings: { n, seed, temperature, maxDepth, aggregation: config.aggregation, maxSubsets, scorer: scorer.name, policyModel: config.policyModel, verifierModel: config.verifierModel },
  });
  mkdirSync(outDir, { recursive: true });
  const jsonPath = join(outDir, 'results.json');
  const htmlPath = join(outDir, 'report.html');
  writeFileSync(jsonPath, JSON.stringify(summary, null, 2) + '\n');
  writeFileSync(htmlPath, renderBestOfNReport(summary));
  if (values.json) io.stdout(JSON.stringify(summary, null, 2) + '\n');
  else io.stdout(humanSummary(summary, jsonPath, htmlPath));
  return complete ? 0 : 130;
}

function humanSummary(s: BestOfNEvalResults, jsonPath: string, htmlPath: string): string {
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
    `Results: ${jsonPath}`,
    `Report:  ${htmlPath}`,
  ].join('\n') + '\n';
}
