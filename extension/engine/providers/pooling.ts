/**
 * vLLM's /pooling endpoint for PRMs with a classification head (Qwen2.5-Math-PRM style): one request
 * scores every step; the server returns one [p_neg, p_pos] row per `<extra_0>` step separator.
 * Plain fetch: no client library exists for it.
 */
import { AuthFailed, BadModelOutput, Cancelled, HttpError, isCancellation, ModelNotFound, PromptTooLong, RateLimited, ServerUnreachable, StepwiseError, Timeout } from '../errors';
import { isConnectionRefused, isConnectionReset, isFetchFailure } from './netErrors';
import { isRetryableStatus, withRetry } from './retry';
import { scrubKey } from './scrub';
import { watchRequest, type WatchedRequest } from './transport';
import type { Usage } from './provider';

export const STEP_SEPARATOR = '<extra_0>';
export const PRM_SYSTEM_PROMPT = 'Please reason step by step, and put your final answer within \\boxed{}.';

export interface PoolingClientOptions {
  /** The server root (http://host:8000); a trailing /v1 is accepted and stripped. */
  baseUrl: string;
  apiKey?: string;
  timeoutMs?: number;
  maxRetries?: number;
  /** vLLM's pooling task, when the server needs it named (e.g. 'token_classify' on recent vLLM). */
  task?: string;
  fetch?: typeof fetch;
}

export interface PoolingResult {
  /** One [p_neg, p_pos] per step. */
  probs: number[][];
  usage: Usage;
}

class HttpStatus extends Error {
  constructor(readonly status: number, readonly body: string, readonly retryAfterMs: number | undefined) {
    super(`HTTP ${status}`);
  }
}

export class PoolingClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly opts: PoolingClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
    this.timeoutMs = opts.timeoutMs ?? 120_000;
  }

  async scoreSteps(model: string, problem: string, steps: string[], signal?: AbortSignal): Promise<PoolingResult> {
    if (signal?.aborted) throw new Cancelled();
    const body = {
      model,
      messages: [
        { role: 'system', content: PRM_SYSTEM_PROMPT },
        { role: 'user', content: problem },
        { role: 'assistant', content: steps.map((s) => s + STEP_SEPARATOR).join('') },
      ],
      ...(this.opts.task ? { task: this.opts.task } : {}),
    };
    const watch = watchRequest({ signal, idleMs: this.timeoutMs, base: this.opts.fetch });
    try {
      const json = await withRetry(() => this.post(watch, body), {
        maxRetries: this.opts.maxRetries ?? 2,
        signal,
        classify: (err) =>
          err instanceof HttpStatus
            ? { retry: isRetryableStatus(err.status), afterMs: err.retryAfterMs }
            : { retry: !watch.timedOut && !isConnectionRefused(err) && (isConnectionReset(err) || isFetchFailure(err)) },
      });
      return { probs: stepRows(json, steps.length), usage: { promptTokens: json?.usage?.prompt_tokens ?? 0, completionTokens: 0 } };
    } catch (err) {
      throw this.translate(err, model, watch, signal);
    } finally {
      watch.dispose();
    }
  }

  private async post(watch: WatchedRequest, body: unknown): Promise<any> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.opts.apiKey) headers.Authorization = `Bearer ${this.opts.apiKey}`;
    const res = await watch.fetch(`${this.baseUrl}/pooling`, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new HttpStatus(res.status, text, watch.retryAfterMs);
    try {
      return JSON.parse(text);
    } catch {
      // No cause: the parser's message quotes the body, which may echo the key.
      throw new BadModelOutput(`the /pooling answer is not JSON (${JSON.stringify(scrubKey(text.slice(0, 80), this.opts.apiKey))})`);
    }
  }

  private translate(err: unknown, model: string, watch: WatchedRequest, signal?: AbortSignal): Error {
    if (watch.timedOut) return new Timeout(this.baseUrl, this.timeoutMs, err);
    if (err instanceof StepwiseError) return err;
    if (isCancellation(err, signal)) return new Cancelled();
    if (err instanceof HttpStatus) {
      const detail = scrubKey(serverMessage(err.body), this.opts.apiKey);
      if (err.status === 404 && /model/i.test(detail)) return new ModelNotFound(model, 'pooling');
      if (err.status === 401 || err.status === 403) return new AuthFailed(this.baseUrl);
      if (err.status === 429) return new RateLimited(err.retryAfterMs);
      const tooLong = contextOverflow(err.status, detail);
      if (tooLong) return new PromptTooLong(model, tooLong.requested, tooLong.limit);
      return new HttpError(err.status, `${this.baseUrl}/pooling`, detail);
    }
    if (isConnectionRefused(err) || isFetchFailure(err)) return new ServerUnreachable(this.baseUrl, 'pooling', err);
    return new BadModelOutput(`the /pooling request failed (${scrubKey(String((err as Error)?.message ?? err), this.opts.apiKey)})`, err);
  }
}

/**
 * vLLM refuses an input longer than the model's context with HTTP 400: "This model's maximum context length is 4096
 * tokens. However, you requested 5120 tokens in the input ...". Read both numbers so the path can abstain.
 */
export function contextOverflow(status: number, detail: string): { limit: number; requested: number } | undefined {
  if (status !== 400) return undefined;
  const m = /maximum context length is (\d+) tokens\b[\s\S]*?(\d+) tokens/i.exec(detail);
  return m ? { limit: Number(m[1]), requested: Number(m[2]) } : undefined;
}

function serverMessage(body: string): string {
  try {
    const json = JSON.parse(body);
    return String(json?.message ?? json?.error?.message ?? json?.error ?? json?.detail ?? body).slice(0, 300);
  } catch {
    return body.slice(0, 300);
  }
}

/** The step rows of a /pooling answer, each a probability pair; anything else is refused, never padded. */
export function stepRows(json: any, stepCount: number): number[][] {
  const data = json?.data?.[0]?.data;
  if (!Array.isArray(data)) throw new BadModelOutput('the /pooling answer has no data[0].data');
  // A one-step answer may come back flat: [p_neg, p_pos].
  const rows: unknown[] = data.length > 0 && typeof data[0] === 'number' ? [data] : data;
  if (rows.length !== stepCount) {
    throw new BadModelOutput(
      `the PRM returned ${rows.length} score rows for ${stepCount} steps; is the model a step PRM (Qwen2.5-Math-PRM style) served with its step pooler, and does no step contain "${STEP_SEPARATOR}"?`,
    );
  }
  return rows.map((row, i) => {
    if (!Array.isArray(row) || row.length !== 2 || !row.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw new BadModelOutput(`score row ${i + 1} is not a [p_neg, p_pos] pair (${JSON.stringify(row).slice(0, 60)})`);
    }
    return isDistribution(row) ? row : softmax(row);
  });
}

function isDistribution(row: number[]): boolean {
  return row.every((x) => x >= 0 && x <= 1) && Math.abs(row[0]! + row[1]! - 1) < 1e-3;
}

/** Some servers return raw logits; the probabilities are their softmax. */
function softmax(row: number[]): number[] {
  const max = Math.max(...row);
  const exps = row.map((x) => Math.exp(x - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}
