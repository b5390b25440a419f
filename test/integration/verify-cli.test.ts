import { afterEach, describe, expect, it } from 'vitest';
import { judgeReply, startModelServer, type ModelServer, type ScriptRequest } from '../servers/modelServer';
import { CLOSED_URL, runCli } from '../helpers/cli';

const MUFFINS = 'examples/muffins.md';

/** A judge that doubts the step the question is about when it claims the cookies cost $8. */
function judge(req: ScriptRequest) {
  const text = req.messages.map((m) => m.content).join('\n');
  const asked = /Is Step (\d+) correct\?/.exec(text)?.[1];
  const stepLine = new RegExp(`Step ${asked}: ([^\\n]*)`).exec(text)?.[1] ?? '';
  return judgeReply(stepLine.includes('= $8') ? 0.08 : 0.96);
}

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('stepwise verify', () => {
  it('scores every step through Ollama with the judge and finds the earliest wrong step', async () => {
    server = await startModelServer({ reply: judge });
    const run = await runCli(['verify', MUFFINS, '--base-url', server.url, '--scorer', 'judge', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1); // a wrong step was found
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ outcome: 'wrong-step', judged: 4, unscored: 0, summary: 'Earliest wrong step: 2 of 4 (threshold 0.5).' });
    expect(out.steps).toHaveLength(4);
    expect(out.firstError).toBe(1);
    expect(out.steps[1].verdict).toBe('wrong');
    expect(out.steps[1].score).toBeCloseTo(0.08, 2);
    expect(out.steps[0].score).toBeCloseTo(0.96, 2);
    expect(out.steps[0].verdict).toBe('ok');
    // The solution score aggregates with `last` by default (search-and-learn); the first error is per step.
    expect(out.solutionScore).toBeCloseTo(0.96, 2);
    expect(out.steps[1].text).toBe('The cookies cost 6 × $1.50 = $8.');
    expect(out.steps[1].evidence.top.length).toBeGreaterThan(1);
    // A step's score never depends on what follows it: the judge saw steps 1..k only.
    for (const r of server.requests) {
      const k = Number(/Is Step (\d+) correct/.exec(r.messages.at(-1)!.content)![1]);
      expect(r.messages.at(-1)!.content).not.toContain(`Step ${k + 1}:`);
      expect(r.logprobs).toBe(true);
      expect(r.topLogprobs).toBe(20);
      expect(r.numCtx).toBeGreaterThanOrEqual(2048);
    }
  });

  it('prints a readable table naming the earliest wrong step', async () => {
    server = await startModelServer({ reply: judge });
    const run = await runCli(['verify', MUFFINS, '--base-url', server.url, '--scorer', 'judge']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/2\s+0\.0\d\d\s+✗ wrong/);
    expect(run.stdout).toContain('Earliest wrong step: 2 of 4');
  });

  it('works the same through an OpenAI-compatible endpoint', async () => {
    server = await startModelServer({ reply: judge, models: ['Qwen/Qwen2.5-7B-Instruct'] });
    const run = await runCli(
      ['verify', MUFFINS, '--provider', 'openai', '--base-url', server.openaiUrl, '--model', 'Qwen/Qwen2.5-7B-Instruct', '--scorer', 'judge', '--json'],
      { env: { OPENAI_API_KEY: 'sk-secret-123' } },
    );
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.firstError).toBe(1);
    expect(server.requests.every((r) => r.api === 'openai-chat' && r.headers.authorization === 'Bearer sk-secret-123')).toBe(true);
    expect(run.stdout + run.stderr).not.toContain('sk-secret-123');
  });

  it('falls back to sampled verdicts when the endpoint returns no logprobs, and says so', async () => {
    server = await startModelServer({
      logprobs: false,
      reply: (req) => (/Step 2: [^\n]*= \$8/.test(req.messages.at(-1)!.content) && /Is Step 2/.test(req.messages.at(-1)!.content) ? 'No' : 'Yes'),
    });
    const run = await runCli(['verify', MUFFINS, '--base-url', server.url, '--scorer', 'judge', '--json', '--verbal-samples', '3']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no token logprobs');
    const out = JSON.parse(run.stdout);
    expect(out.steps[1].scorer).toBe('verbal');
    expect(out.steps[1].score).toBe(0);
    expect(out.steps[0].score).toBe(1);
    expect(out.firstError).toBe(1);
    expect(out.notes.join(' ')).toMatch(/3 sampled verdicts/);
  });

  it('does not fall back to the arithmetic checker when the user named the server: it says why it failed', async () => {
    const run = await runCli(['verify', MUFFINS, '--base-url', CLOSED_URL, '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`Cannot reach the model server at ${CLOSED_URL}`);
    expect(run.stderr).toContain('did not fall back to the arithmetic checker because you named --base-url');
    expect(run.stderr).not.toContain('Using the built-in arithmetic checker');
  });

  it('uses the arithmetic checker when asked to, with no model at all', async () => {
    const run = await runCli(['verify', MUFFINS, '--scorer', 'arithmetic', '--json']);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.firstError).toBe(1);
    expect(out.steps[1].scorer).toBe('arithmetic');
    expect(JSON.stringify(out.steps[1].evidence)).toMatch(/9/);
  });

  it('names the URL and how to start Ollama when the judge cannot reach it', async () => {
    const run = await runCli(['verify', MUFFINS, '--base-url', CLOSED_URL, '--scorer', 'judge']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(CLOSED_URL);
    expect(run.stderr).toContain('ollama serve');
  });

  it('gives the exact pull command for a model that is not installed', async () => {
    server = await startModelServer({ reply: judge });
    const run = await runCli(['verify', MUFFINS, '--base-url', server.url, '--scorer', 'judge', '--model', 'llama3.1:8b']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ollama pull llama3.1:8b');
    // `auto` with a named model reports the missing model instead of scoring with something else.
    const auto = await runCli(['verify', MUFFINS, '--base-url', server.url, '--model', 'llama3.1:8b']);
    expect(auto.code).toBe(2);
    expect(auto.stdout).toBe('');
    expect(auto.stderr).toContain('ollama pull llama3.1:8b');
    expect(auto.stderr).toContain('because you named --base-url, --model;');
  });

  it('scores all steps of a path in one /pooling request with a vLLM PRM', async () => {
    server = await startModelServer({ reply: () => 'unused', pooling: () => [[0.1, 0.9], [0.8, 0.2], [0.3, 0.7], [0.4, 0.6]] });
    const run = await runCli(['verify', MUFFINS, '--scorer', 'pooling', '--pooling-url', server.url, '--pooling-model', 'Qwen/Qwen2.5-Math-PRM-7B', '--json']);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout);
    expect(out.steps.map((s: { score: number }) => s.score)).toEqual([0.9, 0.2, 0.7, 0.6]);
    expect(out.firstError).toBe(1);
    expect(server.poolingRequests).toHaveLength(1);
  });

  it('reads P(+) against P(-) from a Math-Shepherd-style PRM', async () => {
    server = await startModelServer({
      reply: (req) => {
        const last = req.messages.at(-1)!.content;
        const p = last.includes('= $8') ? 0.2 : 0.9;
        return { text: '+', tokens: [{ token: '+', logprob: Math.log(p), top: [{ token: '+', logprob: Math.log(p) }, { token: '-', logprob: Math.log(1 - p) }] }] };
      },
    });
    const run = await runCli(['verify', MUFFINS, '--base-url', server.url, '--scorer', 'plusminus', '--json']);
    const out = JSON.parse(run.stdout);
    expect(out.steps.map((s: { score: number }) => Number(s.score.toFixed(2)))).toEqual([0.9, 0.2, 0.9, 0.9]);
  });

  it('explains an empty solution instead of scoring nothing', async () => {
    const run = await runCli(['verify', 'examples/problem.md', '--scorer', 'arithmetic']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/No solution steps/);
  });

  it('takes the problem on the command line when the file holds only the solution', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join((await import('node:os')).tmpdir(), 'stepwise-'));
    writeFileSync(join(dir, 'sol.md'), 'First, 2 + 2 = 5.\n\nSo the answer is 5.\n');
    const run = await runCli(['verify', join(dir, 'sol.md'), '--problem', 'What is 2 + 2?', '--scorer', 'arithmetic', '--json']);
    const out = JSON.parse(run.stdout);
    expect(out.steps).toHaveLength(2);
    expect(out.steps[0].start).toBe(0);
    expect(out.firstError).toBe(0);
  });
});

describe('endpoints', () => {
  it('warns when problems would go unencrypted to another machine', async () => {
    // Nothing listens on this documentation address; the warning comes before any request.
    const run = await runCli(['verify', MUFFINS, '--base-url', 'http://192.0.2.1:11434', '--timeout', '1', '--json']);
    expect(run.stderr).toContain('plain http://');
    expect(run.stderr).toContain('192.0.2.1');
  });

  it('refuses an endpoint with credentials in it, without repeating them', async () => {
    const run = await runCli(['verify', MUFFINS, '--provider', 'openai', '--base-url', 'http://user:sk-hidden@127.0.0.1:8000/v1', '--scorer', 'judge']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('credentials');
    expect(run.stderr).not.toContain('sk-hidden');
  });
});

describe('stepwise correct without a model', () => {
  it('fixes a false computation with the arithmetic checker when no model answers', async () => {
    const run = await runCli(['correct', MUFFINS, '--scorer', 'arithmetic', '--base-url', CLOSED_URL, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.weakIndex).toBe(1);
    expect(out.replacement.text).toBe('The cookies cost 6 × $1.50 = $9.');
    expect(out.improved).toBe(true);
  });
});
