// Before a run's first real request: does the server answer as a model server, and does it have the model?
import { isCancellation, ModelNotFound, StepwiseError } from './errors';
import { diagnoseEndpoint } from './providers/diagnose';
import type { ModelInfo, ModelProvider } from './providers/provider';

/** Whether `wanted` names one of the installed models (`qwen2.5` means `qwen2.5:latest`). */
export function hasModel(models: readonly ModelInfo[], wanted: string): boolean {
  const names = new Set(models.map((m) => m.name));
  return names.has(wanted) || (!wanted.includes(':') && names.has(`${wanted}:latest`));
}

/** Undefined when `provider` answers and serves `model`; else the error a user should see, as precise as can be. */
export async function modelServerProblem(provider: ModelProvider, model: string, signal?: AbortSignal): Promise<StepwiseError | undefined> {
  try {
    const status = await provider.status(signal);
    if (status.ok && hasModel(status.models, model)) return undefined;
    // A web page or a wrong path (which some clients read as an empty model list): what answered and the likely fix.
    const kind = provider.kind;
    const diagnosis = kind === 'ollama' || kind === 'openai' ? await diagnoseEndpoint(kind, provider.baseUrl, { signal }) : undefined;
    if (diagnosis) return new StepwiseError('http-error', diagnosis);
    if (status.ok) return new ModelNotFound(model, provider.kind, status.models.map((m) => m.name));
    // The typed error (unreachable, auth, …) with its fix.
    await provider.listModels(signal);
    return new StepwiseError('server-unreachable', status.problem ?? `${provider.baseUrl} did not answer.`);
  } catch (err) {
    if (isCancellation(err, signal)) throw err;
    return err instanceof StepwiseError ? err : new StepwiseError('http-error', `${provider.baseUrl}: ${(err as Error)?.message ?? String(err)}`);
  }
}

/** Says, after the cause, why no fallback was taken. */
export function noFallback(err: StepwiseError, named: readonly string[]): StepwiseError {
  const ask = named.some((n) => n.startsWith('stepwise.')) ? 'set stepwise.scorer to "arithmetic"' : 'use --scorer arithmetic';
  err.message += ` (Stepwise did not fall back to the arithmetic checker because you named ${named.join(', ')}; ${ask} for it.)`;
  return err;
}
