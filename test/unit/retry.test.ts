import { describe, expect, it } from 'vitest';
import { backoffMs, isRetryableStatus, parseRetryAfter, withRetry } from '../../extension/engine/providers/retry';

class Status extends Error {
  constructor(readonly status: number, readonly afterMs?: number) {
    super(`HTTP ${status}`);
  }
}

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

const classify = (err: unknown) => (err instanceof Status ? { retry: isRetryableStatus(err.status), afterMs: err.afterMs } : { retry: false });

describe('retry policy', () => {
  it.each([
    [408, true], [409, true], [429, true], [500, true], [503, true],
    [400, false], [401, false], [404, false], [422, false],
  ])('HTTP %i retryable: %s', (status, expected) => expect(isRetryableStatus(status)).toBe(expected));

  it('backs off exponentially with jitter and a cap', () => {
    expect(backoffMs(0, undefined, { random: () => 0 })).toBe(500);
    expect(backoffMs(1, undefined, { random: () => 0 })).toBe(1000);
    expect(backoffMs(2, undefined, { random: () => 1 })).toBe(1500); // 2000 less 25 % jitter
    expect(backoffMs(10, undefined, { random: () => 0 })).toBe(8000);
  });

  it('honours Retry-After in seconds or as a date, and ignores one over a minute', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000 + 3_000).toUTCString(), 10_000)).toBe(3000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(backoffMs(0, 2000)).toBe(2000);
    expect(backoffMs(0, 3_600_000, { random: () => 0 })).toBe(500);
  });

  it('retries transient failures then returns the value, waiting as told', async () => {
    const { waits, sleep } = recorder();
    const failures = [new Status(503), new Status(429, 1200)];
    const value = await withRetry(async () => {
      const next = failures.shift();
      if (next) throw next;
      return 'ok';
    }, { maxRetries: 2, classify, sleep, random: () => 0 });
    expect(value).toBe('ok');
    expect(waits).toEqual([500, 1200]);
  });

  it('stops after maxRetries and rethrows the last error', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    const err = await withRetry(async () => {
      calls++;
      throw new Status(500);
    }, { maxRetries: 2, classify, sleep }).catch((e) => e);
    expect(err).toBeInstanceOf(Status);
    expect(calls).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it('never retries a client error', async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw new Status(400); }, { maxRetries: 5, classify })).rejects.toBeInstanceOf(Status);
    expect(calls).toBe(1);
  });

  it('never retries after an abort, and an abort cuts the wait short', async () => {
    const controller = new AbortController();
    let calls = 0;
    const run = withRetry(async () => {
      calls++;
      throw new Status(503, 5_000);
    }, { maxRetries: 3, classify, signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const started = Date.now();
    await expect(run).rejects.toMatchObject({ name: 'Cancelled' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(calls).toBe(1);
  });
});
