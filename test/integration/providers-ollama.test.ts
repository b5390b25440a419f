import { afterEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../extension/engine/providers';
import type { GenerateRequest } from '../../extension/engine/providers/provider';
import { PromptTooLong } from '../../extension/engine/errors';
import { startModelServer, judgeReply, failFirst, type ModelServer, type ModelServerOptions } from '../servers/modelServer';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function ollama(opts: ModelServerOptions, extra: { maxContext?: number; timeoutMs?: number } = {}) {
  server = await startModelServer(opts);
  return createProvider({ kind: 'ollama', baseUrl: server.url, ...extra });
}

const chat = (content: string, more: Partial<GenerateRequest> = {}): GenerateRequest => ({ model: 'qwen2.5:7b', messages: [{ role: 'user', content }], ...more });
const SOLUTION = 'Step 1: 2 + 3 = 5.\n\nStep 2: So the answer is 5.';

describe('Ollama provider over loopback', () => {
  it('streams a chat reply token by token with logprobs and top alternatives', async () => {
    const p = await ollama({ reply: () => SOLUTION });
    const deltas: string[] = [];
    let done;
    for await (const chunk of p.stream(chat('2+3?', { logprobs: true, topLogprobs: 3 }))) {
      if (chunk.delta) deltas.push(chunk.delta);
      if (chunk.done) done = chunk.done;
    }
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.join('')).toBe(SOLUTION);
    expect(done!.text).toBe(SOLUTION);
    expect(done!.tokens!.map((t) => t.token).join('')).toBe(SOLUTION);
    expect(done!.tokens![0]).toEqual({ token: 'Step', logprob: -0.05, top: [{ token: 'Step', logprob: -0.05 }] });
    expect(done!.finishReason).toBe('stop');
    expect(server!.requests[0]).toMatchObject({ api: 'ollama-chat', logprobs: true, topLogprobs: 3, stream: true });
  });

  it('sends a raw prompt to /api/generate and reads the judge alternatives', async () => {
    const p = await ollama({ reply: () => judgeReply(0.8) });
    const r = await p.generate({ model: 'judge:latest', prompt: '<|im_start|>user\nIs it right?<|im_end|>\n<|im_start|>assistant\n', logprobs: true, topLogprobs: 10, maxTokens: 1 });
    expect(r.text).toBe('Yes');
    const top = r.tokens![0]!.top;
    const yes = top.filter((t) => /yes/i.test(t.token)).reduce((s, t) => s + Math.exp(t.logprob), 0);
    const no = top.filter((t) => /no/i.test(t.token)).reduce((s, t) => s + Math.exp(t.logprob), 0);
    expect(yes / (yes + no)).toBeCloseTo(0.8, 6);
    expect(server!.requests[0]).toMatchObject({ api: 'ollama-generate', raw: true, prompt: expect.stringContaining('Is it right?'), maxTokens: 1 });
  });

  it('sizes num_ctx from the prompt within the context length /api/show reports, asking /api/show once per model', async () => {
    let shows = 0;
    const p = await ollama({ reply: () => 'ok', contextLength: 8192, fault: (r) => void (r.path === '/api/show' && shows++) });
    await p.generate(chat('short', { maxTokens: 100 }));
    await p.generate(chat('x'.repeat(9000), { maxTokens: 512 })); // ~3000 tokens + 512 + margin → 4096
    await p.generate(chat('x'.repeat(24000), { maxTokens: 512 })); // ~8000 tokens estimated: the model's whole window
    expect(server!.requests.map((r) => r.numCtx)).toEqual([2048, 4096, 8192]);
    expect(shows).toBe(1);
    const capped = createProvider({ kind: 'ollama', baseUrl: server!.url, maxContext: 3072 });
    await capped.generate(chat('x'.repeat(9000)));
    expect(server!.requests[3]!.numCtx).toBe(3072);
  });

  it('refuses a prompt that surely overflows the context instead of letting Ollama cut its beginning', async () => {
    const p = await ollama({ reply: () => 'ok', contextLength: 8192 });
    const err = await p.generate(chat('x'.repeat(60000), { maxTokens: 512 })).catch((e) => e);
    expect(err).toBeInstanceOf(PromptTooLong);
    expect(err.message).toMatch(/about 15\d{3} tokens.*8192-token context window/);
    expect(server!.requests).toHaveLength(0);
  });

  it('applies stop sequences, passes seed, temperature and keep_alive, and reports usage', async () => {
    server = await startModelServer({ reply: () => SOLUTION });
    const p = createProvider({ kind: 'ollama', baseUrl: server.url, keepAlive: '10m' });
    const r = await p.generate(chat('2+3?', { stop: ['\n\n'], seed: 7, temperature: 0.6, topP: 0.9 }));
    expect(r.text).toBe('Step 1: 2 + 3 = 5.');
    expect(r.finishReason).toBe('stop');
    expect(r.usage.completionTokens).toBeGreaterThan(0);
    expect(r.usage.promptTokens).toBeGreaterThan(0);
    expect(server.requests[0]).toMatchObject({ stop: ['\n\n'], seed: 7, temperature: 0.6, topP: 0.9, keepAlive: '10m' });
    const cut = await p.generate(chat('2+3?', { maxTokens: 3 }));
    expect(cut).toMatchObject({ text: 'Step 1:', finishReason: 'length' });
  });

  // Retried: a cold first abort on a loaded machine can miss the bound once.
  it('cancels mid-stream within 100 ms, throws Cancelled and the server sees the connection close', { retry: 2 }, async () => {
    const p = await ollama({ reply: () => ({ text: 'one two three four five six seven eight nine ten', tokenDelayMs: 200 }) });
    const controller = new AbortController();
    const seen: string[] = [];
    let abortedAt = 0;
    const run = (async () => {
      for await (const chunk of p.stream(chat('count', { signal: controller.signal }))) {
        seen.push(chunk.delta);
        if (seen.length === 2) {
          abortedAt = Date.now();
          controller.abort();
        }
      }
    })();
    const err = await run.catch((e) => e);
    expect(Date.now() - abortedAt).toBeLessThan(100);
    expect(err?.name).toBe('Cancelled');
    await expect.poll(() => server!.clientAborts).toBe(1);
  });

  it('cancels while waiting for the first token', async () => {
    const p = await ollama({ reply: () => ({ text: 'late', delayMs: 2000 }) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(p.generate(chat('x', { signal: controller.signal }))).rejects.toMatchObject({ name: 'Cancelled' });
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('names the model to pull when it is not installed', async () => {
    const p = await ollama({ reply: () => 'x' });
    const err = await p.generate({ ...chat('x'), model: 'llama3:70b' }).catch((e) => e);
    expect(err.name).toBe('ModelNotFound');
    expect(err.message).toContain('ollama pull llama3:70b');
    expect(err.message).toContain('qwen2.5:7b'); // lists what is installed
    expect(err.fix).toBe('ollama pull llama3:70b');
  });

  it('reports an unreachable server with its URL', async () => {
    const s = await startModelServer({ reply: () => 'x' });
    const url = s.url;
    await s.close(); // a closed port: nothing listens any more
    const p = createProvider({ kind: 'ollama', baseUrl: url });
    const err = await p.generate(chat('x')).catch((e) => e);
    expect(err.name).toBe('ServerUnreachable');
    expect(err.message).toContain(url);
    const status = await p.status();
    expect(status).toMatchObject({ ok: false, provider: 'ollama' });
    expect(status.problem).toContain(url);
  });

  it('returns tokens undefined when the server sends no logprobs', async () => {
    const p = await ollama({ reply: () => 'fine', logprobs: false });
    const r = await p.generate(chat('x', { logprobs: true, topLogprobs: 5 }));
    expect(r.text).toBe('fine');
    expect(r.tokens).toBeUndefined();
  });

  it('says the server is too old when logprobs are asked of Ollama 0.11.0', async () => {
    const p = await ollama({ reply: () => 'fine', ollamaVersion: '0.11.0' });
    const err = await p.generate(chat('x', { logprobs: true })).catch((e) => e);
    expect(err.name).toBe('ServerTooOld');
    expect(err.message).toMatch(/0\.11\.0.*0\.12\.11/);
    expect((await p.generate(chat('x'))).text).toBe('fine'); // without logprobs it still works
    const status = await p.status();
    expect(status).toMatchObject({ ok: true, version: '0.11.0', logprobs: false });
    expect(status.problem).toContain('0.12.11');
  });

  it.each([
    ['malformed', 'is not JSON'],
    ['no-done', 'ended before Ollama said it was done'],
    ['drop', 'connection closed'],
  ] as const)('turns a %s stream into BadModelOutput', async (fault, words) => {
    const p = await ollama({ reply: () => SOLUTION, fault: (r) => (r.script ? fault : undefined) });
    const err = await p.generate(chat('x')).catch((e) => e);
    expect(err.name).toBe('BadModelOutput');
    expect(err.message).toContain(words);
    expect(server!.requests).toHaveLength(1); // a stream that had begun is not retried
  });

  it('times out a stalled stream', async () => {
    const p = await ollama({ reply: () => SOLUTION, fault: (r) => (r.script ? 'stall' : undefined) }, { timeoutMs: 300 });
    const started = Date.now();
    const err = await p.generate(chat('x')).catch((e) => e);
    expect(err.name).toBe('Timeout');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it.each([
    ['HTTP 500', { status: 500 }],
    ['HTTP 503', { status: 503 }],
    ['a connection reset', 'reset'],
  ] as const)('retries after %s and succeeds', async (_label, fault) => {
    const p = await ollama({ reply: () => 'recovered', fault: failFirst(1, fault) });
    expect((await p.generate(chat('x'))).text).toBe('recovered');
    expect(server!.requests).toHaveLength(2);
  });

  it('waits for Retry-After on 429 before retrying', async () => {
    const p = await ollama({ reply: () => 'ok', fault: failFirst(1, { status: 429, retryAfter: 1 }) });
    const started = Date.now();
    expect((await p.generate(chat('x'))).text).toBe('ok');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server!.requests).toHaveLength(2);
  });

  it('gives up with RateLimited when 429 persists, and does not retry a 400', async () => {
    const p = await ollama({ reply: () => 'ok', fault: (r) => (r.script ? { status: 429, retryAfter: 0 } : undefined) });
    await expect(p.generate(chat('x'))).rejects.toMatchObject({ name: 'RateLimited' });
    expect(server!.requests).toHaveLength(3); // the first try and two retries
    await server!.close();
    const q = await ollama({ reply: () => 'ok', fault: (r) => (r.script ? { status: 400, body: '{"error":"bad options"}' } : undefined) });
    await expect(q.generate(chat('x'))).rejects.toMatchObject({ name: 'HttpError', message: expect.stringContaining('bad options') });
    expect(server!.requests).toHaveLength(1);
  });

  it('lists models with status and version', async () => {
    const p = await ollama({ reply: () => 'x', models: ['qwen2.5:7b', 'qwen2.5-math:1.5b'] });
    const status = await p.status();
    expect(status).toMatchObject({ ok: true, version: '0.13.0', logprobs: true });
    expect(status.models.map((m) => m.name)).toEqual(['qwen2.5:7b', 'qwen2.5-math:1.5b']);
  });

  it('stopping the iteration early aborts the request', async () => {
    const p = await ollama({ reply: () => ({ text: 'a b c d e f g h', tokenDelayMs: 100 }) });
    for await (const chunk of p.stream(chat('x'))) if (chunk.delta) break;
    await expect.poll(() => server!.clientAborts).toBe(1);
  });
});
