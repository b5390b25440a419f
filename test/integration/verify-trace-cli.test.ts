// `stepwise verify` on a DeepSeek-R1-style answer: the trace's sections are judged one request each through the
// real ollama client against the loopback server, causally, under the concurrency limit.
import { afterEach, describe, expect, it } from 'vitest';
import { judgeReply, startModelServer, type ModelServer, type ScriptRequest } from '../servers/modelServer';
import { runCli } from '../helpers/cli';

const TRACE = 'test/fixtures/traces/r1-bakery.md';

/** Says No to the step asked about when it states 4 × 3 = 14 or 38 - 12 = 25, Yes otherwise. */
function judge(req: ScriptRequest) {
  const text = req.messages.at(-1)!.content;
  const asked = /Is Step (\d+) correct\?/.exec(text)![1];
  const body = text.slice(text.indexOf(`Step ${asked}: `), text.lastIndexOf('Is Step'));
  return judgeReply(/4 × 3 = 14|38 - 12 = 25/.test(body) ? 0.05 : 0.95);
}

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('stepwise verify on a reasoning trace', () => {
  it('judges each section given the earlier ones, links the correction and reports the surviving error', async () => {
    let inFlight = 0;
    let most = 0;
    server = await startModelServer({
      reply: async (req) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 15));
        inFlight--;
        return judge(req);
      },
    });
    const run = await runCli(['verify', TRACE, '--base-url', server.url, '--scorer', 'judge', '--concurrency', '2', '--json']);
    expect(run.code).toBe(1); // the final answer has a wrong step
    const out = JSON.parse(run.stdout);
    expect(out.sections.map((s: { kind: string; verdict: string }) => `${s.kind}:${s.verdict}`)).toEqual([
      'attempt:ok',
      'attempt:wrong',
      'attempt:ok',
      'reflection:ok',
      'strategy-shift:wrong',
    ]);
    expect(out.sections[1].recoveredBy).toBe(3);
    expect(out.sections[3].recovers).toEqual([1]);
    expect(out.trace.survivingError).toBe(4);
    expect(out.trace.form).toBe('<think>');
    expect(out.trace.summary).toContain('the error in section 5 is never corrected and reaches the answer');
    // Spans point into the file; the answer's steps are verified as before.
    expect(out.sections[3].text.startsWith('Wait, let me look at the muffins again.')).toBe(true);
    expect(out.steps.map((s: { verdict: string }) => s.verdict)).toEqual(['ok', 'wrong', 'ok']);
    expect(out.firstError).toBe(1);
    // One request per section and per answer step, never more than --concurrency at once.
    expect(server.requests).toHaveLength(5 + 3);
    expect(most).toBeLessThanOrEqual(2);
    // Causal: the request about section k holds sections 1..k only.
    const sectionAsks = server.requests.filter((r) => r.messages.at(-1)!.content.includes('Okay, so Maya'));
    expect(sectionAsks).toHaveLength(5);
    for (const r of sectionAsks) {
      const content = r.messages.at(-1)!.content;
      const k = Number(/Is Step (\d+) correct/.exec(content)![1]);
      expect(content).not.toContain(`Step ${k + 1}:`);
      expect(content).toContain('Problem:\nA bakery sells muffins');
    }
  });

  it('prints the surviving error first, then the sections, then the answer steps', async () => {
    server = await startModelServer({ reply: judge });
    const run = await runCli(['verify', TRACE, '--base-url', server.url, '--scorer', 'judge']);
    expect(run.code).toBe(1);
    const out = run.stdout;
    expect(out.indexOf('Surviving error: section 5 (strategy-shift)')).toBe(0);
    expect(out).toMatch(/2\s+0\.050\s+✗ wrong\s+attempt/);
    expect(out).toContain('↳ corrected by section 4');
    expect(out.indexOf('Reasoning trace (<think>)')).toBeLessThan(out.indexOf('Earliest wrong step: 2 of 3'));
  });
});
