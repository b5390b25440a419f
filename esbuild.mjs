// Bundles the extension host code, the CLI and the webview. `--production` minifies; `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// `--extension-only=DIR`: just the extension and engine bundles, into DIR (the activation test builds its own copy).
const extensionOnly = process.argv.find((a) => a.startsWith('--extension-only='))?.slice('--extension-only='.length);
const dist = extensionOnly ?? 'dist';

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

// The extension bundle does not hold the engine: it reaches dist/engine.js through a stub whose exports load it
// on first use, so activation stays light. The stub knows the engine's export names from a metafile.
const ENGINE_ENTRY = 'extension/engine/index.ts';

async function engineExportNames() {
  const probe = await esbuild.build({ ...node, entryPoints: [ENGINE_ENTRY], format: 'esm', write: false, metafile: true, minify: false, sourcemap: false, outdir: 'dist' });
  return Object.values(probe.metafile.outputs).flatMap((o) => o.exports ?? []);
}

// Engine modules small and free of heavy dependencies that settings and views read at activation: bundled into the
// extension as well. Their own imports of the engine's errors go through the stub, so error classes stay one copy.
const LIGHT_ENGINE_MODULES = [
  'extension/engine/providers/provider.ts', 'extension/engine/scorers/scorer.ts', 'extension/engine/scorers/aggregate.ts', 'extension/engine/search/types.ts',
  // The options schema and its resolution: settings are read at activation (the status bar names provider and model).
  'extension/engine/options.ts', 'extension/engine/resolveOptions.ts', 'extension/engine/config.ts', 'extension/engine/providers/endpoint.ts',
];

const lazyEngine = {
  name: 'lazy-engine',
  setup(build) {
    const inEngine = (file) => /[\\/]extension[\\/]engine[\\/]/.test(file);
    const isLight = (file) => LIGHT_ENGINE_MODULES.some((m) => file.endsWith(m));
    build.onResolve({ filter: /engine\/index(\.ts)?$|\/errors$/ }, (args) => {
      if (args.namespace === 'lazy-engine') return undefined;
      const fromEngine = inEngine(args.importer);
      if (fromEngine && !isLight(args.importer)) return undefined;
      if (fromEngine || /engine\/index(\.ts)?$/.test(args.path)) return { path: 'engine', namespace: 'lazy-engine' };
      return undefined;
    });
    build.onResolve({ filter: /^\.\/engine\.js$/, namespace: 'lazy-engine' }, () => ({ path: './engine.js', external: true }));
    build.onResolve({ filter: /.*/, namespace: 'lazy-engine' }, (args) => ({ path: resolve(args.path) }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-engine' }, async () => ({
      loader: 'js',
      contents: [
        'let engine;',
        "const load = () => (engine ??= require('./engine.js'));",
        "Object.defineProperty(exports, '__esModule', { value: true });",
        `for (const name of ${JSON.stringify(await engineExportNames())}) Object.defineProperty(exports, name, { enumerable: true, configurable: true, get: () => load()[name] });`,
        // After the lazy getters, so a light module importing this stub back finds every name already there.
        ...LIGHT_ENGINE_MODULES.map((m) => `for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(require(${JSON.stringify(m)})))) if (name !== '__esModule') Object.defineProperty(exports, name, { enumerable: true, configurable: true, get: d.get ?? (() => d.value) });`),
      ].join('\n'),
    }));
  },
};

const builds = [
  { ...node, plugins: [], stdin: { contents: "export * from '@cortex-js/compute-engine';", resolveDir: '.' }, outfile: 'dist/computeEngine.js' },
  { ...node, entryPoints: { engine: ENGINE_ENTRY }, outdir: dist },
  { ...node, entryPoints: { extension: 'extension/vscode/extension.ts' }, outdir: dist, plugins: [computeEngineApart, lazyEngine] },
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
  { ...node, plugins: [], minify: false, sourcemap: true, entryPoints: { index: 'test/e2e/lm-host/index.ts' }, outdir: 'out/e2e-lm-host' },
]
  .filter((b) => !b.entryPoints || Object.values(b.entryPoints).every((p) => existsSync(p)))
  .filter((b) => !extensionOnly || b.outdir === dist);

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
