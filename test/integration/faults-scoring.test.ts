/** Faults in what the model says (no logprobs, no yes/no, runaway steps) and in what the user gives (huge steps, bad bytes). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { judgeReply, startModelServer, type ModelServer, type ModelServerOptions, type ScriptRequest } from '../servers/modelServer';
import { runCli } from '../helpers/cli';
import { failOnUnhandledRejections } from './faults-guard';

failOnUnhandledRejections();

const MUFFINS = 'examples/muffins.md';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(opts: Partial<ModelServerOptions> & Pick<ModelServerOptions, 'reply'>) {
  server = await startModelServer(opts);
  return server;
}

function scratch(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'stepwise-faults-')), name);
  writeFileSync(path, content);
  return path;
}

const isJudge = (req: ScriptRequest) => (req.messages[0]?.content ?? '').includes('careful math teacher');

describe('what the model says', () => {
  it('an OpenAI endpoint without logprobs: falls back to sampled verdicts and says so', async () => {
    const s = await serve({ logprobs: false, reply: () => 'Yes' });
    const run = await runCli(['verify', MUFFINS, '--provider', 'openai', '--base-url', s.openaiUrl, '--scorer', 'judge', '--verbal-samples', '2', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`${s.openaiUrl} returned no token logprobs for qwen2.5:7b; scores are the share of "Yes" among 2 sampled verdicts per step (verbal scorer).\n`);
    const out = JSON.parse(run.stdout);
    expect(out.steps.map((x: { scorer: string; score: number }) => [x.scorer, x.score])).toEqual(Array(4).fill(['verbal', 1]));
    // 4 logprob tries that came back empty are not retried with logprobs: then 2 samples per step.
    expect(s.requests.filter((r) => r.logprobs).length).toBeLessThanOrEqual(4);
    expect(s.requests.filter((r) => !r.logprobs)).toHaveLength(8);
  });

  it('top logprobs without any yes/no token: the judge is asked to write, and with no verdict in its text every step is unscored', async () => {
    const top = [{ token: 'Maybe', logprob: -0.4 }, { token: 'Perhaps', logprob: -1.3 }, { token: 'I', logprob: -2.5 }];
    const s = await serve({ reply: () => ({ text: 'Maybe', tokens: [{ token: 'Maybe', logprob: -0.4, top }] }) });
    const run = await runCli(['verify', MUFFINS, '--base-url', s.url, '--scorer', 'judge', '--json']);
    expect(run.code).toBe(3);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ outcome: 'unverified', judged: 0, unscored: 4, firstError: -1, solutionScore: null });
    for (const step of out.steps) {
      expect(step).toMatchObject({ score: null, verdict: 'unscored', unscoredReason: 'The judge answered "Maybe" without a Yes or No; no verdict.' });
      expect(step.evidence.top.map((t: { token: string }) => t.token)).toEqual(['Maybe', 'Perhaps', 'I']);
    }
    const table = await runCli(['verify', MUFFINS, '--base-url', s.url, '--scorer', 'judge']);
    expect(table.stdout).toMatch(/ {4}1 {4}— {4}– unscored/); // shown as no score, not as 0.500
    expect(table.stdout).toContain('↳ The judge answered "Maybe"');
    expect(table.stdout).toContain("Unverified: none of the 4 steps got a verdict (the judge gave no yes/no verdict: 4).");
  });

  it('a policy that never writes the step delimiter: the step is cut at the token limit and the search ends', async () => {
    const endless = Array.from({ length: 2_000 }, (_, i) => `word${i}`).join(' ');
    const s = await serve({ reply: (req) => (isJudge(req) ? judgeReply(0.8) : endless) });
    const problem = scratch('problem.md', 'What is 2 + 2?\n');
    const started = Date.now();
    const run = await runCli(['solve', problem, '--base-url', s.url, '--scorer', 'judge', '--strategy', 'beam', '--n', '2', '--beam-width', '2', '--json']);
    expect(run.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    const out = JSON.parse(run.stdout);
    expect(out.stoppedBy).toBe('done');
    expect(out.answer).toBeFalsy();
    expect(out.steps).toHaveLength(1);
    expect(out.steps[0].text.split(' ')).toHaveLength(512); // the proposer's default step limit
    const policy = s.requests.filter((r) => !isJudge(r));
    expect(policy).toHaveLength(2); // one expansion of two samples: no endless re-asking
    expect(policy.every((r) => r.maxTokens === 512)).toBe(true);
  });
});

describe('what the user gives', () => {
  it('a 200 KB step: the arithmetic checker finishes, and the judge abstains on what cannot fit its context instead of judging a cut prompt', async () => {
    const huge = Array.from({ length: 20_000 }, (_, i) => `${i % 7} + 1 = ${(i % 7) + 1}`).join(', ').slice(0, 200_000);
    const file = scratch('huge.md', `## Problem\n\nAdd up.\n\n## Solution\n\nFirst, 2 + 2 = 4.\n\nThen ${huge}.\n\nSo the answer is \\boxed{4}.\n`);
    const started = Date.now();
    const local = await runCli(['verify', file, '--scorer', 'arithmetic', '--json']);
    expect(local.code).toBe(3); // the last step states nothing to check
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(JSON.parse(local.stdout).steps[1].text.length).toBeGreaterThan(200_000);

    const s = await serve({ reply: () => judgeReply(0.9), contextLength: 32_768 });
    const run = await runCli(['verify', file, '--base-url', s.url, '--scorer', 'judge', '--json']);
    expect(run.code).toBe(3);
    const out = JSON.parse(run.stdout);
    const steps = out.steps;
    expect(steps).toHaveLength(3);
    expect(out).toMatchObject({ outcome: 'incomplete', judged: 1, unscored: 2 });
    // Steps 2 and 3 carry the 200 KB step in their prompt: no verdict, and the reason why.
    expect(steps[0].verdict).toBe('ok');
    expect(steps.slice(1).map((st: { verdict: string; unscoredReason?: string }) => [st.verdict, /context/.test(st.unscoredReason ?? '')])).toEqual([
      ['unscored', true],
      ['unscored', true],
    ]);
    expect(s.requests.map((r) => r.numCtx!)).toEqual([2048]); // only the short first step was sent
  });

  it('a long step that fits: num_ctx grows to hold it, within the model context', async () => {
    const long = 'We add 1 + 1 = 2 again. '.repeat(1_500); // ~36 KB, ~12k tokens
    const file = scratch('long.md', `## Problem\n\nAdd.\n\n## Solution\n\n${long}\n\nSo the answer is \\boxed{2}.\n`);
    const s = await serve({ reply: () => judgeReply(0.9), contextLength: 32_768 });
    const run = await runCli(['verify', file, '--base-url', s.url, '--scorer', 'judge', '--json']);
    expect(run.code).toBe(0);
    const sizes = s.requests.map((r) => r.numCtx!);
    expect(Math.max(...sizes)).toBeGreaterThan(12_000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(32_768);
  });

  it('an input file with bytes that are not UTF-8: read with replacement characters, scored', async () => {
    const bytes = Buffer.concat([Buffer.from('## Problem\n\nWhat is 2 + 2?\n\n## Solution\n\nFirst, 2 + 2 = 4 '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('.\n\nSo the answer is \\boxed{4}.\n')]);
    const file = scratch('latin1.md', bytes);
    const s = await serve({ reply: () => judgeReply(0.9) });
    const run = await runCli(['verify', file, '--base-url', s.url, '--scorer', 'judge', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.steps).toHaveLength(2);
    expect(out.steps[0].text).toContain('= 4 \uFFFD\uFFFD\uFFFD.');
    expect(s.requests[0]!.messages.at(-1)!.content).toContain('\uFFFD');
    expect(readFileSync(file).length).toBe(bytes.length);
  });
});
