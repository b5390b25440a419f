// Bundles the extension host code, the CLI and the webview. `--production` minifies; `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// compute-engine (about 0.5 MB) is its own file, required on the first symbolic check rather than parsed at start.
const computeEngineApart = {
  name: 'compute-engine-apart',
  setup(build) {
    build.onResolve({ filter: /^@cortex-js\/compute-engine$/ }, () => ({ path: './computeEngine.js', external: true }));
  },
};

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
  plugins: [computeEngineApart],
  // `stepwise --version` prints the package's version.
  define: { STEPWISE_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
};

const builds = [
  { ...node, plugins: [], stdin: { contents: "export * from '@cortex-js/compute-engine';", resolveDir: '.' }, outfile: 'dist/computeEngine.js' },
  { ...node, entryPoints: { extension: 'extension/vscode/extension.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { cli: 'extension/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'esm',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    entryPoints: { panel: 'webview/main.ts' },
    outdir: 'dist/webview',
    loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file' },
    assetNames: 'fonts/[name]',
  },
  // Not shipped: the benchmark driver and the runner that end-to-end tests load into the extension host.
  { ...node, plugins: [], minify: false, sourcemap: false, entryPoints: { bench: 'test/bench/main.ts' }, outdir: 'out', external: ['vscode', 'playwright-core', 'esbuild'] },
  { ...node, plugins: [], minify: false, sourcemap: true, entryPoints: { index: 'test/e2e/host/index.ts' }, outdir: 'out/e2e-host' },
].filter((b) => !b.entryPoints || Object.values(b.entryPoints).every((p) => existsSync(p)));

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
