import { correctionOptionsOf, EmptySolution, engineConfigOf, InvalidOptions, readDocument, suggestCorrection, type CorrectionResult } from '../engine';
import { apiKeyFrom, flagHelp, flagTable, MODEL_OPTION_NAMES, MODEL_OPTIONS_HELP, modelOptions, parse, resolveFlags, type CliIO } from './common';
import { layoutFrom, OUTPUT_OPTIONS_HELP, outputOptions, hangingRows, type TextLayout } from './output';
import { readInput } from './verify';

const CORRECT_OPTION_NAMES = ['correctionRounds', 'correctionAlternatives', 'temperature', 'seed', 'budgetCalls'] as const;

export const CORRECT_HELP = `Usage: stepwise correct FILE [options]

Finds the first weak step of the worked solution in FILE (the first under the threshold, or
the lowest), samples alternatives for it, continues the best to an answer, and, each round,
asks a reviewer for feedback on the lowest-scored steps and a refiner for a rewrite.
The correction is kept only if the whole solution scores higher.

${flagHelp(CORRECT_OPTION_NAMES)}
${OUTPUT_OPTIONS_HELP}
${MODEL_OPTIONS_HELP}`;

const options = { ...modelOptions, ...outputOptions, ...flagTable(CORRECT_OPTION_NAMES) } as const;

export async function runCorrect(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv, options);
  if (values.help) {
    io.stdout(CORRECT_HELP + '\n');
    return 0;
  }
  if (positionals.length !== 1) throw new InvalidOptions('stepwise correct needs exactly one FILE. See stepwise correct --help.');
  const resolved = resolveFlags(values, io.env, [...MODEL_OPTION_NAMES, ...CORRECT_OPTION_NAMES]);
  const config = engineConfigOf(resolved, { apiKey: apiKeyFrom(resolved, io.env) });
  const correction = correctionOptionsOf(resolved);
  const layout = layoutFrom(values);
  const document = readDocument(await readInput(positionals[0]));
  if (!document.problem?.text.trim()) throw new EmptySolution('No problem statement was found');
  if (document.steps.length === 0) throw new EmptySolution('No solution steps were found after the problem');
  if (io.isTTY) io.stderr('Looking for a better step…');
  const result = await suggestCorrection(config, document.problem.text, document.steps.map((s) => s.text), {
    ...correction,
    ...(resolved.budgetCalls > 0 ? { budget: { calls: resolved.budgetCalls } } : {}),
    onNote: (n) => io.stderr(`${n}\n`),
    signal: io.signal,
  });
  if (io.isTTY) io.stderr('\r\x1b[K');
  io.stdout(values.json ? JSON.stringify(result, null, 2) + '\n' : formatCorrection(result, layout));
  return 0;
}

/** A readable diff: `-` the old step, `+` the new steps, with scores and the reason. */
export function formatCorrection(result: CorrectionResult, layout: TextLayout = layoutFrom({})): string {
  const row = (sign: string, index: number, s: { text: string; score: number }) => hangingRows(`${sign} ${String(index + 1).padStart(3)}  ${s.score.toFixed(3)}  `, s.text, layout).join('\n');
  const lines = [result.reason, ''];
  const w = result.weakIndex;
  if (result.improved) {
    lines.push(row('-', w, result.original));
    lines.push(row('+', w, result.replacement));
    result.tail.forEach((s, i) => lines.push(row('+', w + 1 + i, s)));
    lines.push('');
    lines.push(`Solution score: ${result.originalScore.toFixed(3)} → ${result.correctedScore.toFixed(3)}${result.answer ? `   Answer: ${result.answer}` : ''}`);
  } else {
    lines.push(row(' ', w, result.original));
    if (result.replacement.text !== result.original.text) lines.push(...hangingRows(`  best alternative tried: ${result.replacement.score.toFixed(3)}  `, result.replacement.text, layout));
    lines.push('', 'No change suggested.');
  }
  if (result.stoppedBy !== 'done') lines.push(`Stopped early: ${result.stoppedBy}.`);
  lines.push(`Requests: ${result.stats.calls} (${result.stats.generationCalls} generation, ${result.stats.scoringCalls} scoring)`);
  return lines.join('\n') + '\n';
}
