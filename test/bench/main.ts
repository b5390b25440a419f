// `npm run bench`: prints every benchmark table (Markdown, as kept in the README).
import { benchActivation } from './activation';
import { benchEngine } from './engine';
import { isMainThread } from 'node:worker_threads';
import { benchSearch } from './search';
import { benchSearchLoopback } from './searchLoopback';
import { benchSoak } from './soak';
import { benchWebview } from './webview';

async function main(): Promise<void> {
  const sections: [string, () => Promise<string>][] = [
    ['Search at the loopback server against the two-round-trips-per-level bound', benchSearchLoopback],
    ['Search against the critical-path bound', benchSearch],
    ['Engine, editor and bundles', benchEngine],
    ['Activation', benchActivation],
    ['Panel (webview in Chromium)', benchWebview],
    ['Soak: 500 verifications in a row', () => benchSoak()],
  ];
  // `node out/bench.js search` runs only the sections whose title mentions "search".
  const only = process.argv[2]?.toLowerCase();
  for (const [title, run] of sections.filter(([t]) => !only || t.toLowerCase().includes(only))) {
    process.stdout.write(`\n### ${title}\n\n`);
    const t0 = Date.now();
    process.stdout.write(`${await run()}\n`);
    process.stderr.write(`(${title}: ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  }
}

// The bundle also runs as the loopback server's thread (test/bench/searchLoopback.ts); that thread runs no benchmarks.
if (isMainThread) {
  main().catch((err) => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.exitCode = 1;
  });
}
