import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { judgeReply, startModelServer, type ModelServer } from '../servers/modelServer';
import { runCli } from '../helpers/cli';

const DATA = resolve(__dirname, '../../../shared/data/processbench');

/** A small split whose wrong steps contain "WRONG", so a scripted judge can find them. */
function miniSplit(dir: string) {
  const items = Array.from({ length: 12 }, (_, i) => {
    const label = i % 3 === 0 ? -1 : i % 3;
    const steps = ['a', 'b', 'c', 'd'].map((s, k) => (k === label ? `step ${s} WRONG` : `step ${s}`));
    return { id: `mini-${i}`, generator: 'test', problem: `Problem ${i}`, steps, final_answer_correct: label === -1, label };
  });
  const file = join(dir, 'mini.json');
  writeFileSync(file, JSON.stringify(items));
  return file;
}

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('stepwise eval processbench', () => {
  it('predicts the earliest wrong step of every item and prints the official metric', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-eval-'));
    const file = miniSplit(dir);
    // The judge misses the error in items whose id ends in 1 (mini-1) and passes everything else right.
    server = await startModelServer({
      reply: (req) => {
        const text = req.messages.at(-1)!.content;
        const k = Number(/Is Step (\d+) correct/.exec(text)![1]);
        const step = new RegExp(`Step ${k}: ([^\\n]*)`).exec(text)![1];
        return judgeReply(step.includes('WRONG') && !text.includes('Problem 1\n') ? 0.1 : 0.9);
      },
    });
    const run = await runCli(['eval', 'processbench', file, '--base-url', server.url, '--scorer', 'judge', '--json', '--concurrency', '3', '--checkpoint', join(dir, 'ck.jsonl')]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.items).toHaveLength(12);
    const one = out.items.find((i: { id: string }) => i.id === 'mini-1');
    expect(one.prediction).toBe(-1);
    expect(out.items.find((i: { id: string }) => i.id === 'mini-2').prediction).toBe(2);
    // 8 items with an error, 7 found; 4 without, all right.
    expect(out.metrics.errorAcc).toBeCloseTo(87.5, 5);
    expect(out.metrics.correctAcc).toBe(100);
    expect(out.metrics.f1).toBeCloseTo((2 * 87.5 * 100) / 187.5, 5);
  });

  it('keeps finished items when interrupted and resumes without scoring them again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-eval-'));
    const file = miniSplit(dir);
    server = await startModelServer({ delayMs: 40, reply: () => judgeReply(0.9) });
    const checkpoint = join(dir, 'ck.jsonl');
    const controller = new AbortController();
    const args = ['eval', 'processbench', file, '--base-url', server.url, '--scorer', 'judge', '--concurrency', '2', '--checkpoint', checkpoint];
    const first = runCli(args, { signal: controller.signal });
    while (!readIfExists(checkpoint).includes('mini-2')) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const stopped = await first;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('run the same command again to resume'.replace('run', 'Run'));
    const kept = readIfExists(checkpoint).trim().split('\n').filter((l) => l.includes('"id"')).length;
    expect(kept).toBeGreaterThanOrEqual(3);
    expect(kept).toBeLessThan(12);

    const before = server.requests.length;
    const resumed = await runCli([...args, '--json']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`Resuming: ${kept} of 12`);
    expect(JSON.parse(resumed.stdout).items).toHaveLength(12);
    // Only the items not yet finished were scored again: 4 steps each.
    expect(server.requests.length - before).toBe((12 - kept) * 4);
  });

  it('reproduces the metric with the arithmetic checker on the real GSM8K split', async () => {
    const run = await runCli(['eval', 'processbench', join(DATA, 'gsm8k.json'), '--scorer', 'arithmetic', '--json', '--fresh', '--checkpoint', join(mkdtempSync(join(tmpdir(), 'pb-')), 'ck.jsonl')]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    const items = JSON.parse(readFileSync(join(DATA, 'gsm8k.json'), 'utf8'));
    expect(out.items).toHaveLength(400);
    out.items.forEach((r: { id: string; label: number; scores: number[] }, i: number) => {
      expect(r.id).toBe(items[i].id);
      expect(r.label).toBe(items[i].label);
      expect(r.scores).toHaveLength(items[i].steps.length);
    });
    // The checker must not cry wolf on correct solutions, and does find some errors.
    expect(out.metrics.correctAcc).toBeGreaterThan(95);
    expect(out.metrics.errorAcc).toBeGreaterThan(5);
    const hits = out.items.filter((r: { label: number; prediction: number }) => r.label !== -1 && r.prediction === r.label).length;
    expect(out.metrics.errorAcc).toBeCloseTo((100 * hits) / 207, 6);
  });
});

function readIfExists(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
