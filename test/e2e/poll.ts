// Waiting on conditions instead of sleeping: every wait in the e2e tests goes through here.

export interface PollOptions {
  timeoutMs: number;
  /** Said in the timeout error: "timed out waiting for <what>". */
  what: string;
  intervalMs?: number;
}

export type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

/** Calls `check` until it returns a truthy value and resolves with that value. */
export async function pollUntil<T>(check: () => T | Promise<T>, opts: PollOptions): Promise<Truthy<T>> {
  const deadline = Date.now() + opts.timeoutMs;
  let lastError: unknown;
  let lastValue: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as Truthy<T>;
      lastValue = value;
    } catch (err) {
      // A check that throws with "exited early" style messages must fail fast.
      if (err instanceof Error && /exited early/.test(err.message)) throw err;
      lastError = err;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? `: ${lastError.message}` : lastValue !== undefined ? ` (last value ${JSON.stringify(lastValue)})` : '';
      throw new Error(`timed out after ${opts.timeoutMs} ms waiting for ${opts.what}${detail}`);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 250));
  }
}
