import { describe, expect, it } from 'vitest';
import type { GenerateRequest, ModelProvider } from '../../extension/engine/providers/provider';
import { createModelProposer } from '../../extension/engine/search/propose';
import { runSearch } from '../../extension/engine/search/run';
import type { SearchEvent } from '../../extension/engine/search/types';
import { baseOptions, PROBLEM, RIGHT, scriptedJudge } from './search-fixtures';

/** A policy server that runs out of tokens in the middle of the first step of even seeds. */
function cuttingProvider(): ModelProvider {
  return {
    kind: 'ollama',
    baseUrl: 'http://fake',
    async generate(req: GenerateRequest) {
      const prefix = req.messages?.at(-1)?.role === 'assistant' ? req.messages.at(-1)!.content.split('\n\n').filter(Boolean) : [];
      const cut = prefix.length === 0 && (req.seed ?? 0) % 2 === 0;
      const text = cut ? '## Step 1: First we add 2 and 3, which' : RIGHT[prefix.length] ?? '';
      const completionTokens = cut ? (req.maxTokens ?? 512) : 12;
      return { text, finishReason: cut ? 'length' : 'stop', usage: { promptTokens: 30, completionTokens }, model: req.model };
    },
    stream: () => {
      throw new Error('not used');
    },
    listModels: async () => [],
    status: async () => ({ ok: true, provider: 'ollama', baseUrl: 'http://fake', models: [] }),
  };
}

describe('steps cut at the token limit', () => {
  it('carry a note on the node, in the added event and in the result', async () => {
    const proposer = createModelProposer(cuttingProvider(), 'm', { logprobs: false, maxTokens: 64 });
    const { scorer } = scriptedJudge();
    const events: SearchEvent[] = [];
    const result = await runSearch({ problem: PROBLEM, strategy: 'beam', proposer, scorer, aggregation: 'min', options: { ...baseOptions, seed: 0 }, onEvent: (e) => events.push(e) });
    const cut = result.nodes.filter((n) => n.text.endsWith('which'));
    expect(cut.length).toBeGreaterThan(0);
    for (const n of cut) {
      expect(n.note).toBe('step cut at the token limit (64 tokens) without ending');
      // It cannot be continued cleanly, so it ends its solution.
      expect(n.status === 'terminal' || n.status === 'pruned').toBe(true);
    }
    const added = events.flatMap((e) => (e.type === 'node-added' && e.node.note ? [e.node.id] : []));
    expect(added.sort()).toEqual(cut.map((n) => n.id).sort());
    // Whole steps get no note.
    expect(result.nodes.filter((n) => n.note).length).toBe(cut.length);
    expect(result.answer).toBe('20');
  });
});
