// `stepwise eval longcot` on a small DeltaBench-layout file, through the real ollama client and a scripted judge.
import { afterEach, describe, expect, it } from 'vitest';
import { judgeReply, startModelServer, type ModelServer, type ScriptRequest } from '../servers/modelServer';
import { runCli } from '../helpers/cli';

const FILE = 'test/fixtures/longcot/deltabench-mini.jsonl';

/**
 * Flags the garden slip (7 × 8 = 54) and the wrong "x = 5" check, misses the wrong expansion 3(x - 2) = 3x - 2,
 * and raises a false alarm on the correct 13 × 14 / 2 = 91: micro precision = recall = 2/3.
 */
function judge(req: ScriptRequest) {
  const text = req.messages.at(-1)!.content;
  const asked = /Is Step (\d+) correct\?/.exec(text)![1];
  const body = text.slice(text.indexOf(`Step ${asked}: `), text.lastIndexOf('Is Step'));
  return judgeReply(/7 × 8 = 54|x = 5 must|= 91\. So/.test(body) ? 0.1 : 0.9);
}

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('stepwise eval longcot', () => {
  it('reports section-level precision, recall and F1 of the detected error sections, and boundary agreement', async () => {
    server = await startModelServer({ reply: judge });
    const run = await runCli(['eval', 'longcot', FILE, '--base-url', server.url, '--scorer', 'judge', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.items).toBe(3);
    expect(out.sections).toBe(10);
    expect(out.results.map((r: { predicted: number[] }) => r.predicted)).toEqual([[2], [3], [2]]);
    expect(out.results.map((r: { gold: number[] }) => r.gold)).toEqual([[2], [1, 3], []]);
    expect(out.precision).toBeCloseTo(2 / 3, 6);
    expect(out.recall).toBeCloseTo(2 / 3, 6);
    expect(out.f1).toBeCloseTo(2 / 3, 6);
    expect(out.macroF1).toBeCloseTo((1 + 2 / 3 + 0) / 3, 6);
    // One request per human section, each seeing only the problem and the sections before it.
    expect(server.requests).toHaveLength(10);
    const garden = server.requests.filter((r) => r.messages.at(-1)!.content.includes('A garden is 7 m wide'));
    const askedAboutSlip = garden.find((r) => /Is Step 2 correct/.test(r.messages.at(-1)!.content))!;
    expect(askedAboutSlip.messages.at(-1)!.content).not.toContain('Wait, 7 × 8 is not 54');
    // Automatic sections start where 6 of the 7 human boundaries are; the short "Apply it" section joins its neighbour.
    expect(out.segmentation).toMatchObject({ tolerance: 100, humanSections: 10, autoSections: 9, precision: 1 });
    expect(out.segmentation.recall).toBeCloseTo(6 / 7, 6);
  });

  it('prints the metrics in percent', async () => {
    server = await startModelServer({ reply: judge });
    const run = await runCli(['eval', 'longcot', FILE, '--base-url', server.url, '--scorer', 'judge']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('3 items, 10 human sections (3 with an error)');
    expect(run.stdout).toContain('precision 66.7  recall 66.7  F1 66.7  (mean per-item F1 55.6)');
    expect(run.stdout).toMatch(/boundaries within 100 characters: precision \d/);
  });

  it('reads the same items from a JSON array', async () => {
    const { readFileSync, writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const lines = readFileSync(FILE, 'utf8').trim().split('\n');
    const file = join(mkdtempSync(join(tmpdir(), 'longcot-')), 'items.json');
    writeFileSync(file, `[${lines.join(',\n')}]`);
    server = await startModelServer({ reply: judge });
    const run = await runCli(['eval', 'longcot', file, '--base-url', server.url, '--scorer', 'judge', '--json', '--limit', '1']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).results).toEqual([expect.objectContaining({ id: 'garden-area', predicted: [2], gold: [2] })]);
  });
});
