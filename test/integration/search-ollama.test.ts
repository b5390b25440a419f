import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../extension/engine/providers';
import { createJudgeScorer } from '../../extension/engine/scorers/judge';
import { createModelProposer } from '../../extension/engine/search/propose';
import { runSearch } from '../../extension/engine/search/run';
import { correctSolution } from '../../extension/engine/correct';
import { runCli } from '../helpers/cli';
import { PROBLEM, RIGHT, searchReply, WRONG } from '../helpers/searchScript';
import { startModelServer, type ModelServer } from '../servers/modelServer';

const reply = searchReply();


let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function parts(url: string) {
  const provider = createProvider({ kind: 'ollama', baseUrl: url });
  return {
    provider,
    proposer: createModelProposer(provider, 'qwen2.5:7b'),
    scorer: createJudgeScorer({ provider, model: 'judge:latest' }),
  };
}

describe('search through the ollama client and a loopback server', () => {
  it('beam search finds the right answer, one judge request per new step, each expansion with distinct seeds', async () => {
    server = await startModelServer({ reply });
    const { proposer, scorer } = parts(server.url);
    const result = await runSearch({ problem: PROBLEM, strategy: 'beam', proposer, scorer, aggregation: 'min', options: { n: 4, beamWidth: 2, maxDepth: 8, temperature: 0.8, seed: 1, concurrency: 4, budget: {} } });
    expect(result.answer).toBe('20');
    expect(result.steps.map((s) => s.text)).toEqual(RIGHT);
    const policy = server.requests.filter((r) => !r.messages[0]?.content.includes('careful math teacher'));
    const judge = server.requests.length - policy.length;
    expect(judge).toBe(result.nodes.filter((n) => n.score).length);
    expect(policy.every((r) => r.stop.includes('\n\n') && r.logprobs && r.api === 'ollama-chat')).toBe(true);
    // The first expansion: four samples from the root, four different seeds.
    expect(new Set(policy.slice(0, 4).map((r) => r.seed)).size).toBe(4);
    // The policy's logprobs became a confidence on the nodes.
    expect(result.nodes.find((n) => n.id === 'n1')?.confidence?.meanLogprob).toBeLessThan(0);
    expect(result.stats.completionTokens).toBeGreaterThan(0);
  });

  it('cancelling mid-search returns the partial tree promptly', async () => {
    server = await startModelServer({ reply, delayMs: 150 });
    const { proposer, scorer } = parts(server.url);
    const controller = new AbortController();
    let abortedAt = 0;
    // Cancel once the first steps are scored, as a user would after seeing progress.
    const onEvent = (e: { type: string }) => {
      if (e.type === 'node-scored' && !abortedAt) {
        abortedAt = Date.now();
        controller.abort();
      }
    };
    const result = await runSearch({ problem: PROBLEM, strategy: 'mcts', proposer, scorer, aggregation: 'min', options: { n: 4, beamWidth: 2, maxDepth: 8, temperature: 0.8, seed: 1, concurrency: 4, budget: {}, mctsIterations: 50 }, signal: controller.signal, onEvent });
    expect(Date.now() - abortedAt).toBeLessThan(250);
    expect(result.stoppedBy).toBe('cancelled');
    expect(result.nodes.length).toBeGreaterThan(1);
  });

  it('corrects a wrong first step through the same server', async () => {
    server = await startModelServer({ reply });
    const { provider, proposer, scorer } = parts(server.url);
    const result = await correctSolution({ problem: PROBLEM, steps: WRONG, scorer, proposer, provider, model: 'qwen2.5:7b', threshold: 0.5, aggregation: 'min', alternatives: 4, rounds: 1, seed: 1 });
    expect(result.improved).toBe(true);
    expect(result.replacement.text).toBe(RIGHT[0]);
    expect(result.answer).toBe('20');
  });
});

describe('stepwise solve / correct', () => {
  async function file(text: string) {
    const dir = await mkdtemp(join(tmpdir(), 'stepwise-solve-'));
    const path = join(dir, 'problem.md');
    await writeFile(path, text);
    return { dir, path };
  }

  it('solve --json prints the answer, steps, score and stats, and --trace writes the tree', async () => {
    server = await startModelServer({ reply });
    const { dir, path } = await file(`${PROBLEM}\n`);
    const trace = join(dir, 'trace.json');
    const run = await runCli(['solve', path, '--strategy', 'beam', '--n', '4', '--beam-width', '2', '--base-url', server.url, '--model', 'judge:latest', '--policy-model', 'qwen2.5:7b', '--scorer', 'judge', '--seed', '1', '--trace', trace, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ answer: '20', strategy: 'beam', outcome: 'no-wrong-step', judged: 3, unscored: 0 });
    expect(out.steps).toHaveLength(3);
    expect(Object.keys(out.stats).sort()).toEqual(['cacheHits', 'calls', 'completionTokens', 'promptTokens', 'wallMs']);
    expect(run.stderr).toContain(`Search tree written to ${trace}`);
    const human = await runCli(['solve', path, '--strategy', 'dvts', '--base-url', server.url, '--model', 'judge:latest', '--policy-model', 'qwen2.5:7b', '--scorer', 'judge', '--seed', '1']);
    expect(human.stdout).toMatch(/Answer: 20/);
    expect(human.stdout).toMatch(/^\s+1\s+0\.920 ✓ ok\s+## Step 1: 2 \+ 3 = 5\./m);
  });

  it('solve rejects n that is not a multiple of the beam width', async () => {
    server = await startModelServer({ reply });
    const { path } = await file(`${PROBLEM}\n`);
    const run = await runCli(['solve', path, '--strategy', 'beam', '--n', '5', '--beam-width', '2', '--base-url', server.url, '--scorer', 'judge']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--n 5 must be a multiple of --beam-width 2');
    // Checked before any request.
    expect(server.requests).toHaveLength(0);
  });

  it('correct shows a diff with scores and the reason', async () => {
    server = await startModelServer({ reply });
    const { path } = await file(`## Problem\n${PROBLEM}\n\n## Solution\n${WRONG.join('\n\n')}\n`);
    const run = await runCli(['correct', path, '--base-url', server.url, '--model', 'judge:latest', '--policy-model', 'qwen2.5:7b', '--scorer', 'judge', '--seed', '1']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^- {3}1 {2}0\.100 {2}## Step 1: 2 \+ 3 = 6\.$/m);
    expect(run.stdout).toMatch(/^\+ {3}1 {2}0\.920 {2}## Step 1: 2 \+ 3 = 5\.$/m);
    expect(run.stdout).toContain('Step 1 scored 0.10, below 0.50');
    const json = JSON.parse((await runCli(['correct', path, '--base-url', server.url, '--model', 'judge:latest', '--policy-model', 'qwen2.5:7b', '--scorer', 'judge', '--json'])).stdout);
    expect(json).toMatchObject({ weakIndex: 0, improved: true, answer: '20' });
  });
});
