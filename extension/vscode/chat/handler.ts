// The @stepwise chat participant's logic over plain inputs and a response stream, with no `vscode` import:
// participant.ts adapts VS Code's request, context and ChatResponseStream to these shapes.
import type { CorrectionResult, SearchResult, VerifiedStep } from '../../engine/index';
import type { HostConfig } from '../settingsKeys';
import { stepLine, stepReport, verificationReport, type VerificationReport } from './report';

/** The parts of `vscode.ChatResponseStream` the participant uses. */
export interface ChatOut {
  markdown(text: string): void;
  progress(text: string): void;
  button(command: { command: string; title: string; arguments?: unknown[] }): void;
}

/** Where the text to verify comes from, in the order the participant looks. */
export interface ChatSources {
  /** Text typed after the command (a problem and its solution). */
  prompt: string;
  selection?: { text: string; file: string };
  /** The previous exchange in this conversation: the question asked and the answer given. */
  previous?: { question: string; answer: string };
  activeFile?: { text: string; file: string };
}

export interface ChatEngine {
  verifyText: typeof import('../../engine/index').verifyText;
  solveText: typeof import('../../engine/index').solveText;
  suggestCorrection: typeof import('../../engine/index').suggestCorrection;
  problemToSolve: typeof import('../../engine/index').problemToSolve;
}

export interface ChatDeps {
  config(): Promise<HostConfig>;
  engine(): ChatEngine;
  /** Command ids the buttons run. */
  commands: { showPanel: string; insertText: string; selectModel: string };
}

/** What the follow-up provider needs to suggest the next action. */
export interface ChatResultMeta {
  command: 'verify' | 'solve' | 'help';
  firstWrongStep?: number | null;
  answer?: string;
  problem?: string;
  /** The solution found, as a document to verify ("## Problem ... ## Solution ..."). */
  solution?: string;
}

export const CHAT_COMMANDS = { verify: 'verify', solve: 'solve' } as const;

/** A prompt this long (or with a line break) is a problem and solution; shorter, it is an instruction. */
const isText = (prompt: string) => prompt.trim().length > 60 || prompt.trim().includes('\n');

export async function handleChat(command: string | undefined, sources: ChatSources, out: ChatOut, deps: ChatDeps, signal: AbortSignal): Promise<ChatResultMeta> {
  if (command === CHAT_COMMANDS.solve) return solve(sources, out, deps, signal);
  if (command === CHAT_COMMANDS.verify || isText(sources.prompt) || sources.previous || sources.selection) return verify(sources, out, deps, signal);
  out.markdown(
    'I check worked solutions step by step with a verifier model and find the first wrong step.\n\n' +
      '- `/verify`: the selection, the previous answer in this chat, or the open file (or paste a problem and its solution after the command).\n' +
      '- `/solve`: solve a problem by search guided by the verifier.\n',
  );
  return { command: 'help' };
}

/** The text to verify and how to name it to the user. */
export function pickVerifySource(s: ChatSources): { text: string; problem?: string; from: string } | undefined {
  if (isText(s.prompt)) return { text: s.prompt, from: 'the text you gave' };
  if (s.selection?.text.trim()) return { text: s.selection.text, from: `the selection in ${s.selection.file}` };
  if (s.previous?.answer.trim()) return { text: s.previous.answer, problem: s.previous.question, from: 'the previous answer in this chat' };
  if (s.activeFile?.text.trim()) return { text: s.activeFile.text, from: s.activeFile.file };
  return undefined;
}

async function verify(sources: ChatSources, out: ChatOut, deps: ChatDeps, signal: AbortSignal): Promise<ChatResultMeta> {
  const source = pickVerifySource(sources);
  if (!source) {
    out.markdown('There is nothing to verify: select a worked solution, open a file with a problem and its solution, or paste them after `/verify`.');
    return { command: 'verify' };
  }
  const config = await deps.config();
  const engine = deps.engine();
  out.progress(`Verifying ${source.from}…`);
  out.markdown(`Verifying ${source.from}, step by step:\n\n`);
  const { document, result } = await engine.verifyText(config, source.text, {
    signal,
    ...(source.problem ? { problem: source.problem } : {}),
    onStep: (step: VerifiedStep) => out.markdown(`${stepLine(stepReport(step))}\n\n`),
  });
  let correction: CorrectionResult | undefined;
  if (result.firstError >= 0 && config.suggestCorrections) {
    out.progress(`Looking for a correction of step ${result.firstError + 1}…`);
    const problem = document.problem?.text ?? source.problem ?? '';
    correction = await engine.suggestCorrection(config, problem, document.steps.map((s) => s.text), { signal, stepIndex: result.firstError }).catch((err) => {
      if (signal.aborted) throw err;
      out.markdown(`(No correction: ${(err as Error).message})\n\n`);
      return undefined;
    });
  }
  const report = verificationReport(result, correction);
  out.markdown(conclusion(report));
  out.button({ command: deps.commands.showPanel, title: 'Open the Stepwise panel' });
  if (report.correction) {
    const corrected = [...document.steps.slice(0, report.correction.step - 1).map((s) => s.text), report.correction.replacement, ...report.correction.rest];
    out.button({ command: deps.commands.insertText, title: 'Insert the corrected solution', arguments: [corrected.join('\n\n')] });
  }
  return { command: 'verify', firstWrongStep: report.firstWrongStep, problem: document.problem?.text ?? source.problem };
}

function conclusion(r: VerificationReport): string {
  const lines = [`\n**${r.summary}**`];
  if (r.firstWrongStep !== null) lines.push(`\nThe first wrong step is **step ${r.firstWrongStep}**: ${quote(r.steps[r.firstWrongStep - 1]?.text ?? '')}`);
  if (r.correction) {
    lines.push(`\nSuggested correction for step ${r.correction.step}${r.correction.improved ? '' : ' (it did not score higher than the original)'}:\n\n${quote(r.correction.replacement)}`);
  }
  for (const note of r.notes) lines.push(`\n_${note}_`);
  return `${lines.join('\n')}\n`;
}

async function solve(sources: ChatSources, out: ChatOut, deps: ChatDeps, signal: AbortSignal): Promise<ChatResultMeta> {
  const text = sources.prompt.trim() || sources.selection?.text || sources.activeFile?.text || '';
  if (!text.trim()) {
    out.markdown('Write the problem after `/solve`, or select it in an editor.');
    return { command: 'solve' };
  }
  const config = await deps.config();
  const engine = deps.engine();
  out.progress(`Searching (${config.search.strategy}) with the verifier scoring every step…`);
  let scored = 0;
  const { result } = await engine.solveText(config, text, {
    signal,
    search: config.search,
    onNote: (n) => out.markdown(`_${n}_\n\n`),
    onEvent: (e) => {
      if (e.type === 'node-scored') out.progress(`Scored ${++scored} candidate steps…`);
      if (e.type === 'best-path') out.progress(`Scored ${scored} candidate steps; best path so far: ${e.ids.length} steps, score ${e.score.toFixed(2)}`);
    },
  });
  out.markdown(solutionMarkdown(result));
  const solution = result.steps.map((s) => s.text).join('\n\n');
  if (solution) out.button({ command: deps.commands.insertText, title: 'Insert the solution', arguments: [solution] });
  out.button({ command: deps.commands.showPanel, title: 'Open the Stepwise panel' });
  const problem = engine.problemToSolve(text);
  return { command: 'solve', answer: result.answer, problem, ...(solution ? { solution: `## Problem\n\n${problem}\n\n## Solution\n\n${solution}` } : {}) };
}

function solutionMarkdown(result: SearchResult): string {
  if (!result.steps.length) return 'The search found no solution within its budget.\n';
  const lines = result.steps.map((s, i) => `${i + 1}. ${s.text.replace(/\n+/g, ' ')} — ${s.verdict} (${s.score == null ? 'no score' : Number(s.score).toFixed(2)})`);
  const answer = result.answer ? `\n\n**Answer: ${result.answer}** (solution score ${result.score.toFixed(2)})` : '';
  return `${lines.join('\n')}${answer}\n`;
}

function quote(text: string): string {
  return `\n> ${text.trim().replace(/\n/g, '\n> ')}\n`;
}

/** The next actions the chat offers after a result. */
export function followups(meta: ChatResultMeta): { prompt: string; label: string; command?: string }[] {
  if (meta.command === 'verify' && meta.firstWrongStep != null && meta.problem) {
    return [{ prompt: meta.problem, label: 'Solve this problem with verified search', command: CHAT_COMMANDS.solve }];
  }
  if (meta.command === 'solve' && meta.solution) return [{ prompt: meta.solution, label: 'Verify the steps of this solution', command: CHAT_COMMANDS.verify }];
  if (meta.command === 'help') return [{ prompt: '', label: 'Verify the previous answer', command: CHAT_COMMANDS.verify }];
  return [];
}
