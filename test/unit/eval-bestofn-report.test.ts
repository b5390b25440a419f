import { describe, expect, it } from 'vitest';
import type { BestOfNProblemResult } from '../../extension/engine/eval/bestOfN';
import { escapeHtml, renderBestOfNReport, renderPlot } from '../../extension/engine/eval/report';
import { summariseBestOfN, type BestOfNSettings } from '../../extension/engine/eval/summary';

const SETTINGS: BestOfNSettings = { n: 4, seed: 0, temperature: 0.8, maxDepth: 40, aggregation: 'min', maxSubsets: 64, scorer: 'judge', policyModel: 'qwen2.5:7b', verifierModel: 'judge:latest' };

function problem(id: string, text: string, samples: [string | undefined, boolean, number[]][]): BestOfNProblemResult {
  return {
    id,
    problem: text,
    reference: '20',
    samples: samples.map(([answer, correct, stepScores]) => ({ ...(answer !== undefined ? { answer } : {}), correct, stepScores, finished: answer !== undefined, completionTokens: 30 })),
    requests: { generation: 12, scoring: 6 },
    tokens: { prompt: 400, completion: 120 },
    ms: 2000,
  };
}

const RESULTS = [
  problem('p1', 'Add <b>bold</b> numbers', [['20', true, [0.8, 0.9]], ['24', false, [0.3, 0.2]], ['24', false, [0.9, 0.2]], [undefined, false, [0.99]]]),
  problem('p2', 'Plain', [['20', true, [0.5]], ['20', true, [0.6, 0.5]], ['24', false, [0.8]], ['22', false, [0.1]]]),
];

describe('best-of-N summary', () => {
  it('aggregates step scores with the chosen rule and keeps every sample', () => {
    const s = summariseBestOfN(RESULTS, { name: 'mini', file: 'mini.jsonl', complete: true, settings: SETTINGS });
    expect(s.perProblem[0].samples.map((x) => x.score)).toEqual([0.8, 0.2, 0.2, 0.99]);
    // The unanswered sample scores best but cannot be picked.
    expect(s.perProblem[0].picks).toEqual({ majority: { answer: '24', correct: false }, prmBest: { answer: '20', correct: true }, weighted: { answer: '20', correct: true } });
    expect(s.perProblem[0].sampleAccuracy).toBe(25);
    const last = summariseBestOfN(RESULTS, { name: 'mini', file: 'mini.jsonl', complete: true, settings: { ...SETTINGS, aggregation: 'last' } });
    expect(last.perProblem[0].samples.map((x) => x.score)).toEqual([0.9, 0.2, 0.2, 0.99]);
    const mean = summariseBestOfN(RESULTS, { name: 'mini', file: 'mini.jsonl', complete: true, settings: { ...SETTINGS, aggregation: 'mean' } });
    expect(mean.perProblem[0].samples[0].score).toBeCloseTo(0.85, 12);
    expect(s.costPerProblem).toEqual({ requests: 18, generationRequests: 12, scoringRequests: 6, promptTokens: 400, completionTokens: 120, seconds: 2 });
    expect(s.curve.map((p) => p.n)).toEqual([1, 2, 4]);
  });
});

describe('best-of-N HTML report', () => {
  it('is self-contained and escapes every piece of data text', () => {
    const s = summariseBestOfN(RESULTS, { name: '<img onerror=x>', file: 'a&b.jsonl', complete: false, settings: SETTINGS });
    const html = renderBestOfNReport(s);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('Add &lt;b&gt;bold&lt;/b&gt; numbers');
    expect(html).toContain('Best-of-N: &lt;img onerror=x&gt;');
    expect(html).toContain('a&amp;b.jsonl');
    expect(html).not.toContain('<b>bold');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i);
    expect(html).toContain('Partial run');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('plots N on a log2 axis: 1, 2, 4, 8, 16 are evenly spaced', () => {
    const curve = [1, 2, 4, 8, 16].map((n, i) => ({ n, majority: 40 + i, prmBest: 50, weighted: 60, coverage: 100, exact: true }));
    const svg = renderPlot(curve);
    const points = /class="series-majority"[^>]*points="([^"]+)"/.exec(svg)![1].split(' ').map((p) => p.split(',').map(Number));
    const xs = points.map(([x]) => x);
    const gaps = xs.slice(1).map((x, i) => x - xs[i]);
    expect(gaps.every((g) => Math.abs(g - gaps[0]) < 0.11 && g > 0)).toBe(true);
    // Higher accuracy is higher on the page (smaller y).
    expect(points[4][1]).toBeLessThan(points[0][1]);
    expect(svg.match(/<polyline/g)).toHaveLength(4);
  });
});
