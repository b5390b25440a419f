/**
 * A fetch for one logical request: the caller's AbortSignal, an idle timeout (no bytes for `idleMs`
 * aborts), the last Retry-After seen, and optional NDJSON validation (ollama-js skips bad lines silently,
 * which would lose tokens without a word).
 */
import { BadModelOutput, Cancelled } from '../errors';
import { parseRetryAfter } from './retry';

export interface WatchedRequest {
  fetch: typeof fetch;
  readonly timedOut: boolean;
  /** Retry-After of the last response, in ms. */
  readonly retryAfterMs: number | undefined;
  /** Aborts the request (for a consumer that stopped early). */
  abort(): void;
  dispose(): void;
}

export interface WatchOptions {
  signal?: AbortSignal;
  idleMs: number;
  /** Check that every line of a successful response body is JSON. */
  ndjson?: boolean;
  base?: typeof fetch;
}

export function watchRequest(opts: WatchOptions): WatchedRequest {
  const controller = new AbortController();
  const base = opts.base ?? globalThis.fetch;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  let retryAfterMs: number | undefined;
  const disarm = () => timer !== undefined && clearTimeout(timer);
  const arm = () => {
    disarm();
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, opts.idleMs);
  };
  // Deferred: tearing a fetch down can take undici tens of ms, and the caller should hear "Cancelled" first.
  const onCallerAbort = () => setImmediate(() => controller.abort());
  if (opts.signal?.aborted) controller.abort();
  opts.signal?.addEventListener('abort', onCallerAbort, { once: true });

  const watchedFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    arm();
    const signals = init?.signal ? [controller.signal, init.signal] : [controller.signal];
    let res: Response;
    try {
      res = await base(input, { ...init, signal: AbortSignal.any(signals) });
    } catch (err) {
      disarm();
      throw err;
    }
    retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    if (!res.body) {
      disarm();
      return res;
    }
    const validate = opts.ndjson && res.ok ? ndjsonValidator() : undefined;
    const body = res.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, out) {
          arm();
          const bad = validate?.(chunk, false);
          if (bad) return out.error(bad);
          out.enqueue(chunk);
        },
        flush(out) {
          disarm();
          const bad = validate?.(new Uint8Array(), true);
          if (bad) out.error(bad);
        },
      }),
    );
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };

  return {
    fetch: watchedFetch as typeof fetch,
    get timedOut() {
      return timedOut;
    },
    get retryAfterMs() {
      return retryAfterMs;
    },
    abort: () => controller.abort(),
    dispose: () => {
      disarm();
      opts.signal?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/**
 * Rejects with Cancelled the moment the signal fires, without waiting for the transport to unwind
 * (undici can take tens of ms to error a body it aborted); the caller still aborts the request.
 */
export function untilAborted<T>(pending: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return pending;
  pending.catch(() => undefined); // its rejection after a cancel is expected
  if (signal.aborted) return Promise.reject(new Cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (err) => (signal.removeEventListener('abort', onAbort), reject(err)),
    );
  });
}

function ndjsonValidator() {
  const decoder = new TextDecoder();
  let pending = '';
  return (chunk: Uint8Array, end: boolean): BadModelOutput | undefined => {
    pending += decoder.decode(chunk, { stream: !end });
    const lines = pending.split('\n');
    pending = end ? '' : lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        JSON.parse(line);
      } catch (err) {
        return new BadModelOutput(`a line of the NDJSON stream is not JSON (${JSON.stringify(line.slice(0, 80))})`, err);
      }
    }
    return undefined;
  };
}
