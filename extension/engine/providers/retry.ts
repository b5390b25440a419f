/** One retry policy for the Ollama and pooling clients (the openai client has its own, configured by maxRetries). */
import { Cancelled } from '../errors';

export interface RetryDecision {
  retry: boolean;
  /** The server's Retry-After, in ms, when it sent one. */
  afterMs?: number;
}

export interface RetryOptions {
  maxRetries: number;
  signal?: AbortSignal;
  /** Whether this error is worth another try (the caller knows its transport). */
  classify: (err: unknown) => RetryDecision;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** 408 timeout, 409 lock, 429 rate limit and 5xx are transient; other statuses are the caller's fault. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Retry-After as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff (0.5 s, 1 s, 2 s, … capped) with up to 25 % jitter taken off, or the server's Retry-After. */
export function backoffMs(attempt: number, afterMs: number | undefined, opts: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'> = {}): number {
  const max = opts.maxDelayMs ?? 8_000;
  if (afterMs !== undefined && afterMs <= 60_000) return afterMs;
  const base = Math.min((opts.baseDelayMs ?? 500) * 2 ** attempt, max);
  return base * (1 - 0.25 * (opts.random ?? Math.random)());
}

export async function withRetry<T>(run: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run(attempt);
    } catch (err) {
      if (opts.signal?.aborted) throw new Cancelled();
      const decision = opts.classify(err);
      if (!decision.retry || attempt >= opts.maxRetries) throw err;
      await (opts.sleep ?? abortableSleep)(backoffMs(attempt, decision.afterMs, opts), opts.signal);
    }
  }
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Cancelled());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
