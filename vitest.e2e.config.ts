import { defineConfig } from 'vitest/config';

// End-to-end tests: real VS Code (code-server) driven through Chromium. One worker, one file at a time:
// each spec file owns a code-server and a browser. Install prerequisites with test/e2e/setup.sh.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/globalSetup.ts'],
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
