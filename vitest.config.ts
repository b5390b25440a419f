import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // A promise rejected and never handled fails the run.
    dangerouslyIgnoreUnhandledErrors: false,
  },
});
