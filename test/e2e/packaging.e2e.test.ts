// The packaged .vsix (built by globalSetup with `npm run package`) ships the bundles and nothing of the tests.
import { describe, expect, it } from 'vitest';
import { VSIX_PATH, vsixBytes, vsixEntries } from './packaging';

describe('the packaged .vsix', () => {
  const entries = vsixEntries(VSIX_PATH);
  const paths = entries.map((e) => e.path);

  it('holds the manifest and the bundled extension, CLI and panel', () => {
    for (const required of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/cli.js', 'extension/dist/webview/panel.js']) {
      expect(paths, required).toContain(required);
    }
  });

  it('leaves out tests, their builds and source maps, code-server and TypeScript sources', () => {
    const forbidden = [
      /^extension\/test\//,
      /^extension\/out\//,
      /^extension\/test-results\//,
      /^extension\/\.vscode-test\//,
      /code-server/,
      /^extension\/node_modules\//,
      /\.map$/,
      /\.ts$/,
      /^extension\/(tsconfig\.json|vitest[^/]*|esbuild\.mjs)$/,
      /^extension\/\.ci\//,
    ];
    const leaked = paths.filter((p) => forbidden.some((re) => re.test(p)));
    expect(leaked).toEqual([]);
  });

  it('stays small', () => {
    const mb = vsixBytes(VSIX_PATH) / 1e6;
    console.log(`[e2e packaging] ${VSIX_PATH}: ${mb.toFixed(2)} MB, ${entries.length} files`);
    expect(mb).toBeLessThan(15);
  });
});
