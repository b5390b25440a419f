// Loads the built panel (dist/webview) into Chromium behind the real CSP, with a fake acquireVsCodeApi.
// Used by the webview benchmark, the screenshot script and the webview render test.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { panelHtml } from '../../extension/vscode/panelHtml';
import type { HostToWebview, WebviewToHost } from '../../extension/protocol';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The bundle `npm run build` makes (`npm run bench` runs from the repository root). */
export const BUILT_BUNDLE = resolve(process.cwd(), 'dist/webview');

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export interface PanelPage {
  page: Page;
  /** Delivers a host → webview message the way VS Code does (a window `message` event). */
  send(msg: HostToWebview): Promise<void>;
  /** Messages the webview posted to the host so far. */
  posted(): Promise<WebviewToHost[]>;
  /** CSP violations and page errors seen so far. */
  problems: string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.map': 'application/json' };

/** Serves `bundleDir` and a panel page on loopback, and opens it. `state` is what getState returns (a restore). */
export async function openPanelPage(bundleDir: string, opts: { state?: unknown; width?: number; height?: number; light?: boolean } = {}): Promise<PanelPage> {
  const nonce = randomBytes(16).toString('base64');
  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/') {
      // The fake VS Code API runs first, as an inline script allowed by the same nonce.
      const fake = `<script nonce="${nonce}">
        window.__posted = []; window.__state = ${JSON.stringify(opts.state ?? null).replace(/</g, '\\u003c')};
        window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => window.__state ?? undefined, setState: (s) => { window.__state = s; } });
      </script>`;
      const themeStyle = `<style nonce="${nonce}">${themeVariables(opts.light ?? false)}</style>`;
      const html = panelHtml({ cspSource: origin, nonce, scriptUri: `${origin}/panel.js`, styleUri: `${origin}/panel.css` }).replace('<script type="module"', `${fake}${themeStyle}\n<script type="module"`);
      res.writeHead(200, { 'content-type': 'text/html' }).end(html);
      return;
    }
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    const file = normalize(join(bundleDir, url.pathname));
    if (!file.startsWith(normalize(bundleDir)) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: opts.width ?? 900, height: opts.height ?? 1200 } });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(origin);
  await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
  return {
    page,
    problems,
    // Passed as a JSON string: Playwright's own serialiser is slow for thousands of nested objects.
    send: (msg) => page.evaluate((json) => window.postMessage(JSON.parse(json), '*'), JSON.stringify(msg)),
    posted: () => page.evaluate(() => (window as unknown as { __posted: WebviewToHost[] }).__posted),
    close: async () => {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/** A few of VS Code's Dark Modern / Light Modern theme variables, so screenshots look like the editor. */
function themeVariables(light: boolean): string {
  const v = light
    ? { bg: '#ffffff', fg: '#3b3b3b', border: '#e5e5e5', muted: '#717171', btn: '#005fb8' }
    : { bg: '#1f1f1f', fg: '#cccccc', border: '#2b2b2b', muted: '#9d9d9d', btn: '#0078d4' };
  return `:root{--vscode-editor-background:${v.bg};--vscode-foreground:${v.fg};--vscode-panel-border:${v.border};--vscode-descriptionForeground:${v.muted};--vscode-button-background:${v.btn};--vscode-font-family:system-ui,sans-serif;--vscode-font-size:13px;--vscode-sideBar-background:${v.bg};--vscode-sideBarSectionHeader-background:${v.bg};--vscode-sideBarTitle-foreground:${v.fg}}`;
}
