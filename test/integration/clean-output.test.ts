/** What reaches the terminal: --json stdout is JSON or nothing, no library logging, no pasted web pages, capped model text. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startModelServer, type ModelServer } from '../servers/modelServer';
import { runCli } from '../helpers/cli';

const PAGE = `<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body>${'<p>filler</p>'.repeat(2_000)}</body></html>`;

let web: Server | undefined;
let server: ModelServer | undefined;
afterEach(async () => {
  await new Promise((r) => (web ? web.close(r) : r(undefined)));
  await server?.close();
  web = undefined;
  server = undefined;
  vi.restoreAllMocks();
});

async function htmlServer(status: number): Promise<string> {
  web = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'text/html' });
    res.end(PAGE);
  });
  await new Promise<void>((r) => web!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
}

describe('a base URL that answers a web page', () => {
  for (const status of [200, 404, 502]) {
    it(`HTTP ${status} HTML: one short line naming what answered, no library logging, stdout empty under --json`, async () => {
      const log = vi.spyOn(console, 'log');
      const url = await htmlServer(status);
      const run = await runCli(['verify', 'examples/muffins.md', '--base-url', url, '--scorer', 'judge', '--json']);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(url);
      expect(run.stderr).toContain('answered with a web page ("Welcome to nginx!")');
      expect(run.stderr).not.toContain('<p>filler');
      expect(run.stderr.length).toBeLessThan(600);
      expect(log).not.toHaveBeenCalled();
    });
  }
});

describe('model text in evidence', () => {
  it('a 300 KB judge answer is kept to 2,000 characters per step, with its full length stated', async () => {
    const essay = `Let me think. ${'The muffins and the cookies cost money. '.repeat(7_700)}`;
    // One 300 KB "token": a server that ignores the token limit.
    const first = { text: 'Let', tokens: [{ token: 'Let', logprob: -0.1, top: [{ token: 'Let', logprob: -0.1 }] }] };
    server = await startModelServer({ reply: (req) => (req.maxTokens === 1 ? first : { text: essay, tokens: [{ token: essay, logprob: -0.1, top: [] }] }) });
    const run = await runCli(['verify', 'examples/muffins.md', '--base-url', server.url, '--scorer', 'judge', '--json']);
    const out = JSON.parse(run.stdout);
    expect(run.stdout.length).toBeLessThan(60_000);
    for (const step of out.steps) {
      expect(step.evidence.text.length).toBeLessThan(2_100);
      expect(step.evidence.text).toContain(`[cut: ${essay.length.toLocaleString('en-US')} characters in all]`);
      expect(step.unscoredReason.length).toBeLessThan(400);
    }
  });
});
