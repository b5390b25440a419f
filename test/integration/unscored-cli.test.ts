/** Honest verdicts through the CLI: a judge that never says yes or no, and one whose verdict is in its text. */
import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../servers/modelServer';
import { runCli } from '../helpers/cli';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('steps that get no verdict', () => {
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
