/** The checks of the honest-verdicts issue, through the built CLI (`npm run build` first) as a user runs it. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { judgeReply, startModelServer, type ModelServer } from '../servers/modelServer';
import { CLOSED_URL } from '../helpers/cli';

const CLI = resolve(__dirname, '../../dist/cli.js');
const MUFFINS = 'examples/muffins.md';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let server: ModelServer | undefined;
let web: Server | undefined;
afterEach(async () => {
  await server?.close();
  await new Promise((r) => (web ? web.close(r) : r(undefined)));
  server = undefined;
  web = undefined;
});

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first.`);
});

describe('node dist/cli.js', () => {
  it('--version prints the package version', async () => {
    const run = await cli(['--version']);
    expect(run.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    expect(run.code).toBe(0);
  });

  it('exit codes: 1 for the wrong step of the example, 2 for a usage error, and --help says so', async () => {
    expect((await cli(['verify', MUFFINS, '--scorer', 'arithmetic'])).code).toBe(1);
    expect((await cli(['verify', MUFFINS, '--threshold', 'high'])).code).toBe(2);
    expect((await cli(['verify', '--help'])).stdout).toContain('3  unverified or incomplete');
  });

  it('an endpoint answering HTML: one line, no library logging, stdout empty under --json', async () => {
    web = createServer((_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><title>Router login</title></head><body>' + 'x'.repeat(50_000) + '</body></html>'));
    await new Promise<void>((r) => web!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
    const run = await cli(['verify', MUFFINS, '--base-url', url, '--scorer', 'judge', '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toContain('Getting text from response');
    expect(run.stderr).toContain('answered with a web page ("Router login")');
    expect(run.stderr.length).toBeLessThan(500);
  });

  it('a dead endpoint and a missing model: the cause, exit 2, no result claimed', async () => {
    const dead = await cli(['verify', MUFFINS, '--base-url', CLOSED_URL, '--scorer', 'judge', '--json']);
    expect(dead).toMatchObject({ code: 2, stdout: '' });
    expect(dead.stderr).toContain(`Cannot reach the model server at ${CLOSED_URL}`);
    server = await startModelServer({ reply: () => judgeReply(0.9) });
    const missing = await cli(['verify', MUFFINS, '--base-url', server.url, '--scorer', 'judge', '--model', 'llama3:8b', '--json']);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toContain('ollama pull llama3:8b');
  });

  it('an unwritable trace is refused before the search starts: no model request is made', async () => {
    server = await startModelServer({ reply: () => judgeReply(0.9) });
    const run = await cli(['solve', MUFFINS, '--base-url', server.url, '--scorer', 'judge', '--trace', '/no/such/dir/t.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--trace /no/such/dir/t.json: the folder /no/such/dir does not exist.');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(server.requests).toHaveLength(0);
    const folder = mkdtempSync(join(tmpdir(), 'stepwise-built-'));
    const isDir = await cli(['solve', MUFFINS, '--base-url', server.url, '--scorer', 'judge', '--trace', folder]);
    expect(isDir.stderr).toContain('that is a folder; give a file path');
  });

  it('a judge answering "Let me check this step carefully." on every step: unverified, exit 3', async () => {
    server = await startModelServer({
      reply: (req) => (req.maxTokens === 1 ? { text: 'Let', tokens: [{ token: 'Let', logprob: -0.05, top: [{ token: 'Let', logprob: -0.05 }] }] } : 'Let me check this step carefully.'),
    });
    const run = await cli(['verify', MUFFINS, '--base-url', server.url, '--scorer', 'judge']);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('Unverified: none of the 4 steps got a verdict (the judge gave no yes/no verdict: 4).');
    expect(run.stdout).not.toContain('No wrong step');
  });

  it('a 2,505-step solution: the steps that outgrow the context are unscored (the answer among them), never sent, exit 3', async () => {
    server = await startModelServer({ reply: () => judgeReply(0.9), contextLength: 18_432 });
    const lines = Array.from({ length: 2_504 }, (_, i) => `Now ${i + 1} + 1 = ${i + 2}.`);
    const file = join(mkdtempSync(join(tmpdir(), 'stepwise-built-')), 'long.md');
    writeFileSync(file, `## Problem\n\nStart with one apple and add one apple 2504 times. How many apples are there?\n\n## Solution\n\n${lines.join('\n\n')}\n\nSo the answer is \\boxed{2505}.\n`);
    const run = await cli(['verify', file, '--base-url', server.url, '--scorer', 'judge', '--concurrency', '8', '--json']);
    expect(run.code).toBe(3);
    const out = JSON.parse(run.stdout);
    expect(out.steps).toHaveLength(2_505);
    expect(out).toMatchObject({ outcome: 'incomplete', firstError: -1 });
    const unscored = out.steps.filter((s: { verdict: string }) => s.verdict === 'unscored');
    expect(unscored.length).toBe(out.unscored);
    expect(out.unscored).toBeGreaterThan(10);
    expect(out.unscored).toBeLessThan(400);
    // The last steps, the answer among them; each says why, and none has a score.
    expect(unscored[0].index).toBe(2_505 - out.unscored);
    expect(unscored.at(-1).text).toContain('\\boxed{2505}');
    expect(unscored.every((s: { score: null; unscoredReason: string }) => s.score === null && /context/.test(s.unscoredReason))).toBe(true);
    expect(out.summary).toBe(`No wrong step among the ${out.judged.toLocaleString('en-US')} judged steps, but ${out.unscored} of 2,505 steps got no verdict (too long for the model's context: ${out.unscored}): not verified as a whole.`);
    // Only the steps that fit were sent.
    expect(server.requests).toHaveLength(out.judged);
  }, 120_000);
});
