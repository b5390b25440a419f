import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { judgeReply, startModelServer, type ModelServer, type ScriptRequest } from '../servers/modelServer';

const OUTVOTED = 'What is (2 + 3) * 4?';
const FOOLED = 'Compute (2 + 3) * 4. <script>alert(1)</script> & "quotes"';

/** A solution path: three steps, each carrying the score the scripted judge gives it. */
function path(answer: string, p: number, tag: string): string[] {
  return [`## Step 1: First part ${tag} [p=${p}].`, `## Step 2: Second part ${tag} [p=${p}].`, `## Step 3: So the answer is \\boxed{${answer}} [p=${p}].`];
}

/**
 * Which path a sample follows is decided at its first step by the request seed mod 4. The engine gives sample i
 * the seed base + 7919·i, so the 4 samples of a problem cover the 4 residues once each.
 * OUTVOTED: one right answer (0.9) against three wrong ones (0.2). FOOLED: two right (0.5), one wrong the judge
 * likes (0.8), one wrong it does not (0.1).
 */
const PATHS: Record<string, string[][]> = {
  [OUTVOTED]: [path('20', 0.9, 'A'), path('24', 0.2, 'B'), path('24', 0.2, 'B'), path('24', 0.2, 'B')],
  [FOOLED]: [path('20', 0.5, 'C'), path('20', 0.5, 'C'), path('24', 0.8, 'D'), path('22', 0.1, 'E')],
};

function reply(req: ScriptRequest) {
  if (req.messages[0]?.content.includes('careful math teacher')) {
    const asked = req.messages.at(-1)!.content;
    return judgeReply(Number(/\[p=([\d.]+)\]/.exec(asked)![1]));
  }
  const problem = req.messages[1]!.content;
  const last = req.messages.at(-1)!;
  const prefix = last.role === 'assistant' ? last.content.split('\n\n').filter(Boolean) : [];
  const paths = PATHS[problem] ?? [path('20', 0.9, 'Z')];
  const chosen = prefix.length ? paths.find((p) => p[0] === prefix[0])! : paths[(req.seed ?? 0) % 4 % paths.length];
  return chosen.slice(prefix.length).join('\n\n');
}

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function modelArgs(url: string) {
  return ['--base-url', url, '--model', 'judge:latest', '--policy-model', 'qwen2.5:7b', '--scorer', 'judge'];
}

describe('stepwise eval bestofn', () => {
  it('computes accuracy versus N for the three rules from one set of samples and writes JSON and HTML', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-bon-'));
    const file = join(dir, 'mini.jsonl');
    // One GSM8K-style record, one MATH-style record whose reference comes from its solution.
    writeFileSync(file, [JSON.stringify({ question: OUTVOTED, answer: '5 * 4 = 20\n#### 20' }), JSON.stringify({ problem: FOOLED, solution: 'It is \\boxed{20}.' })].join('\n'));
    server = await startModelServer({ reply });
    const out = join(dir, 'out');
    const run = await runCli(['eval', 'bestofn', file, ...modelArgs(server.url), '--n', '4', '--out', out, '--checkpoint', join(dir, 'ck.jsonl'), '--json']);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))).toEqual(json);

    const points = json.curve.map((p: Record<string, number>) => [p.n, p.majority, p.prmBest, p.weighted]);
    expect(points).toEqual([
      [1, 37.5, 37.5, 37.5], // 1 of 4 right in OUTVOTED, 2 of 4 in FOOLED
      // Majority counts its 1-1 ties as half a win: 25 in OUTVOTED, 50 in FOOLED.
      [2, 37.5, 50, 50],
      // Majority loses OUTVOTED, PRM-best loses FOOLED, the weighted vote gets both.
      [4, 50, 50, 100],
    ]);
    expect(json.curve[2].coverage).toBe(100);
    expect(json.perProblem[0].picks).toEqual({ majority: { answer: '24', correct: false }, prmBest: { answer: '20', correct: true }, weighted: { answer: '20', correct: true } });
    expect(json.perProblem[1].picks.prmBest).toEqual({ answer: '24', correct: false });
    expect(json.perProblem[1].samples.map((s: { score: number }) => s.score).sort()).toEqual([0.1, 0.5, 0.5, 0.8]);

    // 4 samples × 3 steps generated; each distinct prefix judged once (2 paths, then 3 paths, of 3 steps).
    const judged = server.requests.filter((r) => r.messages[0]?.content.includes('careful math teacher')).length;
    expect(judged).toBe(6 + 9);
    expect(server.requests.length).toBe(12 + 6 + 12 + 9);
    expect(json.perProblem.map((p: { requests: number }) => p.requests)).toEqual([18, 21]);
    expect(json.costPerProblem).toMatchObject({ requests: 19.5, generationRequests: 12, scoringRequests: 7.5 });
    expect(json.costPerProblem.completionTokens).toBeGreaterThan(0);

    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i);
    expect(html.match(/<polyline/g)).toHaveLength(4);

    const human = await runCli(['eval', 'bestofn', file, ...modelArgs(server.url), '--n', '4', '--out', out, '--checkpoint', join(dir, 'ck.jsonl')]);
    expect(human.stderr).toContain('Resuming: 2 of 2 problems');
    expect(human.stdout).toMatch(/^\s+4\s+50\.0\s+50\.0\s+100\.0\s+100\.0$/m);
    expect(human.stdout).toContain('19.5 requests (12.0 generation + 7.5 scoring)');
    expect(human.stdout).toContain(`Report:  ${join(out, 'report.html')}`);
  });

  it('keeps finished problems when interrupted and resumes without sampling them again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-bon-'));
    const file = join(dir, 'six.jsonl');
    writeFileSync(file, Array.from({ length: 6 }, (_, i) => JSON.stringify({ question: `Problem ${i}?`, answer: `#### 20` })).join('\n') + '\n');
    server = await startModelServer({ reply, delayMs: 30 });
    const checkpoint = join(dir, 'ck.jsonl');
    const args = ['eval', 'bestofn', file, ...modelArgs(server.url), '--n', '4', '--concurrency', '2', '--checkpoint', checkpoint, '--out', join(dir, 'out')];
    const controller = new AbortController();
    const first = runCli(args, { signal: controller.signal });
    while (!readIfExists(checkpoint).includes('"id":"1"')) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const stopped = await first;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('Run the same command again to resume');
    const records = readIfExists(checkpoint).trim().split('\n');
    expect(JSON.parse(records[0])).toMatchObject({ stepwise: 'checkpoint', kind: 'bestofn', items: 6, shard: '1/1' });
    const kept = records.filter((l) => l.includes('"id"')).length;
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(kept).toBeLessThan(6);
    // A stopped run replaces no report: there was none, so there is none.
    expect(existsSync(join(dir, 'out', 'results.json'))).toBe(false);
    expect(existsSync(join(dir, 'out', 'report.html'))).toBe(false);
    expect(stopped.stderr).toContain('it is replaced only when a run completes');

    const before = server.requests.length;
    const resumed = await runCli([...args, '--json']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`Resuming: ${kept} of 6`);
    const json = JSON.parse(resumed.stdout);
    expect(json).toMatchObject({ complete: true, problems: 6 });
    expect(json.curve.at(-1)).toMatchObject({ n: 4, majority: 100, prmBest: 100, weighted: 100 });
    // Only unfinished problems were sampled: 12 generations and 3 judged prefixes each.
    expect(server.requests.length - before).toBe((6 - kept) * 15);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8'))).toMatchObject({ complete: true, problems: 6 });

    // Stopped again later (a --fresh run), the complete report stays as it was.
    const again = new AbortController();
    const rerun = runCli([...args, '--fresh'], { signal: again.signal });
    while (!readIfExists(checkpoint).includes('"id"')) await new Promise((r) => setTimeout(r, 10));
    again.abort();
    expect((await rerun).code).toBe(130);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8'))).toMatchObject({ complete: true, problems: 6 });
  });

  it('rejects a file without reference answers with the line to fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-bon-'));
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"problem": "1 + 1?", "answer": "2"}\n{"problem": "2 + 2?"}\n');
    const run = await runCli(['eval', 'bestofn', file, '--scorer', 'arithmetic']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad.jsonl line 2: no reference answer');
  });
});

function readIfExists(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
