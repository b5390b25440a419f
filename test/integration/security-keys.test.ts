/**
 * The API key never leaks: not on stdout or stderr, not in a trace or checkpoint file, not in a thrown error
 * (with every `cause`), even when the server echoes it back; and requests go to the configured endpoint only.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProvider } from '../../extension/engine/providers';
import { startModelServer, type Fault, type ModelServer } from '../servers/modelServer';
import { runCli } from '../helpers/cli';
import { failOnUnhandledRejections } from './faults-guard';

failOnUnhandledRejections();

const KEY = 'sk-test-9f8e7d6c5b4a-SECRET';
const echo = (type: string) => JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}. Key ${KEY.slice(0, 12)}… rejected.`, type, param: null, code: type } });

/** Server errors that quote the key back, and plain breakage. */
const FAULTS: [string, Fault][] = [
  ['401 echoing the key', { status: 401, body: echo('invalid_api_key') }],
  ['403 echoing the key', { status: 403, body: echo('forbidden') }],
  ['500 echoing the key', { status: 500, body: echo('server_error') }],
  ['400 echoing the key', { status: 400, body: echo('invalid_request_error') }],
  ['429 echoing the key', { status: 429, retryAfter: 0, body: echo('rate_limit') }],
  ['malformed stream', 'malformed'],
  ['dropped stream', 'drop'],
  ['reset', 'reset'],
];

let decoy: ModelServer;
beforeAll(async () => {
  decoy = await startModelServer({ reply: () => 'decoy' });
});
afterAll(() => decoy.close());

function files(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => readFileSync(join(d.parentPath ?? (d as { path?: string }).path ?? dir, d.name), 'utf8'))
    .join('\n');
}

/** Everything reachable from an error: own properties (enumerable or not), causes, nested errors, headers. */
function dump(value: unknown, seen = new Set<unknown>(), depth = 0): string {
  if (value === null || value === undefined || depth > 8) return String(value);
  if (typeof value !== 'object' && typeof value !== 'function') return String(value);
  if (seen.has(value)) return '';
  seen.add(value);
  if (value instanceof Headers) return JSON.stringify([...value.entries()]);
  const parts = [Object.prototype.toString.call(value)];
  for (const name of Object.getOwnPropertyNames(value)) {
    let inner: unknown;
    try {
      inner = (value as Record<string, unknown>)[name];
    } catch {
      continue;
    }
    parts.push(`${name}=${dump(inner, seen, depth + 1)}`);
  }
  try {
    parts.push(JSON.stringify(value));
  } catch {
    /* cycles */
  }
  return parts.join(' ');
}

async function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'stepwise-keys-'));
  writeFileSync(join(dir, 'problem.md'), 'What is 2 + 3?\n');
  writeFileSync(join(dir, 'pb.json'), JSON.stringify([{ id: 'a', generator: 't', problem: 'What is 2 + 3?', steps: ['2 + 3 = 5.', 'So 5.'], final_answer_correct: true, label: -1 }]));
  return dir;
}

describe.each(FAULTS)('the API key under "%s"', (_name, fault) => {
  it('appears in no output, file or request to any other server, for verify, solve and eval', async () => {
    const server = await startModelServer({ reply: () => 'Yes', apiKey: KEY, fault: (r) => (r.script || r.path === '/pooling' ? fault : undefined) });
    const dir = await workspace();
    const common = ['--provider', 'openai', '--base-url', server.openaiUrl, '--model', 'qwen2.5:7b', '--timeout', '2'];
    try {
      const runs = [
        await runCli(['verify', 'examples/muffins.md', ...common, '--scorer', 'judge'], { env: { OPENAI_API_KEY: KEY } }),
        await runCli(['verify', 'examples/muffins.md', ...common, '--json'], { env: { OPENAI_API_KEY: KEY } }), // auto: falls back
        await runCli(['solve', join(dir, 'problem.md'), ...common, '--scorer', 'judge', '--n', '2', '--trace', join(dir, 'trace.json'), '--json'], { env: { OPENAI_API_KEY: KEY } }),
        await runCli(['solve', join(dir, 'problem.md'), ...common, '--api-key-env', 'MY_KEY', '--scorer', 'judge', '--n', '2', '--trace', join(dir, 'trace2.json')], { env: { MY_KEY: KEY } }),
        await runCli(['verify', 'examples/muffins.md', ...common, '--scorer', 'pooling', '--pooling-url', server.url, '--pooling-model', 'prm'], { env: { OPENAI_API_KEY: KEY } }),
        await runCli(['eval', 'processbench', join(dir, 'pb.json'), ...common, '--scorer', 'judge', '--checkpoint', join(dir, 'ck.jsonl'), '--json'], { env: { OPENAI_API_KEY: KEY } }),
      ];
      for (const run of runs) {
        expect(run.stdout + run.stderr).not.toContain(KEY);
        expect(run.stdout + run.stderr).not.toContain(KEY.slice(0, 12));
      }
      // The failures were reported, not swallowed.
      expect(runs[0]!.code).toBe(2);
      expect(runs[0]!.stderr).toMatch(/^stepwise: /);
      expect(files(dir)).not.toContain(KEY);
      // The key went to the configured endpoint and nowhere else.
      const auth = server.received.filter((r) => r.headers.authorization);
      expect(auth.length).toBeGreaterThan(0);
      expect(auth.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
      expect(decoy.received).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('is in no thrown error, its causes or their properties', async () => {
    const server = await startModelServer({ reply: () => 'Yes', apiKey: KEY, fault: (r) => (r.script ? fault : undefined) });
    try {
      const provider = createProvider({ kind: 'openai', baseUrl: server.openaiUrl, apiKey: KEY, timeoutMs: 2_000, maxRetries: 0 });
      for (const req of [{ messages: [{ role: 'user' as const, content: 'hi' }] }, { prompt: 'hi' }]) {
        const err = await provider.generate({ model: 'qwen2.5:7b', ...req, logprobs: true, topLogprobs: 5 }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(Error);
        expect(dump(err)).not.toContain(KEY);
        expect(String(err)).not.toContain(KEY);
        expect((err as Error).stack ?? '').not.toContain(KEY);
      }
      const listing = await provider.listModels().then(() => 'ok', (e: unknown) => e);
      expect(dump(listing)).not.toContain(KEY);
      expect(provider.baseUrl).not.toContain(KEY);
      expect(dump(await provider.status())).not.toContain(KEY);
      expect(decoy.received).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('a server that rejects the key', () => {
  it('says the key was rejected, naming the endpoint and never the key', async () => {
    const server = await startModelServer({ reply: () => 'Yes', apiKey: 'sk-the-right-one' });
    try {
      const run = await runCli(['verify', 'examples/muffins.md', '--provider', 'openai', '--base-url', server.openaiUrl, '--scorer', 'judge'], { env: { OPENAI_API_KEY: KEY } });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`stepwise: The endpoint ${server.openaiUrl} rejected the API key (HTTP 401/403). Set a valid key.\n`);
      // Found before any step is sent: only the model list was asked for, and a 401 is not retried.
      expect(server.requests).toHaveLength(0);
      expect(server.received.map((r) => r.path).every((p) => p === '/v1/models')).toBe(true);
      expect(server.received.length).toBeLessThanOrEqual(3);
    } finally {
      await server.close();
    }
  });
});
