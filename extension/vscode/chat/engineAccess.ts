// The engine calls chat needs, read when a request comes (not at activation: the engine bundle loads on first use).
import { isCancellation, problemToSolve, solveText, StepwiseError, suggestCorrection, verifyText } from '../../engine/index';
import type { Host } from '../host';
import { runConfig } from '../verifyCommands';
import type { ChatEngine } from './handler';
import type { HostConfig } from '../settingsKeys';

export function chatEngine(): ChatEngine {
  return { verifyText, solveText, suggestCorrection, problemToSolve };
}

export function chatConfig(host: Host): Promise<HostConfig> {
  return runConfig(host);
}

/** A failure as a sentence for chat, or undefined for a cancel (which stays quiet). */
export function chatError(err: unknown, signal: AbortSignal): { message: string; stepwise: boolean } | undefined {
  if (isCancellation(err, signal)) return undefined;
  return { message: err instanceof Error ? err.message : String(err), stepwise: err instanceof StepwiseError };
}
