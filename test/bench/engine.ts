// Engine benchmarks that need no browser: the score memory on an edit, segmentation and annotation tracking
// of a 2,000-step document, a 20,000-node trace in memory, and bundle sizes.
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig, parseDocument, ScoreMemory, saveTrace, summariseSteps, verifyText, type SearchNode, type SearchResult } from '../../extension/engine';
import { DocAnnotations } from '../../extension/vscode/docAnnotations';
import { judgeReply, startModelServer } from '../servers/modelServer';
import { benchTraces } from './trace';
import { medianMs } from './timing';

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function benchScoreMemory(): Promise<string[]> {
  const server = await startModelServer({ reply: () => judgeReply(0.9) });
  try {
    const steps = Array.from({ length: 10 }, (_, i) => `Step ${i + 1}: we add ${i} + 1 = ${i + 1}.`);
    const doc = (s: string[]) => `## Problem\n\nCount to ten.\n\n## Solution\n\n${s.join('\n\n')}\n`;
    const config = { ...defaultConfig(), provider: { kind: 'ollama' as const, baseUrl: server.url }, scorer: 'judge' as const };
    const memory = new ScoreMemory();
    await verifyText(config, doc(steps), { memory });
    const first = server.requests.length;
    const edited = [...steps];
    edited[6] = 'Step 7: we add 6 + 1 = 7, as before.';
    await verifyText(config, doc(edited), { memory });
    const second = server.requests.length - first;
    await verifyText(config, doc(edited), { memory });
    const third = server.requests.length - first - second;
    return [
      `| score memory: verify a 10-step solution | ${first} scoring requests |`,
      `| … edit step 7 and verify again | ${second} requests (steps 7–10 only; ${((100 * (first - second)) / first).toFixed(0)}% saved) |`,
      `| … verify again unchanged | ${third} requests |`,
    ];
  } finally {
    await server.close();
  }
}

function benchLargeDocument(): string[] {
  const steps = Array.from({ length: 2000 }, (_, i) => `Step ${i + 1}: we have ${i} + 1 = ${i + 1} apples.`);
  const text = `## Problem\n\nCount the apples.\n\n## Solution\n\n${steps.join('\n\n')}\n`;
  const parsed = parseDocument(text);
  const parseMs = medianMs(5, () => parseDocument(text));
  const result = summariseSteps(
    parsed.steps.map((s) => ({ ...s, score: 0.9, verdict: 'ok' as const, scorer: 'judge' as const, method: 'bench', evidence: {} })),
    { scorer: 'judge', aggregation: 'min', threshold: 0.5 },
  );
  const place = () => DocAnnotations.place({ uri: 'file:///bench.md', problem: 'Count the apples.', result, currentText: text, editsSinceStart: [] });
  const placeMs = medianMs(5, place);
  const ann = place();
  const editMs = medianMs(5, () => ann.applyChanges([{ start: 40, end: 40, insertedLength: 1, startsWithNewline: false }]));
  return [
    `| 2,000-step document: read problem and steps (median of 5) | ${fmt(parseMs)} (${parsed.steps.length} steps) |`,
    `| 2,000-step document: place annotations | ${fmt(placeMs)} |`,
    `| 2,000-step document: follow one edit | ${fmt(editMs)} |`,
  ];
}

async function benchLargeTrace(): Promise<string[]> {
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const nodes: SearchNode[] = Array.from({ length: 20_000 }, (_, i) => ({
    id: `n${i}`,
    parentId: i === 0 ? null : `n${Math.floor((i - 1) / 4)}`,
    depth: Math.floor(Math.log(i * 3 + 1) / Math.log(4)),
    text: `Step: we compute ${i} × 2 = ${i * 2}, so the running total is ${i * 3}.`,
    score: { score: 0.5, scorer: 'judge', method: 'P(yes)', evidence: { top: [{ token: 'Yes', logprob: -0.2 }, { token: 'No', logprob: -1.7 }] } },
    pathScore: 0.5,
    status: 'expanded',
    tokens: 24,
    ms: 120,
  }));
  const result = { strategy: 'beam', problem: 'P', answer: '', steps: [], score: 0, aggregation: 'min', scorer: 'judge', bestPath: [], nodes, stats: {}, stoppedBy: 'done' } as unknown as SearchResult;
  globalThis.gc?.();
  const heap = process.memoryUsage().heapUsed - before;
  const path = join(tmpdir(), `stepwise-bench-trace-${process.pid}.json`);
  const t0 = performance.now();
  await saveTrace(result, path);
  const saveMs = performance.now() - t0;
  return [
    `| 20,000-node trace: heap | ${(heap / 1024 / 1024).toFixed(1)} MiB${globalThis.gc ? '' : ' (approximate: run with --expose-gc)'} |`,
    `| 20,000-node trace: file | ${(statSync(path).size / 1024 / 1024).toFixed(1)} MiB, written in ${fmt(saveMs)} |`,
  ];
}

function benchBundles(): string[] {
  const size = (p: string) => `${(statSync(p).size / 1024).toFixed(0)} KiB`;
  return [`| bundle: dist/extension.js | ${size('dist/extension.js')} |`, `| bundle: dist/cli.js | ${size('dist/cli.js')} |`, `| bundle: dist/webview/panel.js | ${size('dist/webview/panel.js')} |`];
}

export async function benchEngine(): Promise<string> {
  const rows = [...(await benchScoreMemory()), ...benchLargeDocument(), ...benchTraces(), ...(await benchLargeTrace()), ...benchBundles()];
  return ['| measure | result |', '|---|---|', ...rows].join('\n');
}
