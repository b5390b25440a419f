import {
  checkWritableFile,
  describeWriteFailure,
  engineConfigOf,
  InvalidOptions,
  saveVerifiedTrace,
  searchOptionsOf,
  solveText,
  verdictLabel,
  verifySearchResult,
  type SearchEvent,
  type SearchResult,
  type VerifyResult,
} from '../engine';
import {
  apiKeyFrom,
  flagHelp,
  flagTable,
  helpLine,
  MODEL_OPTION_NAMES,
  MODEL_OPTIONS_HELP,
  modelOptions,
  parse,
  resolveFlags,
  SEARCH_OPTION_NAMES,
  type CliIO,
} from './common';
import { EXIT, EXIT_CODES_HELP, exitCodeFor } from './exitCodes';
import { hangingRows, layoutFrom, OUTPUT_OPTIONS_HELP, outputOptions, type TextLayout } from './output';
import { readInput } from './verify';

export const SOLVE_HELP = `Usage: stepwise solve FILE [options]

Solves the problem in FILE by PRM-guided step search: the policy model writes candidate
steps, the verifier scores each, and the strategy keeps the most promising ones. With no
search flags it runs the search VS Code runs with default settings. Use - for stdin.

${flagHelp(SEARCH_OPTION_NAMES)}
${helpLine('--trace F', 'write the whole search tree, the options it ran with and the verification of the best path, as JSON to F (checked before the search starts)')}

${OUTPUT_OPTIONS_HELP}
${MODEL_OPTIONS_HELP}

The best solution is verified with the scores the search gave its steps: a step with no
verdict leaves it unverified, and the output says so.

${EXIT_CODES_HELP}`;

const options = {
  ...modelOptions,
  ...outputOptions,
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
  const layout = layoutFrom(values);
  // Checked before the first request: a search must not run for nothing.
  if (values.trace) await checkWritableFile(values.trace, '--trace');
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
  const verification = verifySearchResult(result, { threshold: config.threshold });
  // The result first: a trace that cannot be written must not cost the user the answer.
  io.stdout(values.json ? JSON.stringify(solveJson(result, verification), null, 2) + '\n' : formatSolution(result, verification, layout));
  if (values.trace) {
    try {
      await saveVerifiedTrace(result, verification, values.trace);
      io.stderr(`Search tree written to ${values.trace}\n`);
    } catch (err) {
      io.stderr(`stepwise: ${describeWriteFailure('the search trace', values.trace, err)} The result above is complete.\n`);
      return EXIT.failed;
    }
  }
  if (result.stoppedBy === 'cancelled') return EXIT.cancelled;
  return result.steps.length ? exitCodeFor(verification.outcome) : EXIT.unverified;
}

export function solveJson(result: SearchResult, verification: VerifyResult) {
  const { calls, promptTokens, completionTokens, cacheHits, wallMs, rollouts, partialAborts } = result.stats;
  return {
    answer: result.answer,
    outcome: verification.outcome,
    summary: solutionSummary(result, verification),
    steps: result.steps.map((s, i) => {
      const v = verification.steps[i];
      return { nodeId: s.nodeId, text: s.text, score: v?.score ?? null, verdict: v?.verdict ?? 'unscored', ...(v?.unscoredReason ? { label: verdictLabel(v), unscoredReason: v.unscoredReason } : {}) };
    }),
    score: verification.solutionScore,
    searchScore: result.score,
    judged: verification.judged,
    unscored: verification.unscored,
    firstError: verification.firstError,
    strategy: result.strategy,
    stats: { calls, promptTokens, completionTokens, cacheHits, wallMs, ...(rollouts ? { rollouts } : {}), ...(partialAborts ? { partialAborts } : {}) },
    stoppedBy: result.stoppedBy,
    ...(result.votes ? { votes: result.votes } : {}),
  };
}

const MARK = { ok: '✓', doubtful: '?', wrong: '✗', unscored: '–' } as const;
const STOPPED: Record<SearchResult['stoppedBy'], string> = {
  done: '',
  'budget-calls': 'the call budget was spent',
  'budget-tokens': 'the token budget was spent',
  'budget-time': 'the time budget was spent',
  cancelled: 'cancelled',
};

/** One sentence on the best solution: verified, failed verification, or unverified, and why. */
export function solutionSummary(result: SearchResult, v: VerifyResult): string {
  if (!result.steps.length) return 'No solution was written, so nothing was verified.';
  switch (v.outcome) {
    case 'no-wrong-step':
      return `Best solution verified: every step judged, none wrong. ${v.summary}`;
    case 'wrong-step':
      return `Best solution failed verification. ${v.summary}`;
    case 'incomplete':
    case 'unverified':
      return `Best solution is unverified. ${v.summary}`;
  }
}

export function formatSolution(result: SearchResult, verification: VerifyResult, layout: TextLayout = layoutFrom({})): string {
  const lines = [...hangingRows('Problem:  ', result.problem, { ...layout, truncate: layout.truncate ?? 400 }), `Strategy: ${result.strategy}, scorer ${result.scorer}`, ''];
  if (result.steps.length === 0) lines.push('No step was written.');
  verification.steps.forEach((s, i) => {
    const score = s.score === null ? '  —  ' : s.score.toFixed(3);
    lines.push(...hangingRows(`${String(i + 1).padStart(4)}  ${score} ${MARK[s.verdict]} ${verdictLabel(s).padEnd(9)} `, s.text, layout));
  });
  lines.push('');
  const score = verification.solutionScore === null ? 'no judged step' : `solution score ${verification.solutionScore.toFixed(3)}, ${result.aggregation}`;
  lines.push(result.answer ? `Answer: ${result.answer}   (${score})` : 'No solution reached an answer.');
  lines.push(...hangingRows('', solutionSummary(result, verification), layout));
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
