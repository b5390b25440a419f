import {
  InvalidOptions,
  saveTrace,
  solveText,
  STRATEGIES,
  type SearchEvent,
  type SearchResult,
  type StrategyName,
} from '../engine';
import { configFromFlags, MODEL_OPTIONS_HELP, modelOptions, nonNegative, oneLine, parse, positiveInt, type CliIO } from './common';
import { readInput } from './verify';

export const SOLVE_HELP = `Usage: stepwise solve FILE [options]

Solves the problem in FILE by PRM-guided step search: the policy model writes candidate
steps, the verifier scores each, and the strategy keeps the most promising ones.

  --strategy S                 best-of-n|beam|dvts|mcts (default beam)
  --n N                        solutions / beams / total candidates per step (default 4)
  --beam-width M               candidates per expansion; N must be a multiple (default 2)
  --max-depth D                most steps in a solution (default 40)
  --temperature T              policy sampling temperature (default 0.8)
  --seed S                     run seed: the same seed repeats the run (default 0)
  --reject-below X             prune partial solutions scoring under X (0..1)
  --partial-reject             beam: stop writing a candidate whose partial step scores under
                               --reject-below and well behind its best sibling
  --mcts-iterations K          MCTS iterations (default 4 × N)
  --rollouts K                 MCTS: play K completions out from each new node and judge
                               it also by their final steps' scores (default 0 = off)
  --budget-calls C             stop after C model requests
  --budget-tokens T            stop after T generated tokens
  --budget-seconds S           stop after S seconds
  --trace F                    write the whole search tree as JSON to F
${MODEL_OPTIONS_HELP}`;

const options = {
  ...modelOptions,
  strategy: { type: 'string' },
  n: { type: 'string' },
  'beam-width': { type: 'string' },
  'max-depth': { type: 'string' },
  temperature: { type: 'string' },
  seed: { type: 'string' },
  'reject-below': { type: 'string' },
  'mcts-iterations': { type: 'string' },
  rollouts: { type: 'string' },
  'partial-reject': { type: 'boolean' },
  'budget-calls': { type: 'string' },
  'budget-tokens': { type: 'string' },
  'budget-seconds': { type: 'string' },
  trace: { type: 'string' },
} as const;

export async function runSolve(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv, options);
  if (values.help) {
    io.stdout(SOLVE_HELP + '\n');
    return 0;
  }
  if (positionals.length !== 1) throw new InvalidOptions('stepwise solve needs exactly one FILE. See stepwise solve --help.');
  const strategy = values.strategy ?? 'beam';
  if (!(STRATEGIES as readonly string[]).includes(strategy)) throw new InvalidOptions(`--strategy ${strategy}: use ${STRATEGIES.join(', ')}.`);
  const config = configFromFlags(values, io.env);
  const text = await readInput(positionals[0]);
  const optional = (name: 'budget-calls' | 'budget-tokens' | 'mcts-iterations') => (values[name] === undefined ? undefined : positiveInt(name, values[name], 1));
  const seconds = values['budget-seconds'] === undefined ? undefined : nonNegative('budget-seconds', values['budget-seconds'], 0);
  let scored = 0;
  const progress = (e: SearchEvent) => {
    if (e.type === 'node-scored') scored++;
    if (io.isTTY && (e.type === 'node-scored' || e.type === 'best-path')) io.stderr(`\rSearching (${strategy})… ${scored} steps scored`);
  };
  const { result } = await solveText(config, text, {
    search: {
      strategy: strategy as StrategyName,
      n: positiveInt('n', values.n, 4),
      beamWidth: positiveInt('beam-width', values['beam-width'], 2),
      maxDepth: positiveInt('max-depth', values['max-depth'], 40),
      temperature: nonNegative('temperature', values.temperature, 0.8),
      seed: nonNegative('seed', values.seed, 0),
      ...(values['reject-below'] !== undefined ? { rejectBelow: nonNegative('reject-below', values['reject-below'], 0) } : {}),
      ...(optional('mcts-iterations') !== undefined ? { mctsIterations: optional('mcts-iterations') } : {}),
      ...(values['partial-reject'] ? { partialReject: true } : {}),
      ...(values.rollouts !== undefined ? { mctsRollouts: nonNegative('rollouts', values.rollouts, 0) } : {}),
      budget: {
        ...(optional('budget-calls') !== undefined ? { calls: optional('budget-calls') } : {}),
        ...(optional('budget-tokens') !== undefined ? { tokens: optional('budget-tokens') } : {}),
        ...(seconds !== undefined ? { ms: seconds * 1000 } : {}),
      },
    },
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
