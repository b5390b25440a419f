import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../extension/engine/providers';
import type { GenerateRequest, ProviderOptions } from '../../extension/engine/providers/provider';
import { failFirst, judgeReply, startModelServer, type ModelServer, type ModelServerOptions } from '../servers/modelServer';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function openai(opts: ModelServerOptions, extra: Partial<ProviderOptions> = {}) {
  server = await startModelServer(opts);
  return createProvider({ kind: 'openai', baseUrl: server.openaiUrl, ...extra });
}

const chat = (content: string, more: Partial<GenerateRequest> = {}): GenerateRequest => ({ model: 'qwen2.5:7b', messages: [{ role: 'user', content }], ...more });
const SOLUTION = 'Step 1: 2 + 3 = 5.\n\nStep 2: So the answer is 5.';
const KEY = 'sk-test-very-secret-123';

describe('OpenAI-compatible provider over loopback', () => {
  it('streams chat completions over SSE with logprobs, top alternatives and usage', async () => {
    const p = await openai({ reply: () => SOLUTION });
    const deltas: string[] = [];
    let done;
    for await (const chunk of p.stream(chat('2+3?', { logprobs: true, topLogprobs: 2, seed: 3, temperature: 0.7 }))) {
      if (chunk.delta) deltas.push(chunk.delta);
      if (chunk.done) done = chunk.done;
    }
    expect(deltas.length).toBeGreaterThan(5);
    expect(done!.text).toBe(SOLUTION);
    expect(done!.tokens!.map((t) => t.token).join('')).toBe(SOLUTION);
    expect(done!.tokens![1]).toEqual({ token: ' 1', logprob: -0.05, top: [{ token: ' 1', logprob: -0.05 }] });
    expect(done!.finishReason).toBe('stop');
    expect(done!.usage.completionTokens).toBe(done!.tokens!.length);
    expect(server!.requests[0]).toMatchObject({ api: 'openai-chat', stream: true, logprobs: true, topLogprobs: 2, seed: 3, temperature: 0.7 });
  });

  it('uses /completions for an exact prompt and reads the judge alternatives', async () => {
    const p = await openai({ reply: () => judgeReply(0.3, 'yes') });
    const r = await p.generate({ model: 'judge:latest', prompt: 'Is the step right? Answer:', logprobs: true, topLogprobs: 10, maxTokens: 1 });
    expect(r.text).toBe('no');
    const top = r.tokens![0]!.top;
    const pYes = top.filter((t) => /yes/i.test(t.token)).reduce((s, t) => s + Math.exp(t.logprob), 0);
    const pNo = top.filter((t) => /no/i.test(t.token)).reduce((s, t) => s + Math.exp(t.logprob), 0);
    expect(pYes / (pYes + pNo)).toBeCloseTo(0.3, 6);
    expect(top[0]!.logprob).toBeGreaterThanOrEqual(top[1]!.logprob); // sorted, most likely first
    expect(server!.requests[0]).toMatchObject({ api: 'openai-completions', prompt: 'Is the step right? Answer:', maxTokens: 1, logprobs: true });
  });

  it('applies stop sequences and max tokens', async () => {
    const p = await openai({ reply: () => SOLUTION });
    expect(await p.generate(chat('x', { stop: ['\n\n'] }))).toMatchObject({ text: 'Step 1: 2 + 3 = 5.', finishReason: 'stop' });
    expect(await p.generate(chat('x', { maxTokens: 3 }))).toMatchObject({ text: 'Step 1:', finishReason: 'length' });
    expect(server!.requests[0]!.stop).toEqual(['\n\n']);
  });

  it('serves n choices with successive seeds (through the real client)', async () => {
    server = await startModelServer({ reply: (r) => `answer ${r.seed}` });
    const client = new OpenAI({ baseURL: server.openaiUrl, apiKey: 'x' });
    const res = await client.chat.completions.create({ model: 'qwen2.5:7b', messages: [{ role: 'user', content: 'x' }], n: 3, seed: 10 });
    expect(res.choices.map((c) => c.message.content)).toEqual(['answer 10', 'answer 11', 'answer 12']);
  });

  it('sends the API key as a Bearer token and keeps it out of error messages', async () => {
    const p = await openai({ reply: () => 'ok', apiKey: KEY }, { apiKey: KEY });
    expect((await p.generate(chat('x'))).text).toBe('ok');
    expect(server!.requests[0]!.headers['authorization']).toBe(`Bearer ${KEY}`);
    const err = await p.generate({ ...chat('x'), model: 'missing-model' }).catch((e) => e);
    expect(err.name).toBe('ModelNotFound');
    expect(err.message).toContain('qwen2.5:7b'); // lists the served models
    expect(JSON.stringify({ m: err.message, s: err.stack, c: String(err.cause) })).not.toContain(KEY);
  });

  it('turns 401 into AuthFailed without the key in the message', async () => {
    const p = await openai({ reply: () => 'ok', apiKey: 'right-key' }, { apiKey: KEY });
    const err = await p.generate(chat('x')).catch((e) => e);
    expect(err.name).toBe('AuthFailed');
    expect(err.message).toContain(server!.openaiUrl);
    expect(`${err.message} ${err.stack} ${err.cause}`).not.toContain(KEY);
    const status = await p.status();
    expect(status.ok).toBe(false);
    expect(status.problem).not.toContain(KEY);
  });

  it('reports an unreachable server with its URL', async () => {
    const s = await startModelServer({ reply: () => 'x' });
    await s.close();
    const p = createProvider({ kind: 'openai', baseUrl: s.openaiUrl, maxRetries: 0 });
    const err = await p.generate(chat('x')).catch((e) => e);
    expect(err.name).toBe('ServerUnreachable');
    expect(err.message).toContain(s.openaiUrl);
  });

  it('cancels mid-stream within 100 ms and the server sees the connection close', { retry: 2 }, async () => {
    const p = await openai({ reply: () => ({ text: 'one two three four five six seven eight', tokenDelayMs: 200 }) });
    const controller = new AbortController();
    let abortedAt = 0;
    let count = 0;
    const err = await (async () => {
      for await (const chunk of p.stream(chat('x', { signal: controller.signal }))) {
        if (chunk.delta && ++count === 2) {
          abortedAt = Date.now();
          controller.abort();
        }
      }
    })().catch((e) => e);
    expect(Date.now() - abortedAt).toBeLessThan(100);
    expect(err?.name).toBe('Cancelled');
    await expect.poll(() => server!.clientAborts).toBe(1);
  });

  it('returns tokens undefined when the server sends no logprobs', async () => {
    const p = await openai({ reply: () => 'fine', logprobs: false });
    const r = await p.generate(chat('x', { logprobs: true, topLogprobs: 3 }));
    expect(r).toMatchObject({ text: 'fine', tokens: undefined });
  });

  it.each([
    ['malformed', 'not JSON'],
    ['no-done', 'before the server said it had finished'],
    ['drop', 'connection closed'],
  ] as const)('turns a %s stream into BadModelOutput', async (fault, words) => {
    const p = await openai({ reply: () => SOLUTION, fault: (r) => (r.script ? fault : undefined) });
    const err = await p.generate(chat('x')).catch((e) => e);
    expect(err.name).toBe('BadModelOutput');
    expect(err.message).toContain(words);
  });

  it('times out a stalled stream', async () => {
    const p = await openai({ reply: () => SOLUTION, fault: (r) => (r.script ? 'stall' : undefined) }, { timeoutMs: 300, maxRetries: 0 });
    const started = Date.now();
    await expect(p.generate(chat('x'))).rejects.toMatchObject({ name: 'Timeout' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('retries 500 through the client and then succeeds; honours Retry-After on 429', async () => {
    const p = await openai({ reply: () => 'recovered', fault: failFirst(1, { status: 500 }) });
    expect((await p.generate(chat('x'))).text).toBe('recovered');
    expect(server!.requests).toHaveLength(2);
    await server!.close();
    const q = await openai({ reply: () => 'ok', fault: failFirst(1, { status: 429, retryAfter: 1 }) });
    const started = Date.now();
    expect((await q.generate(chat('x'))).text).toBe('ok');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('gives up with RateLimited when 429 persists, and HttpError for a 400', async () => {
    const p = await openai({ reply: () => 'ok', fault: (r) => (r.script ? { status: 429, retryAfter: 0 } : undefined) }, { maxRetries: 1 });
    await expect(p.generate(chat('x'))).rejects.toMatchObject({ name: 'RateLimited' });
    expect(server!.requests).toHaveLength(2);
    await server!.close();
    const q = await openai({ reply: () => 'ok', fault: (r) => (r.script ? { status: 400, body: '{"error":{"message":"max_tokens is too large"}}' } : undefined) });
    await expect(q.generate(chat('x'))).rejects.toMatchObject({ name: 'HttpError', message: expect.stringContaining('max_tokens is too large') });
    expect(server!.requests).toHaveLength(1);
  });

  it('lists served models in status', async () => {
    const p = await openai({ reply: () => 'x', models: ['Qwen/Qwen2.5-7B-Instruct'] });
    const status = await p.status();
    expect(status).toMatchObject({ ok: true, provider: 'openai', logprobs: undefined });
    expect(status.models.map((m) => m.name)).toEqual(['Qwen/Qwen2.5-7B-Instruct']);
  });
});
