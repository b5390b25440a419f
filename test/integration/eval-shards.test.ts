/** Evals split into shards (run anywhere) and joined by `eval merge` into the report a single run writes. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { judgeReply, startModelServer, type ModelServer, type ScriptRequest } from '../servers/modelServer';
import { runCli } from '../helpers/cli';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Eleven items (an odd count, so the shards differ in size); wrong steps say WRONG; "skip" steps get no verdict. */
function split(dir: string): string {
  const items = Array.from({ length: 11 }, (_, i) => {
    const label = i % 3 === 0 ? -1 : i % 3;
    const steps = ['a', 'b', 'c', 'd'].map((s, k) => (k === label ? `step ${s} WRONG` : i === 4 && k === 0 ? `step ${s} skip` : `step ${s}`));
    return { id: `item-${i}`, generator: 'test', problem: `Problem ${i}`, steps, final_answer_correct: label === -1, label };
  });
  const file = join(dir, 'split.json');
  writeFileSync(file, JSON.stringify(items));
  return file;
}

function judge(req: ScriptRequest) {
  const text = req.messages.at(-1)!.content;
  const k = Number(/Is Step (\d+) correct/.exec(text)![1]);
  const step = new RegExp(`Step ${k}: ([^\\n]*)`).exec(text)![1];
  if (step.includes('skip')) return req.maxTokens === 1 ? { text: 'Hmm', tokens: [{ token: 'Hmm', logprob: -0.1, top: [{ token: 'Hmm', logprob: -0.1 }] }] } : 'Hmm, hard to say.';
  return judgeReply(step.includes('WRONG') ? 0.1 : 0.9);
}

describe('eval processbench --shard and eval merge', () => {
  it('two shards merged give exactly the report of one run, unscored steps counted and never predicted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-shards-'));
    const file = split(dir);
    server = await startModelServer({ reply: judge });
    const common = ['eval', 'processbench', file, '--base-url', server.url, '--scorer', 'judge', '--concurrency', '3'];
    const single = await runCli([...common, '--checkpoint', join(dir, 'single.jsonl'), '--json']);
    expect(single.code).toBe(0);
    const one = JSON.parse(single.stdout);
    expect(one.itemsWithUnscoredSteps).toBe(1);
    expect(one.items[4]).toMatchObject({ id: 'item-4', scores: [null, expect.any(Number), expect.any(Number), expect.any(Number)], unscored: 1 });

    // Shard 2 first: the order the shards run in does not matter.
    const b = await runCli([...common, '--shard', '2/2', '--checkpoint', join(dir, 'b.jsonl'), '--json']);
    const a = await runCli([...common, '--shard', '1/2', '--checkpoint', join(dir, 'a.jsonl'), '--json']);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(JSON.parse(a.stdout).items.map((i: { id: string }) => i.id)).toEqual(['item-0', 'item-2', 'item-4', 'item-6', 'item-8', 'item-10']);
    expect(JSON.parse(b.stdout).items).toHaveLength(5);

    const out = join(dir, 'merged.json');
    const merged = await runCli(['eval', 'merge', join(dir, 'b.jsonl'), join(dir, 'a.jsonl'), '--out', out, '--json']);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.stdout)).toEqual(one);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(one);

    const text = await runCli(['eval', 'merge', join(dir, 'a.jsonl'), join(dir, 'b.jsonl')]);
    const singleText = await runCli([...common, '--checkpoint', join(dir, 'single.jsonl')]);
    expect(text.stdout).toBe(singleText.stdout);
    expect(text.stdout).toContain('No verdict: 1 steps in 1 of 11 items got no verdict');
  });

  it('a missing shard, a shard of another run, or a plain file is refused with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-shards-'));
    const file = split(dir);
    const run = (shard: string, ck: string, extra: string[] = []) => runCli(['eval', 'processbench', file, '--scorer', 'arithmetic', '--shard', shard, '--checkpoint', join(dir, ck), ...extra]);
    await run('1/3', 'a.jsonl');
    await run('2/3', 'b.jsonl');
    const missing = await runCli(['eval', 'merge', join(dir, 'a.jsonl'), join(dir, 'b.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Shard 3/3 of this run is missing.');
    await run('3/3', 'c.jsonl', ['--threshold', '0.3']);
    const other = await runCli(['eval', 'merge', join(dir, 'a.jsonl'), join(dir, 'b.jsonl'), join(dir, 'c.jsonl')]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('belongs to another run');
    writeFileSync(join(dir, 'plain.jsonl'), '{"id":"x","scores":[1]}\n');
    const plain = await runCli(['eval', 'merge', join(dir, 'plain.jsonl')]);
    expect(plain.stderr).toContain('is not a Stepwise checkpoint with a header');
    expect(await runCli(['eval', 'processbench', file, '--shard', '3/2'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--shard 3/2: expected K/N') });
  });

  it('--checkpoint naming a folder puts the checkpoint inside it, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-shards-'));
    const file = split(dir);
    const run = await runCli(['eval', 'processbench', file, '--scorer', 'arithmetic', '--checkpoint', dir]);
    expect(run.code).toBe(0);
    const path = /the checkpoint is (\S+)\.\n/.exec(run.stderr)?.[1];
    expect(path?.startsWith(dir)).toBe(true);
    expect(existsSync(path!)).toBe(true);
  });
});

describe('eval bestofn --shard and eval merge', () => {
  it('two shards merged write the same results.json as one run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-shards-'));
    const file = join(dir, 'five.jsonl');
    writeFileSync(file, Array.from({ length: 5 }, (_, i) => JSON.stringify({ question: `What is ${i} + ${i}?`, answer: `#### ${2 * i}` })).join('\n') + '\n');
    // Every sample writes the right answer in two steps; the judge is sure of each.
    server = await startModelServer({
      reply: (req) => {
        if (req.messages[0]?.content.includes('careful math teacher')) return judgeReply(0.9);
        const i = Number(/What is (\d+)/.exec(req.messages[1]!.content)![1]);
        const last = req.messages.at(-1)!;
        return last.role === 'assistant' ? `## Step 2: So the answer is \\boxed{${2 * i}}.` : `## Step 1: ${i} + ${i} = ${2 * i}.\n\n`;
      },
    });
    const common = ['eval', 'bestofn', file, '--base-url', server.url, '--model', 'qwen2.5:7b', '--scorer', 'judge', '--n', '2', '--concurrency', '2'];
    const single = await runCli([...common, '--checkpoint', join(dir, 'one.jsonl'), '--out', join(dir, 'one')]);
    expect(single.code).toBe(0);
    for (const k of ['1', '2']) expect((await runCli([...common, '--shard', `${k}/2`, '--checkpoint', join(dir, `s${k}.jsonl`), '--out', join(dir, `s${k}`)])).code).toBe(0);
    const merged = await runCli(['eval', 'merge', join(dir, 's1.jsonl'), join(dir, 's2.jsonl'), '--out', join(dir, 'merged')]);
    expect(merged.code).toBe(0);
    const read = (d: string) => JSON.parse(readFileSync(join(dir, d, 'results.json'), 'utf8'));
    const one = read('one');
    const joined = read('merged');
    expect(one.problems).toBe(5);
    // Timing differs between runs; everything else is the same report.
    const timeless = (r: { costPerProblem: { seconds: number } }) => ({ ...r, costPerProblem: { ...r.costPerProblem, seconds: 0 } });
    expect(timeless(joined)).toEqual(timeless(one));
    expect(existsSync(join(dir, 'merged', 'report.html'))).toBe(true);
  });
});
