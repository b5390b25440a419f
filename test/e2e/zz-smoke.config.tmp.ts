import { defineConfig } from 'vitest/config';
export default defineConfig({ test: { include: ['test/e2e/zz-smoke.tmp.test.ts'], testTimeout: 120000, hookTimeout: 120000 } });
