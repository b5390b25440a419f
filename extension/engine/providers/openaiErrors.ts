/** Turning openai-node failures into Stepwise's typed errors. The API key never reaches a message. */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { AuthFailed, BadModelOutput, Cancelled, HttpError, ModelNotFound, RateLimited, ServerUnreachable, StepwiseError, Timeout } from '../errors';
import { isConnectionRefused, isConnectionReset } from './netErrors';
import { parseRetryAfter } from './retry';
import { scrubKey } from './scrub';

export interface OpenAIErrorContext {
  baseUrl: string;
  model?: string;
  apiKey?: string;
  timeoutMs: number;
  timedOut: boolean;
  signal?: AbortSignal;
  /** Served model ids, to list in a ModelNotFound message. */
  served: () => Promise<string[]>;
}

export async function translateOpenAIError(err: unknown, ctx: OpenAIErrorContext): Promise<Error> {
  if (ctx.timedOut || err instanceof APIConnectionTimeoutError) return new Timeout(ctx.baseUrl, ctx.timeoutMs, err);
  if (err instanceof StepwiseError) return err;
  if (ctx.signal?.aborted || err instanceof APIUserAbortError) return new Cancelled();
  if (err instanceof APIConnectionError && isConnectionReset(err.cause) && !isConnectionRefused(err.cause)) {
    return new BadModelOutput('the connection closed before the response was complete (did the server stop?)');
  }
  if (err instanceof APIConnectionError) return new ServerUnreachable(ctx.baseUrl, 'openai', err);
  const scrub = (text: string) => scrubKey(text, ctx.apiKey);
  if (err instanceof APIError && err.status !== undefined) {
    const detail = scrub(messageOf(err));
    const code = (err as { code?: unknown }).code;
    if (err.status === 404 && ctx.model && (code === 'model_not_found' || /model/i.test(detail))) {
      return new ModelNotFound(ctx.model, 'openai', await ctx.served().catch(() => []));
    }
    // No cause: servers echo (part of) a rejected key in the body.
    if (err.status === 401 || err.status === 403) return new AuthFailed(ctx.baseUrl);
    if (err.status === 429) return new RateLimited(parseRetryAfter(err.headers?.get('retry-after')));
    return new HttpError(err.status, ctx.baseUrl, detail);
  }
  if (err instanceof APIError) return new StepwiseError('http-error', `The server at ${ctx.baseUrl} reported an error mid-stream: ${scrub(messageOf(err))}`);
  if (isConnectionReset(err)) return new BadModelOutput('the connection closed before the response was complete (did the server stop?)');
  if (err instanceof SyntaxError) return new BadModelOutput(`an event of the stream is not JSON (${scrub(err.message)})`);
  return new StepwiseError('http-error', `Request to ${ctx.baseUrl} failed: ${scrub((err as Error)?.message ?? String(err))}`);
}

function messageOf(err: APIError): string {
  const body = err.error as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? body.message : err.message;
}
