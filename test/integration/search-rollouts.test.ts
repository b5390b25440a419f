import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { PROBLEM, searchReply, WRONG } from '../helpers/searchScript';
import { startModelServer, type ModelServer } from '../servers/modelServer';

const reply = searchReply();


let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('stepwise solve --rollouts', () => {
  const flags = (url: string) => ['--base-url', url, '--model', 'judge:latest', '--policy-model', 'qwen2.5:7b', '--scorer', 'judge', '--seed', '1'];

  it('plays rollouts out from MCTS nodes and records them in the trace', async () => {
    server = await startModelServer({ reply });
    const dir = await mkdtemp(join(tmpdir(), 'stepwise-rollouts-'));
    const path = join(dir, 'problem.md');
    const trace = join(dir, 'trace.json');
    await writeFile(path, `${PROBLEM}\n`);
    const run = await runCli(['solve', path, '--strategy', 'mcts', '--mcts-iterations', '4', '--rollouts', '2', '--trace', trace, '--json', ...flags(server.url)]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).answer).toBe('20');
    const { result } = JSON.parse(await readFile(trace, 'utf8'));
    expect(result.stats.rollouts).toBeGreaterThan(0);
    const wrongFirst = result.nodes.find((n: { text: string }) => n.text === WRONG[0]);
    // Its rollouts reach 24, whose last step the judge doubts: the value sinks below its own score.
    expect(wrongFirst.rollouts.answers).toEqual(['24', '24']);
    const judged = server.requests.filter((r) => (r.messages[0]?.content ?? '').includes('careful math teacher')).length;
    expect(result.stats.scoringCalls).toBe(judged);
    expect(result.stats.generationCalls).toBe(server.requests.length - judged);
  });

  it('rejects a number of rollouts that is not whole', async () => {
    server = await startModelServer({ reply });
    const dir = await mkdtemp(join(tmpdir(), 'stepwise-rollouts-'));
    const path = join(dir, 'problem.md');
    await writeFile(path, `${PROBLEM}\n`);
    const run = await runCli(['solve', path, '--strategy', 'mcts', '--rollouts', '1.5', ...flags(server.url)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--rollouts "1.5": expected a whole number');
  });
});
