/** Long runs under faults: nothing finished is lost, cancelling returns what was found, retries stop at an abort. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProvider } from '../../extension/engine/providers';
import { Cancelled } from '../../extension/engine/errors';
import { judgeReply, startModelServer, type ModelServer, type ScriptRequest } from '../servers/modelServer';
import { runCli } from '../helpers/cli';
import { failOnUnhandledRejections } from './faults-guard';

failOnUnhandledRejections();

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function miniSplit(dir: string, count: number) {
  const items = Array.from({ length: count }, (_, i) => ({ id: `mini-${i}`, generator: 'test', problem: `Problem ${i}`, steps: ['step a', 'step b', 'step c'], final_answer_correct: true, label: -1 }));
  const file = join(dir, 'mini.json');
  writeFileSync(file, JSON.stringify(items));
  return file;
}

const lines = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n').filter(Boolean) : []);
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
};

describe('eval processbench when the server breaks mid-run', () => {
  it('keeps every finished item in the checkpoint, says how to resume, and resumes without scoring them again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-eval-fault-'));
    const file = miniSplit(dir, 10);
    const checkpoint = join(dir, 'ck.jsonl');
    // The server dies for good (500) after 12 judge requests: items 1..4 (3 steps each) finish at concurrency 1.
    let healthy = true;
    server = await startModelServer({ reply: () => judgeReply(0.9), fault: (r) => (r.script && (!healthy || r.attempt > 12) ? { status: 500 } : undefined) });
    const args = ['eval', 'processbench', file, '--base-url', server.url, '--scorer', 'judge', '--concurrency', '1', '--checkpoint', checkpoint];
    const broken = await runCli(args);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`The model server at ${server.url} answered HTTP 500`);
    const kept = lines(checkpoint).map((l) => JSON.parse(l)).filter((r) => r.id);
    expect(kept.map((r) => r.id)).toEqual(['mini-0', 'mini-1', 'mini-2', 'mini-3']);
    expect(kept.every((r) => r.scores.length === 3 && r.scores.every((x: number) => Math.abs(x - 0.9) < 1e-6))).toBe(true);
    expect(server.requests).toHaveLength(12 + 3); // the failing request and its two retries: bounded
    await server.close();

    healthy = true;
    server = await startModelServer({ reply: () => judgeReply(0.9) });
    const resumed = await runCli([...args.map((a) => (a.startsWith('http://') ? server!.url : a)), '--json']);
    // The scorer key includes the URL, so the checkpoint path is explicit here; the items are what count.
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('Resuming: 4 of 10 items already scored');
    expect(JSON.parse(resumed.stdout).items).toHaveLength(10);
    expect(server.requests).toHaveLength(6 * 3);
  });
});

describe('solve cancelled mid-run', () => {
  /** Policy: "Step k: k + k = 2k." until step 3 states the answer; judge: always 0.9. Every reply takes 60 ms. */
  function reply(req: ScriptRequest) {
    if ((req.messages[0]?.content ?? '').includes('careful math teacher')) return judgeReply(0.9);
    const prefix = req.messages.at(-1)!.role === 'assistant' ? req.messages.at(-1)!.content.split('\n\n').filter(Boolean).length : 0;
    const k = prefix + 1;
    return k >= 3 ? `## Step ${k}: The answer is \\boxed{6}.` : `## Step ${k}: ${k} + ${k} = ${2 * k}.\n\n## Step ${k + 1}: more`;
  }

  it('returns the partial tree: the JSON result, exit code 130, and the trace file', async () => {
    server = await startModelServer({ reply, delayMs: 60 });
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-solve-cancel-'));
    const problem = join(dir, 'p.md');
    writeFileSync(problem, 'What is 1 + 2 + 3?\n');
    const trace = join(dir, 'trace.json');
    const controller = new AbortController();
    const running = runCli(['solve', problem, '--base-url', server.url, '--scorer', 'judge', '--strategy', 'beam', '--n', '4', '--beam-width', '2', '--trace', trace, '--json'], { signal: controller.signal });
    const s = server;
    await until(() => s.requests.filter((r) => (r.messages[0]?.content ?? '').includes('careful math teacher')).length >= 2);
    const cancelledAt = Date.now();
    controller.abort();
    const run = await running;
    expect(Date.now() - cancelledAt).toBeLessThan(500);
    expect(run.code).toBe(130);
    const out = JSON.parse(run.stdout);
    expect(out.stoppedBy).toBe('cancelled');
    expect(out.steps.length).toBeGreaterThanOrEqual(1);
    expect(out.steps[0].text).toBe('## Step 1: 1 + 1 = 2.');
    const tree = JSON.parse(readFileSync(trace, 'utf8'));
    expect(JSON.stringify(tree)).toContain('## Step 1: 1 + 1 = 2.');
    // No request is started after the cancel.
    const after = s.requests.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(s.requests.length).toBe(after);
  });
});

describe('retries stop at an abort', () => {
  it.each(['ollama', 'openai'] as const)('%s: cancelling during a Retry-After wait ends at once and sends nothing more', async (kind) => {
    server = await startModelServer({ reply: () => 'x', fault: (r) => (r.script ? { status: 429, retryAfter: 5 } : undefined) });
    const provider = createProvider({ kind, baseUrl: kind === 'ollama' ? server.url : server.openaiUrl, timeoutMs: 10_000 });
    const controller = new AbortController();
    const pending = provider.generate({ model: 'qwen2.5:7b', messages: [{ role: 'user', content: 'hi' }], signal: controller.signal });
    const s = server;
    await until(() => s.requests.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    const cancelledAt = Date.now();
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(Cancelled);
    expect(Date.now() - cancelledAt).toBeLessThan(200);
    await new Promise((r) => setTimeout(r, 5_200)); // past the Retry-After: a retry would show up now
    expect(s.requests).toHaveLength(1);
  }, 10_000);
});
