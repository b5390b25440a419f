import { engineConfigOf, InvalidOptions, saveTrace, searchOptionsOf, solveText, type SearchEvent, type SearchResult } from '../engine';
import {
  apiKeyFrom,
  flagHelp,
  flagTable,
  helpLine,
  MODEL_OPTION_NAMES,
  MODEL_OPTIONS_HELP,
  modelOptions,
  oneLine,
  parse,
  resolveFlags,
  SEARCH_OPTION_NAMES,
  type CliIO,
} from './common';
import { readInput } from './verify';

export const SOLVE_HELP = `Usage: stepwise solve FILE [options]

Solves the problem in FILE by PRM-guided step search: the policy model writes candidate
steps, the verifier scores each, and the strategy keeps the most promising ones. With no
search flags it runs the search VS Code runs with default settings. Use - for stdin.

${flagHelp(SEARCH_OPTION_NAMES)}
${helpLine('--trace F', 'write the whole search tree, and the options it ran with, as JSON to F')}

${MODEL_OPTIONS_HELP}`;

const options = {
  ...modelOptions,
  ...flagTable(SEARCH_OPTION_NAMES),
  trace: { type: 'string' },
} as const;

/** What `stepwise solve` runs for these flags: the engine config and the search, both from the schema. */
export function solvePlan(values: Record<string, string | boolean | undefined>, env: NodeJS.ProcessEnv) {
  const resolved = resolveFlags(values, env, [...MODEL_OPTION_NAMES, ...SEARCH_OPTION_NAMES]);
  return { resolved, config: engineConfigOf(resolved, { apiKey: apiKeyFrom(resolved, env) }), search: searchOptionsOf(resolved) };
}

export async function runSolve(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv, options);
  if (values.help) {
    io.stdout(SOLVE_HELP + '\n');
    return 0;
  }
  if (positionals.length !== 1) throw new InvalidOptions('stepwise solve needs exactly one FILE. See stepwise solve --help.');
  const { config, search } = solvePlan(values, io.env);
  const strategy = search.strategy;
  const text = await readInput(positionals[0]);
  let scored = 0;
  const progress = (e: SearchEvent) => {
    if (e.type === 'node-scored') scored++;
    if (io.isTTY && (e.type === 'node-scored' || e.type === 'best-path')) io.stderr(`\rSearching (${strategy})… ${scored} steps scored`);
  };
  const { result } = await solveText(config, text, {
    search,
    signal: io.signal,
    onEvent: progress,
    onNote: (n) => io.stderr(`${n}\n`),
  });
  if (io.isTTY) io.stderr('\r\x1b[K');
  if (values.trace) {
    await saveTrace(result, values.trace);
    io.stderr(`Search tree written to ${values.trace}\n`);
  }
  io.stdout(values.json ? JSON.stringify(solveJson(result), null, 2) + '\n' : formatSolution(result));
  return result.stoppedBy === 'cancelled' ? 130 : 0;
}

export function solveJson(result: SearchResult) {
  const { calls, promptTokens, completionTokens, cacheHits, wallMs, rollouts, partialAborts } = result.stats;
  return {
    answer: result.answer,
    steps: result.steps,
    score: result.score,
    strategy: result.strategy,
    stats: { calls, promptTokens, completionTokens, cacheHits, wallMs, ...(rollouts ? { rollouts } : {}), ...(partialAborts ? { partialAborts } : {}) },
    stoppedBy: result.stoppedBy,
    ...(result.votes ? { votes: result.votes } : {}),
  };
}

const MARK = { ok: '✓', doubtful: '?', wrong: '✗' } as const;
const STOPPED: Record<SearchResult['stoppedBy'], string> = {
  done: '',
  'budget-calls': 'the call budget was spent',
  'budget-tokens': 'the token budget was spent',
  'budget-time': 'the time budget was spent',
  cancelled: 'cancelled',
};

export function formatSolution(result: SearchResult): string {
  const width = Math.max(40, Math.min(100, (process.stdout.columns ?? 100) - 20));
  const lines = [`Problem:  ${oneLine(result.problem, width + 10)}`, `Strategy: ${result.strategy}, scorer ${result.scorer}`, ''];
  if (result.steps.length === 0) lines.push('No step was written.');
  result.steps.forEach((s, i) => lines.push(`${String(i + 1).padStart(4)}  ${s.score.toFixed(3)} ${MARK[s.verdict]} ${oneLine(s.text, width)}`));
  lines.push('');
  lines.push(result.answer ? `Answer: ${result.answer}   (solution score ${result.score.toFixed(3)}, ${result.aggregation})` : 'No solution reached an answer.');
  if (result.votes && result.votes.majority.length > 1) {
    lines.push(`Votes:  ${result.votes.weighted.map((v) => `${v.answer} ×${v.count} (weight ${v.weight.toFixed(2)})`).join(', ')}`);
  }
  const s = result.stats;
  lines.push(
    `Stats:  ${s.calls} requests (${s.generationCalls} generation, ${s.scoringCalls} scoring), ` +
      `${s.promptTokens + s.completionTokens} tokens, ${s.cacheHits} cache hits, ${(s.wallMs / 1000).toFixed(1)} s` +
      (s.rollouts ? `, ${s.rollouts} rollouts` : '') +
      (s.partialAborts ? `, ${s.partialAborts} candidates stopped while writing` : ''),
  );
  const cut = result.nodes.filter((n) => n.note).length;
  if (cut) lines.push(`Note:   ${cut} step(s) were cut at the token limit without ending; see the trace.`);
  if (result.stoppedBy !== 'done') lines.push(`Stopped early: ${STOPPED[result.stoppedBy]}; the best solution found so far is shown.`);
  return lines.join('\n') + '\n';
}
