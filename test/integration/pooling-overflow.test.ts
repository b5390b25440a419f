// A path longer than the PRM's context abstains for that path with the server's reason; the eval goes on.
import { afterEach, describe, expect, it } from 'vitest';
import { runBestOfNEval } from '../../extension/engine/eval/bestOfN';
import { PoolingClient } from '../../extension/engine/providers/pooling';
import { createPoolingScorer } from '../../extension/engine/scorers/pooling';
import { startModelServer, type ModelServer } from '../servers/modelServer';
import { chainPolicy, chainProblems } from '../helpers/chainProblems';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const LIMIT_CHARS = 650;
/** vLLM's answer to an input over max_model_len (HTTP 400). */
const overflowBody = (tokens: number) =>
  JSON.stringify({ object: 'error', message: `This model's maximum context length is 200 tokens. However, you requested ${tokens} tokens in the input for pooling. Please reduce the length of the input.`, type: 'BadRequestError', param: null, code: 400 });

describe('pooling scorer and an over-long path', () => {
  it('abstains for the steps that do not fit, with the reason, and the eval finishes every problem', async () => {
    server = await startModelServer({
      reply: () => '',
      pooling: ({ messages }) => (messages as { content: string }[])[2].content.split('<extra_0>').slice(0, -1).map(() => [0.2, 0.8]),
      fault: (r) => {
        const size = r.path === '/pooling' ? JSON.stringify(r.body).length : 0;
        return size > LIMIT_CHARS ? { status: 400, body: overflowBody(Math.ceil(size / 4)) } : undefined;
      },
    });
    const client = new PoolingClient({ baseUrl: server.url, maxRetries: 0 });
    const scorer = createPoolingScorer({ client, model: 'Qwen/Qwen2.5-Math-PRM-7B' });
    const [short] = chainProblems(1, 2);
    const [long] = chainProblems(1, 6);
    const problems = [
      { id: 'short', problem: short.problem, reference: short.answer },
      { id: 'long', problem: long.problem, reference: long.answer },
    ];
    const { results, complete } = await runBestOfNEval({ problems, proposer: chainPolicy({ slip: 0 }), scorer, n: 2, seed: 1, temperature: 0.8, maxDepth: 10, concurrency: 2 });
    expect(complete).toBe(true);
    const [a, b] = results;
    expect(a.samples.every((s) => s.unscored === undefined && s.correct)).toBe(true);
    expect(a.samples[0].stepScores).toEqual([0.8, 0.8]);
    for (const s of b.samples) {
      expect(s.correct).toBe(true);
      expect(s.unscored).toMatch(/^not scored: the path \(\d+ tokens\) is longer than the 200-token context of Qwen\/Qwen2.5-Math-PRM-7B, and the server refused it$/);
      // The first steps fit and are scored; the rest have no score (null), never a neutral 0.5.
      expect(s.stepScores.slice(0, 2)).toEqual([0.8, 0.8]);
      expect(s.stepScores.at(-1)).toBeNull();
    }
  });
});
