/**
 * Every transport fault through the real clients and the CLI, for Ollama and an OpenAI-compatible server:
 * the exact line a user sees, how many requests went out, and that a recovered run lost nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { failFirst, judgeReply, startModelServer, type ModelServer, type ModelServerOptions } from '../servers/modelServer';
import { CLOSED_URL, runCli } from '../helpers/cli';
import { failOnUnhandledRejections } from './faults-guard';

failOnUnhandledRejections();

const MUFFINS = 'examples/muffins.md';
const STEPS = 4;
const BAD_OUTPUT = 'stepwise: The model server sent a response Stepwise cannot read:';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Kind = 'ollama' | 'openai';

async function serve(opts: Partial<ModelServerOptions>) {
  server = await startModelServer({ reply: () => judgeReply(0.9), ...opts });
  return server;
}

/** `stepwise verify` with the judge, one request at a time, a 1 s timeout; also how long it took. */
async function verify(kind: Kind, url: string, extra: string[] = []) {
  const started = Date.now();
  const run = await runCli(['verify', MUFFINS, '--provider', kind, '--base-url', url, '--scorer', 'judge', '--timeout', '1', '--concurrency', '1', '--json', ...extra]);
  return { ...run, ms: Date.now() - started };
}

const urlOf = (kind: Kind, s: ModelServer) => (kind === 'ollama' ? s.url : s.openaiUrl);
const generations = (s: ModelServer) => s.requests.length;

/** A complete, unchanged result: every step scored from the judge's logprobs. */
function expectAllScored(stdout: string) {
  const out = JSON.parse(stdout);
  expect(out.steps).toHaveLength(STEPS);
  for (const step of out.steps) {
    expect(step.scorer).toBe('judge');
    expect(step.score).toBeCloseTo(0.9, 6);
  }
}

describe.each(['ollama', 'openai'] as const)('%s: faults a user can meet', (kind) => {
  it('connection refused: names the URL, fails at once', async () => {
    const url = kind === 'ollama' ? CLOSED_URL : `${CLOSED_URL}/v1`;
    const run = await verify(kind, url);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Cannot reach the model server at ${url}.`);
    if (kind === 'ollama') expect(run.stderr).toContain('ollama serve');
    expect(run.ms).toBeLessThan(5_000);
  });

  it('slow first token within the timeout (a model loading): waits and succeeds', async () => {
    const s = await serve({ delayMs: 600 });
    const run = await verify(kind, urlOf(kind, s));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expectAllScored(run.stdout);
    expect(generations(s)).toBe(STEPS);
  });

  it('first token beyond the timeout: Timeout naming the URL, not retried', async () => {
    const s = await serve({ delayMs: 3_000 });
    const run = await verify(kind, urlOf(kind, s));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`stepwise: The model server at ${urlOf(kind, s)} did not answer within 1 s. A model loading for the first time can take a while: raise the timeout or try again.\n`);
    expect(run.ms).toBeLessThan(2_500);
    expect(generations(s)).toBe(1);
  });

  it('a stream that stalls mid-way: Timeout, no hang', async () => {
    const s = await serve({ fault: () => 'stall' });
    const run = await verify(kind, urlOf(kind, s));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`The model server at ${urlOf(kind, s)} did not answer within 1 s.`);
    expect(run.ms).toBeLessThan(2_500);
    expect(generations(s)).toBe(1);
  });

  it('connection reset before any byte: retried, then nothing lost', async () => {
    const s = await serve({ fault: failFirst(1, 'reset') });
    const run = await verify(kind, urlOf(kind, s));
    expect(run.code).toBe(0);
    expectAllScored(run.stdout);
    expect(generations(s)).toBe(STEPS + 1);
  });

  it('connection reset on every try: a clear error after a bounded number of requests', async () => {
    const s = await serve({ fault: (r) => (r.script ? 'reset' : undefined) });
    const run = await verify(kind, urlOf(kind, s));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${BAD_OUTPUT} the connection closed before the response was complete (did the server stop${kind === 'ollama' ? ' or run out of memory' : ''}?).\n`);
    expect(generations(s)).toBe(3); // the first try and two retries
  });

  it('connection dropped mid-stream: a clear error; retried only while no token was delivered', async () => {
    const s = await serve({ fault: failFirst(1, 'drop') });
    const run = await verify(kind, urlOf(kind, s));
    if (kind === 'ollama') {
      // Ollama's first chunk carries the first token: the stream cannot be resumed.
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`${BAD_OUTPUT} the connection closed before the response was complete (did the server stop or run out of memory?).\n`);
      expect(generations(s)).toBe(1);
    } else {
      // An OpenAI stream opens with a role-only event: nothing was delivered, so it is safe to ask again.
      expect(run.stderr).toBe('');
      expectAllScored(run.stdout);
      expect(generations(s)).toBe(STEPS + 1);
    }
  });

  it('HTTP 404 for a model that is not there: says how to get it', async () => {
    const s = await serve({});
    const run = await verify(kind, urlOf(kind, s), ['--model', 'llama3.1:8b']);
    expect(run.code).toBe(2);
    if (kind === 'ollama') expect(run.stderr).toContain('Model "llama3.1:8b" is not installed in Ollama. Run `ollama pull llama3.1:8b`.');
    else expect(run.stderr).toContain('Model "llama3.1:8b" is not served by this endpoint. Available: qwen2.5:7b, judge:latest.');
    expect(generations(s)).toBeLessThanOrEqual(1);
  });

  it('429 with Retry-After: waits as told, then succeeds', async () => {
    const s = await serve({ fault: failFirst(1, { status: 429, retryAfter: 1 }) });
    const run = await verify(kind, urlOf(kind, s), ['--timeout', '5']);
    expect(run.code).toBe(0);
    expectAllScored(run.stdout);
    expect(run.ms).toBeGreaterThanOrEqual(950);
    expect(generations(s)).toBe(STEPS + 1);
  });

  it('429 that persists: RateLimited with the wait the server asked for, three requests in all', async () => {
    const s = await serve({ fault: (r) => (r.script ? { status: 429, retryAfter: 0 } : undefined) });
    const run = await verify(kind, urlOf(kind, s));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('stepwise: The model server is rate limiting requests. Lower the concurrency or try again later.\n');
    expect(generations(s)).toBe(3);
  });

  it('500 once: retried, then nothing lost', async () => {
    const s = await serve({ fault: failFirst(1, { status: 500 }) });
    const run = await verify(kind, urlOf(kind, s));
    expect(run.code).toBe(0);
    expectAllScored(run.stdout);
    expect(generations(s)).toBe(STEPS + 1);
  });

  it('500 that persists: HttpError with the status, bounded retries', async () => {
    const s = await serve({ fault: (r) => (r.script ? { status: 500 } : undefined) });
    const run = await verify(kind, urlOf(kind, s));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`stepwise: The model server at ${urlOf(kind, s)} answered HTTP 500: injected HTTP 500.\n`);
    expect(generations(s)).toBe(3);
  });

  it('a line of the stream that is not JSON: BadModelOutput quoting it, not retried', async () => {
    const s = await serve({ fault: () => 'malformed' });
    const run = await verify(kind, urlOf(kind, s));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(BAD_OUTPUT);
    expect(run.stderr).toMatch(kind === 'ollama' ? /a line of the NDJSON stream is not JSON \("\{\\"model\\"/ : /an event of the stream is not JSON/);
    expect(generations(s)).toBe(1);
  });

  it('a stream that never says done: BadModelOutput, no hang', async () => {
    const s = await serve({ fault: () => 'no-done' });
    const run = await verify(kind, urlOf(kind, s));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${BAD_OUTPUT} the stream ended before ${kind === 'ollama' ? 'Ollama said it was done' : 'the server said it had finished'}.\n`);
    expect(run.ms).toBeLessThan(1_000);
  });

  it('bytes that are not UTF-8 in a reply: replacement characters, scores intact', async () => {
    const s = await serve({ fault: () => 'bad-utf8' });
    const run = await verify(kind, urlOf(kind, s));
    expect(run.code).toBe(0);
    expectAllScored(run.stdout);
    expect(JSON.parse(run.stdout).steps[0].evidence.text).toBe('\uFFFD\uFFFD\uFFFDYes');
    expect(generations(s)).toBe(STEPS);
  });

  it('multi-byte characters split across reads: decoded whole', async () => {
    const s = await serve({ fault: () => 'split-utf8', reply: () => ({ text: 'Ja ✓ — très bien 数学', tokens: [{ token: 'Ja ✓ — très bien 数学', logprob: -0.1, top: judgeReply(0.9).tokens![0]!.top }] }) });
    const run = await verify(kind, urlOf(kind, s));
    expect(run.code).toBe(0);
    expectAllScored(run.stdout);
    expect(JSON.parse(run.stdout).steps[0].evidence.text).toBe('Ja ✓ — très bien 数学');
  });
});
