import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { createProvider } from '../../extension/engine/providers';
import { createJudgeScorer } from '../../extension/engine/scorers/judge';
import { createModelProposer } from '../../extension/engine/search/propose';
import { runSearch } from '../../extension/engine/search/run';
import { PROBLEM, searchReply } from '../helpers/searchScript';
import { startModelServer, type ModelServer } from '../servers/modelServer';

/** Steps that go on checking themselves for a while, so they are scored a few times while they stream. */
const CHECK = Array.from({ length: 150 }, (_, i) => `c${i}`).join(' ');
const RIGHT = [`## Step 1: 2 + 3 = 5. ${CHECK}`, `## Step 2: 5 * 4 = 20. ${CHECK}`, '## Step 3: The answer is \\boxed{20}.'];
const WRONG = [`## Step 1: 2 + 3 = 6. ${CHECK}`, `## Step 2: 6 * 4 = 24. ${CHECK}`, '## Step 3: The answer is \\boxed{24}.'];

const reply = searchReply(RIGHT, WRONG, { tokenDelayMs: 1 });

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('beam search with partialReject through the ollama client', () => {
  it('streams the candidates and hangs up on the ones whose partial step the judge doubts', async () => {
    server = await startModelServer({ reply });
    const provider = createProvider({ kind: 'ollama', baseUrl: server.url });
    const proposer = createModelProposer(provider, 'qwen2.5:7b');
    const scorer = createJudgeScorer({ provider, model: 'judge:latest' });
    // Four streams fill all four slots: the partial scores must not queue behind them.
    const options = { n: 4, beamWidth: 2, maxDepth: 8, temperature: 0.8, seed: 1, concurrency: 4, budget: {}, rejectBelow: 0.3, partialReject: true };
    const result = await runSearch({ problem: PROBLEM, strategy: 'beam', proposer, scorer, aggregation: 'min', options });
    expect(result.answer).toBe('20');
    expect(result.stats.partialAborts).toBeGreaterThanOrEqual(1);
    const aborted = result.nodes.filter((n) => n.pruneReason?.startsWith('aborted while writing: partial score 0.10'));
    expect(aborted.length).toBe(result.stats.partialAborts);
    expect(aborted.every((n) => n.text.startsWith('## Step 1: 2 + 3 = 6.') && n.text.length < WRONG[0].length)).toBe(true);
    // The stopped candidates' requests were really cut off on the wire.
    expect(server.clientAborts).toBeGreaterThanOrEqual(aborted.length);
    const policy = server.requests.filter((r) => !(r.messages[0]?.content ?? '').includes('careful math teacher'));
    expect(policy.every((r) => r.stream)).toBe(true);
  });
});

describe('stepwise solve --partial-reject', () => {
  it('asks for --reject-below, then stops doubtful candidates as they stream', async () => {
    server = await startModelServer({ reply });
    const dir = await mkdtemp(join(tmpdir(), 'stepwise-partial-'));
    const path = join(dir, 'problem.md');
    await writeFile(path, `${PROBLEM}\n`);
    const flags = ['--strategy', 'beam', '--partial-reject', '--base-url', server.url, '--model', 'judge:latest', '--policy-model', 'qwen2.5:7b', '--scorer', 'judge', '--seed', '1'];
    const missing = await runCli(['solve', path, ...flags]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--partial-reject needs a score to stop under: set --reject-below as well');
    const run = await runCli(['solve', path, ...flags, '--reject-below', '0.3', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).answer).toBe('20');
    expect(server.clientAborts).toBeGreaterThanOrEqual(1);
  });
});
