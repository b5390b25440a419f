// Builds the webview like esbuild.mjs does, into a temporary directory, so tests need no prior build.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

/** Builds webview/main.ts like esbuild.mjs does, into a fresh temporary directory. */
export async function buildPanelBundle(outdir = mkdtempSync(join(tmpdir(), 'stepwise-webview-'))): Promise<string> {
  await esbuild.build({
    absWorkingDir: resolve(__dirname, '../..'),
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'esm',
    minify: true,
    logLevel: 'warning',
    entryPoints: { panel: 'webview/main.ts' },
    outdir,
    loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file' },
    assetNames: 'fonts/[name]',
  });
  return outdir;
}

