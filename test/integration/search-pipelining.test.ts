// Each candidate is judged as soon as it is written, not when the slowest sample of its level is.
import { afterEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../extension/engine/providers';
import { createJudgeScorer } from '../../extension/engine/scorers/judge';
import { createModelProposer } from '../../extension/engine/search/propose';
import { runSearch } from '../../extension/engine/search/run';
import { judgeReply, startModelServer, type ModelServer } from '../servers/modelServer';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('scoring while the level is still being written', () => {
  it('asks the judge about a finished sample before a slow sibling has answered, and still judges each step once', { timeout: 20_000 }, async () => {
    let slowAnswered = false;
    const judgedBeforeSlow: string[] = [];
    const judged: string[] = [];
    // The slow sample answers once the judge has been asked about a sibling (or after 5 s without that).
    let judgeAsked: () => void = () => undefined;
    const firstJudge = new Promise<void>((resolve) => (judgeAsked = resolve));
    server = await startModelServer({
      reply: async (req) => {
        if (req.messages[0]?.content.includes('careful math teacher')) {
          const asked = req.messages.at(-1)!.content;
          judged.push(asked);
          if (!slowAnswered) judgedBeforeSlow.push(asked);
          judgeAsked();
          return judgeReply(0.9);
        }
        const i = (req.seed ?? 0) % 4;
        if (i === 3) {
          await Promise.race([firstJudge, new Promise((r) => setTimeout(r, 5_000))]);
          slowAnswered = true;
        }
        return `## Step 1: Way ${i % 2}: $2 \\times 3 = 6$, so the answer is $\\boxed{6}$.`;
      },
    });
    const provider = createProvider({ kind: 'ollama', baseUrl: server.url });
    const result = await runSearch({
      problem: 'What is $2 \\times 3$?',
      strategy: 'beam',
      proposer: createModelProposer(provider, 'qwen2.5:7b'),
      scorer: createJudgeScorer({ provider, model: 'judge:latest', concurrency: 8 }),
      aggregation: 'last',
      options: { n: 4, beamWidth: 2, maxDepth: 4, temperature: 0.8, seed: 4, concurrency: 8, budget: {} },
    });
    expect(judgedBeforeSlow.length).toBeGreaterThan(0);
    // Two distinct steps among four samples: two judge requests, no more, and the nodes carry their scores.
    expect(judged).toHaveLength(2);
    expect(new Set(judged).size).toBe(2);
    expect(result.stats.scoringCalls).toBe(2);
    expect(result.stats.cacheHits).toBe(0);
    expect(result.nodes.filter((n) => n.parentId === 'n0' && !n.pruneReason?.startsWith('duplicate')).every((n) => n.score?.score !== undefined)).toBe(true);
    expect(result.answer).toBe('6');
  });
});
