import { readFile } from 'node:fs/promises';
import { InvalidOptions, verdictLabel, verifyText, type ScorerName, type VerifiedStep, type VerifyResult } from '../engine';
import { formatTraceTable, traceJson } from './verifyTrace';
import { configFromFlags, MODEL_OPTION_NAMES, MODEL_OPTIONS_HELP, modelOptions, parse, type CliIO } from './common';
import { EXIT_CODES_HELP, exitCodeFor } from './exitCodes';
import { flatText, hangingRows, layoutFrom, OUTPUT_OPTIONS_HELP, outputOptions, type TextLayout } from './output';
import { checkVerifierFlags, VERIFIER_OPTION_NAMES, VERIFIER_OPTIONS_HELP, verifierOptions } from './verifierFlags';

export const VERIFY_HELP = `Usage: stepwise verify FILE [options]

Scores every step of the worked solution in FILE and finds the earliest wrong step.
FILE holds the problem, then the solution (see README: "## Problem"/"## Solution",
"Problem:"/"Solution:", "User:"/"Assistant:", or the first paragraph as the problem).
A reasoning model's <think>…</think> trace is split into sections, each judged given
the ones before it; errors corrected later are marked, the one that survives is shown
first, and the final answer after the trace is verified step by step. Use - for stdin.

  --problem TEXT               the problem, when FILE holds only the solution
  --problem-file F             the same, read from a file
${VERIFIER_OPTIONS_HELP}
${OUTPUT_OPTIONS_HELP}
${MODEL_OPTIONS_HELP}

A step the scorer could not judge (too long for the model's context, an answer with no
Yes/No, nothing for the arithmetic checker to check) is "unscored": never a pass and never
the wrong step. The last line says how many steps got no verdict and why.

${EXIT_CODES_HELP}`;

const options = { ...modelOptions, ...verifierOptions, ...outputOptions, problem: { type: 'string' }, 'problem-file': { type: 'string' } } as const;

export async function runVerify(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv, options);
  if (values.help) {
    io.stdout(VERIFY_HELP + '\n');
    return 0;
  }
  if (positionals.length !== 1) throw new InvalidOptions('stepwise verify needs exactly one FILE. See stepwise verify --help.');
  const config = configFromFlags(values, io.env, [...MODEL_OPTION_NAMES, ...VERIFIER_OPTION_NAMES]);
  checkVerifierFlags(values, config);
  if (values.reference !== undefined) config.reference = await readInput(values.reference);
  const layout = layoutFrom(values);
  const text = await readInput(positionals[0]);
  if (values.problem !== undefined && values['problem-file'] !== undefined) throw new InvalidOptions('Give --problem or --problem-file, not both.');
  const problem = values['problem-file'] !== undefined ? await readInput(values['problem-file']) : values.problem;
  let scored = 0;
  const { document, result, trace } = await verifyText(config, text, {
    signal: io.signal,
    problem,
    onNote: (note) => io.stderr(`${note}\n`),
    onStep: () => {
      scored++;
      if (io.isTTY) io.stderr(`\rScoring steps… ${scored}`);
    },
  });
  if (io.isTTY && scored) io.stderr('\r\x1b[K');
  if (values.json) {
    io.stdout(JSON.stringify({ ...toJson(result), ...(trace ? traceJson(trace) : {}) }, null, 2) + '\n');
  } else {
    if (trace) io.stdout(formatTraceTable(trace, tableWidth()));
    io.stdout(formatTable(document.problem?.text ?? '', result, layout));
  }
  return exitCodeFor(result.outcome);
}

export async function readInput(path: string): Promise<string> {
  try {
    return path === '-' ? await readStdin() : await readFile(path, 'utf8');
  } catch (err) {
    throw new InvalidOptions(`Cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function toJson(result: VerifyResult) {
  return {
    outcome: result.outcome,
    summary: result.summary,
    steps: result.steps.map(stepJson),
    firstError: result.firstError,
    solutionScore: result.solutionScore,
    judged: result.judged,
    unscored: result.unscored,
    scorer: result.scorer,
    threshold: result.threshold,
    aggregation: result.aggregation,
    notes: result.notes,
  };
}

function stepJson(s: VerifiedStep) {
  return {
    index: s.index,
    text: s.text,
    start: s.start,
    end: s.end,
    score: s.score,
    verdict: s.verdict,
    ...(s.verdict === 'unscored' ? { label: verdictLabel(s), unscoredReason: s.unscoredReason } : {}),
    scorer: s.scorer,
    evidence: { method: s.method, ...s.evidence },
  };
}

const MARK = { ok: '✓', doubtful: '?', wrong: '✗', unscored: '–' } as const;

const SCORER_DESCRIPTION: Record<ScorerName, string> = {
  judge: 'a judge model, P(yes) from its answer-token logprobs',
  verbal: 'a judge model, share of Yes in sampled verdicts',
  plusminus: 'a +/- process reward model, P(+) from logprobs',
  pooling: 'a process reward model served by vLLM /pooling',
  arithmetic: 'the built-in arithmetic and symbolic checker, no model',
  progress: 'policy rollouts to a final answer, Q_k = reaching the answer (Math-Shepherd)',
  reference: 'a judge model aligning each step with a reference solution',
};

export function formatTable(problem: string, result: VerifyResult, layout: TextLayout = layoutFrom({})): string {
  const scorer = scorerOf(result);
  const lines = [...hangingRows('Problem: ', problem, { ...layout, truncate: layout.truncate ?? 400 }), `Scorer:  ${scorer} (${SCORER_DESCRIPTION[scorer]})`, ''];
  lines.push(' step  score  verdict     text');
  for (const s of result.steps) {
    const score = s.score === null ? '  —  ' : s.score.toFixed(3);
    lines.push(...hangingRows(`${String(s.index + 1).padStart(5)}  ${score}  ${MARK[s.verdict]} ${verdictLabel(s).padEnd(9)} `, s.text, layout));
    const why = s.unscoredReason ?? s.evidence.note ?? (s.verdict !== 'ok' ? s.evidence.text : undefined);
    // Rollouts and alignments explain every step (where the chance of success dropped, which reference step it follows).
    const show = s.verdict === 'unscored' ? s.unscoredReason !== 'nothing to check' : s.verdict !== 'ok' || s.evidence.claims?.some((c) => !c.ok) || s.evidence.rollouts || s.evidence.alignment;
    if (why && show) lines.push(...hangingRows(`${' '.repeat(23)}↳ `, flatText(why, 400), layout));
  }
  lines.push('');
  lines.push(...hangingRows('', result.summary, { ...layout, truncate: undefined }));
  lines.push(`Solution score (${result.aggregation}${result.unscored ? ', judged steps only' : ''}): ${result.solutionScore === null ? 'n/a (no step was judged)' : result.solutionScore.toFixed(3)}`);
  return lines.join('\n') + '\n';
}

const tableWidth = () => Math.max(40, Math.min(100, (process.stdout.columns ?? 100) - 24));

/** The scorer that actually scored the steps (a judge without logprobs falls back to verbal). */
const scorerOf = (result: VerifyResult): ScorerName => result.steps.find((s) => s.verdict !== 'unscored')?.scorer ?? result.scorer;
