/**
 * Errors keyed on what the user must do. Every view turns them into its own form
 * (CLI line, notification with a button, panel banner); the message is already actionable.
 */
export type ErrorCode =
  | 'server-unreachable'
  | 'model-not-found'
  | 'server-too-old'
  | 'no-logprobs'
  | 'rate-limited'
  | 'timeout'
  | 'cancelled'
  | 'bad-model-output'
  | 'http-error'
  | 'invalid-options'
  | 'empty-solution'
  | 'auth-failed'
  | 'prompt-too-long'
  /** The user has not allowed (or has blocked) the use of a model, e.g. VS Code's consent prompt declined. */
  | 'not-allowed';

export class StepwiseError extends Error {
  override readonly name: string = 'StepwiseError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** A command or action that fixes it, e.g. `ollama pull qwen2.5:7b`. */
    readonly fix?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class ServerUnreachable extends StepwiseError {
  override readonly name = 'ServerUnreachable';
  constructor(readonly url: string, provider: 'ollama' | 'openai' | 'pooling', cause?: unknown) {
    const how =
      provider === 'ollama'
        ? 'Start Ollama (`ollama serve`, or open the Ollama app) or set the endpoint to where it runs.'
        : 'Check that the server is running and that the base URL is right.';
    super('server-unreachable', `Cannot reach the model server at ${url}. ${how}`, provider === 'ollama' ? 'ollama serve' : undefined, { cause });
  }
}

export class ModelNotFound extends StepwiseError {
  override readonly name = 'ModelNotFound';
  constructor(readonly model: string, provider: 'ollama' | 'openai' | 'pooling' | 'vscode', available: string[] = [], cause?: unknown) {
    const list = available.length ? ` Available: ${available.slice(0, 12).join(', ')}${available.length > 12 ? ', …' : ''}.` : '';
    const fix = provider === 'ollama' ? `ollama pull ${model}` : undefined;
    super(
      'model-not-found',
      provider === 'ollama'
        ? `Model "${model}" is not installed in Ollama. Run \`ollama pull ${model}\`.${list}`
        : provider === 'vscode'
          ? `The editor has no chat model "${model}". Run Stepwise: Select Model to pick one of the editor's models, or use Ollama.${list}`
          : `Model "${model}" is not served by this endpoint.${list}`,
      fix,
      { cause },
    );
  }
}

export class ServerTooOld extends StepwiseError {
  override readonly name = 'ServerTooOld';
  constructor(readonly version: string, readonly needed: string, what: string) {
    super('server-too-old', `Ollama ${version} is too old for ${what}; upgrade to ${needed} or later (https://ollama.com/download).`);
  }
}

export class NoLogprobs extends StepwiseError {
  override readonly name = 'NoLogprobs';
  constructor(detail: string) {
    super('no-logprobs', `The endpoint returned no token logprobs (${detail}). Use the "verbal" scorer, which samples verdicts instead.`);
  }
}

export class RateLimited extends StepwiseError {
  override readonly name = 'RateLimited';
  constructor(readonly retryAfterMs: number | undefined, cause?: unknown) {
    super('rate-limited', `The model server is rate limiting requests${retryAfterMs ? ` (retry after ${Math.ceil(retryAfterMs / 1000)} s)` : ''}. Lower the concurrency or try again later.`, undefined, { cause });
  }
}

export class Timeout extends StepwiseError {
  override readonly name = 'Timeout';
  constructor(readonly url: string, readonly ms: number, cause?: unknown) {
    super('timeout', `The model server at ${url} did not answer within ${Math.round(ms / 1000)} s. A model loading for the first time can take a while: raise the timeout or try again.`, undefined, { cause });
  }
}

export class Cancelled extends StepwiseError {
  override readonly name = 'Cancelled';
  constructor() {
    super('cancelled', 'Cancelled.');
  }
}

export class BadModelOutput extends StepwiseError {
  override readonly name = 'BadModelOutput';
  constructor(detail: string, cause?: unknown) {
    super('bad-model-output', `The model server sent a response Stepwise cannot read: ${detail}.`, undefined, { cause });
  }
}

export class HttpError extends StepwiseError {
  override readonly name = 'HttpError';
  constructor(readonly status: number, readonly url: string, detail: string, cause?: unknown) {
    super('http-error', `The model server at ${url} answered HTTP ${status}${detail ? `: ${detail}` : ''}.`, undefined, { cause });
  }
}

export class AuthFailed extends StepwiseError {
  override readonly name = 'AuthFailed';
  constructor(readonly url: string, cause?: unknown) {
    super('auth-failed', `The endpoint ${url} rejected the API key (HTTP 401/403). Set a valid key.`, undefined, { cause });
  }
}

export class PromptTooLong extends StepwiseError {
  override readonly name = 'PromptTooLong';
  constructor(readonly model: string, readonly promptTokens: number, readonly contextTokens: number) {
    super(
      'prompt-too-long',
      `The prompt (about ${promptTokens} tokens) does not fit the ${contextTokens}-token context window available for ${model}; the server would silently drop its beginning. Shorten the text or use a model with a longer context (and raise stepwise.ollama.maxContext).`,
    );
  }
}

export class InvalidOptions extends StepwiseError {
  override readonly name = 'InvalidOptions';
  constructor(detail: string) {
    super('invalid-options', detail);
  }
}

export class EmptySolution extends StepwiseError {
  override readonly name = 'EmptySolution';
  constructor(detail = 'No solution steps were found') {
    super('empty-solution', `${detail}. Write the solution after the problem, one step per paragraph, \`Step k:\` line or numbered item.`);
  }
}

export function isCancellation(err: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  if (err instanceof Cancelled) return true;
  const name = (err as { name?: string } | null)?.name;
  return name === 'AbortError' || name === 'APIUserAbortError';
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new Cancelled();
}
