import { afterEach, describe, expect, it } from 'vitest';
import { PoolingClient } from '../../extension/engine/providers/pooling';
import { startModelServer, type ModelServer, type ModelServerOptions } from '../servers/modelServer';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const MODEL = 'Qwen/Qwen2.5-Math-PRM-7B';
const STEPS = ['Step 1: 2 + 3 = 5.', 'Step 2: 5 * 2 = 11.', 'Step 3: The answer is 11.'];

async function pooling(opts: Partial<ModelServerOptions>, client: { apiKey?: string; timeoutMs?: number; withV1?: boolean } = {}) {
  server = await startModelServer({ reply: () => '', ...opts });
  return new PoolingClient({ baseUrl: client.withV1 ? server.openaiUrl : server.url, apiKey: client.apiKey, timeoutMs: client.timeoutMs ?? 5_000 });
}

describe('vLLM /pooling client over loopback', () => {
  it('sends the PRM chat with <extra_0> after every step and returns one [p_neg, p_pos] row per step', async () => {
    const rows = [[0.1, 0.9], [0.8, 0.2], [0.7, 0.3]];
    const client = await pooling({ pooling: () => rows }, { withV1: true }); // a trailing /v1 is stripped
    const r = await client.scoreSteps(MODEL, 'What is (2+3)*2?', STEPS);
    expect(r.probs).toEqual(rows);
    expect(r.usage.promptTokens).toBeGreaterThan(0);
    const sent = server!.poolingRequests[0] as { model: string; messages: { role: string; content: string }[] };
    expect(sent.model).toBe(MODEL);
    expect(sent.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
    expect(sent.messages[0]!.content).toContain('\\boxed{}');
    expect(sent.messages[2]!.content).toBe(STEPS.join('<extra_0>') + '<extra_0>');
  });

  it('refuses a row count that does not match the steps, loudly and without padding', async () => {
    const client = await pooling({ pooling: () => [[0.1, 0.9], [0.2, 0.8]] });
    const err = await client.scoreSteps(MODEL, 'p', STEPS).catch((e) => e);
    expect(err.name).toBe('BadModelOutput');
    expect(err.message).toContain('2 score rows for 3 steps');
  });

  it('turns logits into probabilities and rejects rows that are not pairs', async () => {
    const client = await pooling({ pooling: () => [[0, Math.log(3)]] });
    const [row] = (await client.scoreSteps(MODEL, 'p', ['Step 1: x'])).probs;
    expect(row![1]).toBeCloseTo(0.75, 9);
    await server!.close();
    const bad = await pooling({ pooling: () => [[0.1, 0.2, 0.7]] });
    await expect(bad.scoreSteps(MODEL, 'p', ['Step 1: x'])).rejects.toMatchObject({ name: 'BadModelOutput' });
  });

  it('retries a 503 and sends the API key', async () => {
    const client = await pooling({ apiKey: 'k1', fault: (r) => (r.path === '/pooling' && r.attempt === 1 ? { status: 503 } : undefined) }, { apiKey: 'k1' });
    expect((await client.scoreSteps(MODEL, 'p', STEPS)).probs).toHaveLength(3);
    expect(server!.poolingRequests).toHaveLength(1); // the 503 was answered before the route recorded it
  });

  it('maps 401, 404 model, unreachable, timeout and cancel to typed errors', async () => {
    const wrongKey = await pooling({ apiKey: 'right' }, { apiKey: 'wrong' });
    await expect(wrongKey.scoreSteps(MODEL, 'p', STEPS)).rejects.toMatchObject({ name: 'AuthFailed' });
    await server!.close();
    const missing = await pooling({ fault: () => ({ status: 404, body: '{"object":"error","message":"The model `x` does not exist.","type":"NotFoundError","code":404}' }) });
    await expect(missing.scoreSteps('x', 'p', STEPS)).rejects.toMatchObject({ name: 'ModelNotFound' });
    await server!.close();
    const stalled = await pooling({ delayMs: 2_000 }, { timeoutMs: 200 }); // no byte for longer than the timeout
    await expect(stalled.scoreSteps(MODEL, 'p', STEPS)).rejects.toMatchObject({ name: 'Timeout' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const patient = new PoolingClient({ baseUrl: server!.url, timeoutMs: 10_000 });
    await expect(patient.scoreSteps(MODEL, 'p', STEPS, controller.signal)).rejects.toMatchObject({ name: 'Cancelled' });
    const url = server!.url;
    await server!.close();
    server = undefined;
    const down = new PoolingClient({ baseUrl: url, timeoutMs: 1_000 });
    await expect(down.scoreSteps(MODEL, 'p', STEPS)).rejects.toMatchObject({ name: 'ServerUnreachable', message: expect.stringContaining(url) });
  });
});
