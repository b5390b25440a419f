import { describe, expect, it } from 'vitest';
import { NoLogprobs } from '../../extension/engine/errors';
import type { GenerateRequest, GenerateResult, ModelProvider } from '../../extension/engine/providers/provider';
import { confidenceOf, createModelProposer, toProposal } from '../../extension/engine/search/propose';

function fakeProvider(kind: 'ollama' | 'openai', reply: (req: GenerateRequest) => Partial<GenerateResult> & { text: string }, opts: { refuseLogprobs?: boolean } = {}) {
  const requests: GenerateRequest[] = [];
  const provider: ModelProvider = {
    kind,
    baseUrl: 'http://fake',
    async generate(req) {
      requests.push(req);
      if (opts.refuseLogprobs && req.logprobs) throw new NoLogprobs('test server');
      return { finishReason: 'stop', usage: { promptTokens: 10, completionTokens: 4 }, model: req.model, ...reply(req) };
    },
    stream: () => { throw new Error('not used'); },
    listModels: async () => [],
    status: async () => ({ ok: true, provider: kind, baseUrl: 'http://fake', models: [] }),
  };
  return { provider, requests };
}

describe('createModelProposer', () => {
  it('continues the partial solution as an Ollama assistant prefix, one request per sample with its own seed', async () => {
    const { provider, requests } = fakeProvider('ollama', (r) => ({ text: `## Step 2: seed ${r.seed}` }));
    const proposer = createModelProposer(provider, 'qwen2.5:7b');
    const out = await proposer.propose('What is 1+1?', ['## Step 1: Add.'], 3, { seedBase: 100, temperature: 0.6 });
    expect(out.map((p) => p.text)).toEqual(['## Step 2: seed 100', '## Step 2: seed 101', '## Step 2: seed 102']);
    expect(requests.map((r) => r.seed)).toEqual([100, 101, 102]);
    const r = requests[0];
    expect(r.stop).toEqual(['\n\n']);
    expect(r.temperature).toBe(0.6);
    expect(r.messages?.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
    expect(r.messages?.[2].content).toBe('## Step 1: Add.\n\n');
    expect(r).toMatchObject({ logprobs: true, topLogprobs: 5 });
  });

  it('puts the prefix in the user turn for OpenAI-compatible servers', async () => {
    const { provider, requests } = fakeProvider('openai', () => ({ text: 'x' }));
    await createModelProposer(provider, 'm').propose('P?', ['## Step 1: a'], 1, { seedBase: 1 });
    expect(requests[0].messages?.map((m) => m.role)).toEqual(['system', 'user']);
    expect(requests[0].messages?.[1].content).toContain('The solution so far:\n\n## Step 1: a');
  });

  it('marks a step that states an answer (or an empty one) as finished and keeps only the first paragraph', async () => {
    expect(toProposal('\n## Step 3: So \\boxed{4}.', 'stop', { promptTokens: 0, completionTokens: 0 })).toMatchObject({ finished: true, answer: '4', text: '## Step 3: So \\boxed{4}.' });
    expect(toProposal('## Step 1: a\n\n## Step 2: b', 'stop', { promptTokens: 0, completionTokens: 0 })).toMatchObject({ finished: false, text: '## Step 1: a' });
    expect(toProposal('', 'stop', { promptTokens: 0, completionTokens: 0 }).finished).toBe(true);
  });

  it('records the policy confidence from token logprobs', () => {
    const c = confidenceOf([
      { token: 'a', logprob: -0.1, top: [{ token: 'a', logprob: -0.1 }, { token: 'b', logprob: -2.4 }] },
      { token: 'c', logprob: -1.5, top: [] },
    ]);
    expect(c?.meanLogprob).toBeCloseTo(-0.8);
    expect(c?.minLogprob).toBeCloseTo(-1.5);
    expect(c?.entropy).toBeGreaterThan(0);
    expect(confidenceOf(undefined)).toBeUndefined();
  });

  it('keeps writing steps without logprobs when the server refuses them', async () => {
    const { provider, requests } = fakeProvider('ollama', () => ({ text: 'step' }), { refuseLogprobs: true });
    const proposer = createModelProposer(provider, 'm', { concurrency: 1 });
    const out = await proposer.propose('P', [], 2, { seedBase: 5 });
    expect(out.map((p) => p.text)).toEqual(['step', 'step']);
    expect(requests.filter((r) => !r.logprobs).length).toBe(2);
  });
});
