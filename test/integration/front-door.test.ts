import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkConnection, engineConfigOf, resolveOptions, solveText, verifyText, type EngineConfig } from '../../extension/engine';
import { judgeReply, startModelServer, type ModelServer } from '../servers/modelServer';
import { CLOSED_URL, runCli } from '../helpers/cli';
import { JUDGE_MODEL, MUFFINS as SCRIPTED_MUFFINS, POLICY_MODEL, scriptedReply } from '../e2e/scriptedModel';

const MUFFINS = 'examples/muffins.md';
const PAGE = `<!doctype html><html><head><title>Welcome to nginx!</title></head><body>${'<p>filler</p>'.repeat(500)}</body></html>`;

let server: ModelServer | undefined;
let web: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  await new Promise<void>((r) => (web ? web.close(() => r()) : r()));
  web = undefined;
});

/** A web server that answers every path with an HTML page, as a reverse proxy or a wrong port would. */
async function startWebPage(): Promise<string> {
  web = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
  await new Promise<void>((r) => web!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
}

/** The defaults, as if the user had named nothing, but with the default server at `url`. */
function unnamedConfig(url: string): EngineConfig {
  const config = engineConfigOf(resolveOptions({}));
  expect(config.named).toEqual([]);
  return { ...config, provider: { ...config.provider, kind: 'ollama', baseUrl: url } };
}

describe('a server that is not a model server gets one line: what answered and the likely fix', () => {
  it('a web page at the Ollama URL: names the page and the port, and pastes no HTML', async () => {
    const url = await startWebPage();
    const run = await runCli(['verify', MUFFINS, '--base-url', url, '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${url} answered with a web page ("Welcome to nginx!")`);
    expect(run.stderr).toContain('Ollama listens on 11434');
    expect(run.stderr).not.toContain('<p>');
    expect(run.stderr.length).toBeLessThan(600);
  });

  it('Test Connection (VS Code) says the same about a web page', async () => {
    const url = await startWebPage();
    const status = await checkConnection(engineConfigOf(resolveOptions({ baseUrl: url }, { source: 'settings' })));
    expect(status.ok).toBe(false);
    expect(status.problem).toContain('answered with a web page ("Welcome to nginx!")');
    expect(status.problem).not.toContain('<p>');
  });

  it('a web page at an OpenAI base URL without /v1: suggests /v1', async () => {
    const url = await startWebPage();
    const run = await runCli(['verify', MUFFINS, '--provider', 'openai', '--base-url', url, '--scorer', 'judge']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`try ${url}/v1`);
    expect(run.stderr).not.toContain('<p>');
  });

  it('--provider openai with a base URL lacking /v1 that answers 404: suggests /v1', async () => {
    server = await startModelServer({ reply: () => judgeReply(0.9) });
    const run = await runCli(['verify', MUFFINS, '--provider', 'openai', '--base-url', server.url, '--scorer', 'judge']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${server.url}/models answered HTTP 404`);
    expect(run.stderr).toContain(`try ${server.url}/v1`);
  });
});

describe('base URLs the way the ollama CLI takes them', () => {
  it('reads OLLAMA_HOST without a scheme, and a scheme-less --base-url', async () => {
    server = await startModelServer({ reply: () => judgeReply(0.9) });
    const hostport = server.url.replace('http://', '');
    const viaEnv = await runCli(['verify', MUFFINS, '--scorer', 'judge', '--json'], { env: { OLLAMA_HOST: hostport } });
    expect(viaEnv.stderr).toBe('');
    expect(JSON.parse(viaEnv.stdout).steps).toHaveLength(4);
    const viaFlag = await runCli(['verify', MUFFINS, '--scorer', 'judge', '--base-url', hostport, '--json']);
    expect(viaFlag.code).toBe(0);
  });

  it('a dead OLLAMA_HOST counts as a named server: no silent fallback', async () => {
    const run = await runCli(['verify', MUFFINS], { env: { OLLAMA_HOST: CLOSED_URL.replace('http://', '') } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('because you named OLLAMA_HOST');
  });
});

describe('auto falls back only when nothing was named', () => {
  it('verify: the default server is down and nothing was named, so the arithmetic checker scores, and says so', async () => {
    const notes: string[] = [];
    const { result } = await verifyText(unnamedConfig(CLOSED_URL), await readFile(MUFFINS, 'utf8'), { onNote: (n) => notes.push(n) });
    expect(notes.join(' ')).toContain(`Using the built-in arithmetic checker (no model): Cannot reach the model server at ${CLOSED_URL}`);
    expect(result.steps.find((s) => s.index === 1)?.scorer).toBe('arithmetic');
  });

  it('solve: fails with the cause and never announces the arithmetic checker first, since nothing could write a step', async () => {
    const notes: string[] = [];
    const solving = solveText(unnamedConfig(CLOSED_URL), 'What is 2 + 3?', { search: { strategy: 'beam' }, onNote: (n) => notes.push(n) });
    await expect(solving).rejects.toThrow(`Cannot reach the model server at ${CLOSED_URL}`);
    expect(notes.join(' ')).not.toContain('arithmetic checker');
  });

  it('solve with a named model that is missing: the pull command, before any step is written', async () => {
    server = await startModelServer({ reply: () => judgeReply(0.9) });
    const dir = await mkdtemp(join(tmpdir(), 'stepwise-frontdoor-'));
    await writeFile(join(dir, 'p.md'), 'What is 2 + 3?\n');
    const run = await runCli(['solve', join(dir, 'p.md'), '--base-url', server.url, '--policy-model', 'llama3.1:8b']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ollama pull llama3.1:8b');
    expect(run.stderr).not.toContain('arithmetic checker');
    expect(server.requests).toHaveLength(0);
  });
});

describe('correct with the default options', () => {
  it('keeps a fix of the wrong middle step although the default aggregation (last) ranks final solutions', async () => {
    server = await startModelServer({ reply: scriptedReply(), models: [JUDGE_MODEL, POLICY_MODEL] });
    const dir = await mkdtemp(join(tmpdir(), 'stepwise-frontdoor-'));
    const file = join(dir, 'muffins.md');
    await writeFile(file, `## Problem\n\n${SCRIPTED_MUFFINS.problem}\n\n## Solution\n\n${SCRIPTED_MUFFINS.wrongSteps.join('\n\n')}\n`);
    const run = await runCli(['correct', file, '--base-url', server.url, '--policy-model', POLICY_MODEL, '--verifier-model', JUDGE_MODEL, '--scorer', 'judge', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.weakIndex).toBe(SCRIPTED_MUFFINS.wrongStepIndex);
    expect(out.improved).toBe(true);
    expect(out.originalScore).toBeLessThan(0.5);
  });
});

describe('the trace records the options a search ran with', () => {
  it('solve --trace writes the resolved options and flags that repeat the run', async () => {
    server = await startModelServer({
      reply: (req) => (req.logprobs ? judgeReply(0.9) : 'The sum is $\\boxed{5}$.'),
    });
    const dir = await mkdtemp(join(tmpdir(), 'stepwise-frontdoor-'));
    await writeFile(join(dir, 'p.md'), 'What is 2 + 3?\n');
    const trace = join(dir, 't.json');
    const run = await runCli(['solve', join(dir, 'p.md'), '--base-url', server.url, '--n', '2', '--beam-width', '2', '--seed', '7', '--trace', trace, '--json']);
    expect(run.code).toBe(0);
    const { result } = JSON.parse(await readFile(trace, 'utf8'));
    expect(result.options).toMatchObject({
      strategy: 'beam', n: 2, beamWidth: 2, maxDepth: 40, temperature: 0.8, seed: 7, aggregation: 'last', threshold: 0.5,
      scorer: { requested: 'auto', used: 'judge' },
      policy: { provider: 'ollama', baseUrl: server.url, model: 'qwen2.5:7b' },
      verifier: { provider: 'ollama', baseUrl: server.url, model: 'qwen2.5:7b' },
    });
    expect(result.options.repeat).toEqual(expect.arrayContaining(['--strategy', 'beam', '--n', '2', '--seed', '7', '--scorer', 'judge', '--base-url', server.url]));
  });
});
