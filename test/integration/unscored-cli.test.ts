/** Honest verdicts through the CLI: a long solution that outgrows the context, and a judge that never says yes or no. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { judgeReply, startModelServer, type ModelServer } from '../servers/modelServer';
import { runCli } from '../helpers/cli';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function scratch(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'stepwise-unscored-')), name);
  writeFileSync(path, content);
  return path;
}

/** 2,505 steps of counting apples, then the answer: the prompts of the last steps outgrow an 18k context. */
export function longSolution(steps = 2_505): string {
  const lines = Array.from({ length: steps - 1 }, (_, i) => `Now ${i + 1} + 1 = ${i + 2}.`);
  return `## Problem\n\nStart with one apple and add one apple ${steps - 1} times. How many apples are there?\n\n## Solution\n\n${lines.join('\n\n')}\n\nSo the answer is \\boxed{${steps}}.\n`;
}

describe('steps that get no verdict', () => {
  it('a 2,505-step solution: the steps that outgrow the context are unscored (the answer among them), never sent, and the run is not called clean', async () => {
    server = await startModelServer({ reply: () => judgeReply(0.9), contextLength: 18_432 });
    const file = scratch('long.md', longSolution());
    const run = await runCli(['verify', file, '--base-url', server.url, '--scorer', 'judge', '--concurrency', '8', '--json']);
    expect(run.code).toBe(3);
    const out = JSON.parse(run.stdout);
    expect(out.steps).toHaveLength(2_505);
    expect(out.outcome).toBe('incomplete');
    const unscored = out.steps.filter((s: { verdict: string }) => s.verdict === 'unscored');
    expect(unscored.length).toBe(out.unscored);
    expect(out.unscored).toBeGreaterThan(10);
    expect(out.unscored).toBeLessThan(400);
    // The overflowing steps are the last ones, the answer among them; each says why, and none has a score.
    expect(unscored[0].index).toBe(2_505 - out.unscored);
    expect(unscored.at(-1).text).toContain('\\boxed{2505}');
    for (const s of unscored) {
      expect(s.score).toBeNull();
      expect(s.unscoredReason).toMatch(/context/);
    }
    expect(out.firstError).toBe(-1);
    expect(out.judged).toBe(2_505 - out.unscored);
    expect(out.summary).toBe(`No wrong step among the ${out.judged.toLocaleString('en-US')} judged steps, but ${out.unscored} of 2,505 steps got no verdict (too long for the model's context: ${out.unscored}): not verified as a whole.`);
    // Only the steps that fit were sent.
    expect(server.requests).toHaveLength(out.judged);

  }, 120_000);

  it('a judge that answers "Let me check this step carefully." on every step: asked once more to write, then no verdict, exit 3', async () => {
    // The text route asks for more tokens; the scripted judge still writes no verdict.
    const judgeText = (server = await startModelServer({
      reply: (req) => (req.maxTokens === 1 ? { text: 'Let', tokens: [{ token: 'Let', logprob: -0.1, top: [{ token: 'Let', logprob: -0.1 }, { token: 'I', logprob: -2.6 }] }] } : 'Let me check this step carefully.'),
    }));
    const run = await runCli(['verify', 'examples/muffins.md', '--base-url', judgeText.url, '--scorer', 'judge', '--json']);
    expect(run.code).toBe(3);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ outcome: 'unverified', judged: 0, unscored: 4, firstError: -1, solutionScore: null });
    expect(out.steps[0].unscoredReason).toBe('The judge answered "Let me check this step carefully." without a Yes or No; no verdict.');
    expect(out.summary).toBe('Unverified: none of the 4 steps got a verdict (the judge gave no yes/no verdict: 4).');
    // Two requests a step: the yes/no token, then the written answer.
    expect(judgeText.requests.map((r) => r.maxTokens).sort()).toEqual([1, 1, 1, 1, 256, 256, 256, 256]);
  });

  it('a judge whose first token is no verdict but whose text is: the verdict is read from the text', async () => {
    server = await startModelServer({
      reply: (req) => {
        if (req.maxTokens === 1) return { text: 'Let', tokens: [{ token: 'Let', logprob: -0.1, top: [{ token: 'Let', logprob: -0.1 }] }] };
        const last = req.messages.at(-1)!.content;
        return /Is Step 2 correct/.test(last) ? 'Let me check: 6 × 1.50 = 9, not 8. So Step 2 is incorrect.' : 'Let me check. The step is correct.';
      },
    });
    const run = await runCli(['verify', 'examples/muffins.md', '--base-url', server.url, '--scorer', 'judge', '--json']);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.steps.map((s: { score: number }) => s.score)).toEqual([1, 0, 1, 1]);
    expect(out).toMatchObject({ outcome: 'wrong-step', firstError: 1, judged: 4 });
    expect(out.steps[1].evidence.method).toMatch(/text the judge wrote/);
  });
});
