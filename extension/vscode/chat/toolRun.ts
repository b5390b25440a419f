// What the language-model tools do, over plain inputs and the engine (no `vscode` import, so unit-tested directly).
import { InvalidOptions, type CorrectionResult } from '../../engine/index';
import type { HostConfig } from '../settingsKeys';
import type { ChatEngine } from './handler';
import { verificationReport, type VerificationReport } from './report';

/** The verify tool's input (its JSON schema is in package.json under languageModelTools). */
export interface VerifyToolInput {
  problem: string;
  /** The worked solution as text, one step per paragraph... */
  solution?: string;
  /** ...or its steps, one string each. */
  steps?: string[];
}

export interface SolveToolInput {
  problem: string;
}

/** The steps as one text the engine segments back into the same steps (one per paragraph). */
export function solutionTextOf(input: VerifyToolInput): string {
  if (input.steps?.length) return input.steps.map((s) => s.trim().replace(/\n\s*\n/g, '\n')).filter(Boolean).join('\n\n');
  return input.solution ?? '';
}

export function countSteps(input: VerifyToolInput): number {
  return input.steps?.length ?? (input.solution ?? '').split(/\n\s*\n/).filter((p) => p.trim()).length;
}

export async function runVerifyTool(config: HostConfig, engine: ChatEngine, input: VerifyToolInput, signal: AbortSignal): Promise<VerificationReport> {
  if (!input?.problem?.trim()) throw new InvalidOptions('The tool needs the problem statement in "problem".');
  const text = solutionTextOf(input);
  if (!text.trim()) throw new InvalidOptions('The tool needs the solution: "solution" (text, one step per paragraph) or "steps" (one string per step).');
  const { document, result } = await engine.verifyText(config, text, { problem: input.problem, signal });
  let correction: CorrectionResult | undefined;
  if (result.firstError >= 0 && config.suggestCorrections) {
    correction = await engine
      .suggestCorrection(config, input.problem, document.steps.map((s) => s.text), { signal, stepIndex: result.firstError })
      .catch((err) => {
        if (signal.aborted) throw err;
        result.notes.push(`No correction was computed: ${(err as Error).message}`);
        return undefined;
      });
  }
  return verificationReport(result, correction);
}
