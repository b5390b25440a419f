/** Turning ollama-js and network failures into Stepwise's typed errors, in one place. */
import { AuthFailed, BadModelOutput, Cancelled, HttpError, isCancellation, ModelNotFound, RateLimited, ServerUnreachable, StepwiseError, Timeout } from '../errors';
import { isConnectionRefused, isConnectionReset, isFetchFailure } from './netErrors';
import { isRetryableStatus, type RetryDecision } from './retry';
import type { WatchedRequest } from './transport';

/** ollama-js does not export ResponseError: recognise it by shape. */
export interface OllamaResponseError {
  name: 'ResponseError';
  error: string;
  status_code: number;
}

export function isResponseError(err: unknown): err is OllamaResponseError {
  return (err as { name?: string } | null)?.name === 'ResponseError' && typeof (err as { status_code?: unknown }).status_code === 'number';
}

export function classifyOllamaFailure(err: unknown, watch: WatchedRequest, signal?: AbortSignal): RetryDecision {
  if (watch.timedOut || signal?.aborted || err instanceof StepwiseError) return { retry: false };
  if (isResponseError(err)) return { retry: isRetryableStatus(err.status_code), afterMs: watch.retryAfterMs };
  if (isConnectionRefused(err)) return { retry: false }; // nothing listens: fail fast with a clear message
  return { retry: isConnectionReset(err) || isFetchFailure(err) };
}

export interface OllamaErrorContext {
  baseUrl: string;
  model?: string;
  timeoutMs: number;
  watch?: WatchedRequest;
  signal?: AbortSignal;
  /** Installed models, to list in a ModelNotFound message. */
  installed: () => Promise<string[]>;
}

export async function translateOllamaError(err: unknown, ctx: OllamaErrorContext): Promise<Error> {
  if (ctx.watch?.timedOut) return new Timeout(ctx.baseUrl, ctx.timeoutMs, err);
  if (err instanceof StepwiseError) return err;
  if (isCancellation(err, ctx.signal)) return new Cancelled();
  if (isResponseError(err)) {
    const status = err.status_code;
    if (status === 404 && /not found/i.test(err.error) && ctx.model) return new ModelNotFound(ctx.model, 'ollama', await ctx.installed().catch(() => []), err);
    if (status === 401 || status === 403) return new AuthFailed(ctx.baseUrl, err);
    if (status === 429) return new RateLimited(ctx.watch?.retryAfterMs, err);
    return new HttpError(status, ctx.baseUrl, err.error, err);
  }
  if (isConnectionRefused(err)) return new ServerUnreachable(ctx.baseUrl, 'ollama', err);
  // A server that accepts the connection and then closes it is running: "start Ollama" would mislead.
  if (isConnectionReset(err)) return new BadModelOutput('the connection closed before the response was complete (did the server stop or run out of memory?)', err);
  if (isFetchFailure(err)) return new ServerUnreachable(ctx.baseUrl, 'ollama', err);
  const message = (err as Error | null)?.message ?? String(err);
  if (/did not receive done/i.test(message)) return new BadModelOutput('the stream ended before Ollama said it was done', err);
  if (err instanceof SyntaxError) return new BadModelOutput(`invalid JSON (${message})`, err);
  // ollama-js rethrows an `{"error": …}` line of the stream as a plain Error.
  return new StepwiseError('http-error', `Ollama at ${ctx.baseUrl} reported an error: ${message}`, undefined, { cause: err });
}
