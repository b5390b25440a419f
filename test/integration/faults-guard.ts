/** Shared by the fault and security tests: a promise rejected and never handled fails the test it happened in. */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

export function failOnUnhandledRejections(): void {
  const seen: string[] = [];
  const record = (reason: unknown) => void seen.push(String((reason as Error)?.stack ?? reason));
  beforeAll(() => void process.on('unhandledRejection', record));
  afterAll(() => void process.off('unhandledRejection', record));
  afterEach(async () => {
    // Rejections surface a few ticks after the test body: let late ones (an aborted fetch unwinding) arrive.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const found = seen.splice(0);
    expect(found, 'unhandled promise rejections').toEqual([]);
  });
}
