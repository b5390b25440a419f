// `npm run bench`: prints every benchmark table (Markdown, as kept in the README).
import { benchActivation } from './activation';
import { benchEngine } from './engine';
import { benchSearch } from './search';
import { benchSoak } from './soak';
import { benchWebview } from './webview';

async function main(): Promise<void> {
  const sections: [string, () => Promise<string>][] = [
    ['Search against the critical-path bound', benchSearch],
    ['Engine, editor and bundles', benchEngine],
    ['Activation', benchActivation],
    ['Panel (webview in Chromium)', benchWebview],
    ['Soak: 500 verifications in a row', () => benchSoak()],
  ];
  for (const [title, run] of sections) {
    process.stdout.write(`\n### ${title}\n\n`);
    const t0 = Date.now();
    process.stdout.write(`${await run()}\n`);
    process.stderr.write(`(${title}: ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exitCode = 1;
});
