import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSearch, streamSearch } from '../../extension/engine/search/run';
import { loadTrace, saveTrace } from '../../extension/engine/search/trace';
import type { SearchEvent } from '../../extension/engine/search/types';
import { baseOptions, PROBLEM, scriptedJudge, scriptedPolicy } from './search-fixtures';

const strategies = ['best-of-n', 'beam', 'dvts', 'mcts'] as const;

describe('budgets', () => {
  it.each(strategies)('%s stops at the call budget without exceeding it and keeps the best so far', async (strategy) => {
    const { proposer } = scriptedPolicy({ distinct: true });
    const { scorer } = scriptedJudge();
    const result = await runSearch({ problem: PROBLEM, strategy, proposer, scorer, aggregation: 'min', options: { ...baseOptions, budget: { calls: 9 } } });
    expect(result.stoppedBy).toBe('budget-calls');
    expect(result.stats.calls).toBeLessThanOrEqual(9);
    expect(result.steps.length).toBeGreaterThan(0);
  });

  it('stops at the token budget', async () => {
    const { proposer } = scriptedPolicy({ tokens: 10, distinct: true });
    const { scorer } = scriptedJudge();
    const result = await runSearch({ problem: PROBLEM, strategy: 'beam', proposer, scorer, aggregation: 'min', options: { ...baseOptions, budget: { tokens: 50 } } });
    expect(result.stoppedBy).toBe('budget-tokens');
    // Checked before each expansion: at most one level (4 samples) beyond the limit.
    expect(result.stats.completionTokens).toBeGreaterThanOrEqual(50);
    expect(result.stats.completionTokens).toBeLessThanOrEqual(90);
  });

  it('stops at the time budget with the partial tree', async () => {
    const { proposer } = scriptedPolicy({ delayMs: 40, distinct: true });
    const { scorer } = scriptedJudge({ delayMs: 40 });
    const t0 = Date.now();
    const result = await runSearch({ problem: PROBLEM, strategy: 'beam', proposer, scorer, aggregation: 'min', options: { ...baseOptions, budget: { ms: 150 } } });
    expect(Date.now() - t0).toBeLessThan(260);
    expect(result.stoppedBy).toBe('budget-time');
    expect(result.nodes.length).toBeGreaterThan(1);
  });
});

describe('cancellation', () => {
  it.each(strategies)('%s stops within a fraction of a second even if the proposer ignores the signal', async (strategy) => {
    const { proposer } = scriptedPolicy({ delayMs: 60, distinct: true, ignoreSignal: true });
    const { scorer } = scriptedJudge({ delayMs: 10 });
    const controller = new AbortController();
    const events: SearchEvent[] = [];
    setTimeout(() => controller.abort(), 150);
    const t0 = Date.now();
    const result = await runSearch({ problem: PROBLEM, strategy, proposer, scorer, aggregation: 'min', options: { ...baseOptions, maxDepth: 40 }, signal: controller.signal, onEvent: (e) => events.push(e) });
    const stoppedAfter = Date.now() - t0 - 150;
    expect(stoppedAfter).toBeLessThan(100);
    expect(result.stoppedBy).toBe('cancelled');
    expect(result.nodes.filter((n) => n.score).length).toBeGreaterThan(0);
    expect(events.at(-1)?.type).toBe('finished');
    // Nothing touches the tree after the result is returned.
    const frozen = JSON.stringify(result.nodes);
    await new Promise((r) => setTimeout(r, 150));
    expect(JSON.stringify(result.nodes)).toBe(frozen);
  });

  it('an already-aborted signal returns at once with only the root', async () => {
    const { proposer } = scriptedPolicy();
    const { scorer } = scriptedJudge();
    const controller = new AbortController();
    controller.abort();
    const result = await runSearch({ problem: PROBLEM, strategy: 'beam', proposer, scorer, aggregation: 'min', options: baseOptions, signal: controller.signal });
    expect(result.stoppedBy).toBe('cancelled');
    expect(result.nodes.map((n) => n.id)).toEqual(['n0']);
    expect(result.answer).toBe('');
  });
});

describe('scoring cost', () => {
  it.each(strategies)('%s scores no prefix twice: exactly one scoring request per new node', async (strategy) => {
    const { proposer } = scriptedPolicy();
    const { scorer, scoredPrefixes } = scriptedJudge();
    const result = await runSearch({ problem: PROBLEM, strategy, proposer, scorer, aggregation: 'last', options: baseOptions });
    expect(new Set(scoredPrefixes).size).toBe(scoredPrefixes.length);
    const scored = result.nodes.filter((n) => n.score).length;
    expect(scoredPrefixes.length).toBe(scored);
    expect(result.stats.scoringCalls).toBe(scored);
  });

  it('merges identical sibling steps instead of scoring them again', async () => {
    const { proposer } = scriptedPolicy(); // samples 0 and 2 (and 1 and 3) write the same step
    const { scorer } = scriptedJudge();
    const result = await runSearch({ problem: PROBLEM, strategy: 'beam', proposer, scorer, aggregation: 'min', options: baseOptions });
    const firstLevel = result.nodes.filter((n) => n.parentId === 'n0');
    // n1 is the wrong first step, n2 the right one: sampled twice, n2 holds both beam slots and n1 falls out.
    expect(firstLevel.map((n) => n.pruneReason ?? n.status)).toEqual(['outside the beam (rank 3 of 4)', 'selected', 'duplicate of n1', 'duplicate of n2']);
    expect(firstLevel.filter((n) => n.pruneReason?.startsWith('duplicate of')).every((n) => n.score === undefined)).toBe(true);
  });
});

describe('repeatability', () => {
  const strip = (r: Awaited<ReturnType<typeof runSearch>>) => JSON.stringify(r.nodes.map(({ ms: _ms, ...n }) => n));

  it.each(strategies)('%s repeats exactly with the same seed and samples differently with another', async (strategy) => {
    const run = async (seed: number) => {
      const policy = scriptedPolicy({ delayMs: 1, distinct: true, wrong: (_i, s) => s % 3 === 0 });
      const { scorer } = scriptedJudge();
      const result = await runSearch({ problem: PROBLEM, strategy, proposer: policy.proposer, scorer, aggregation: 'min', options: { ...baseOptions, seed } });
      return { result, seeds: policy.calls.map((c) => c.seedBase) };
    };
    const [a, b, c] = [await run(11), await run(11), await run(12)];
    expect(strip(a.result)).toBe(strip(b.result));
    expect(strip(a.result)).not.toBe(strip(c.result));
    // Each expansion starts from its own seed, so samples of different prefixes and repeated expansions differ.
    expect(new Set(a.seeds).size).toBe(a.seeds.length);
  });
});

describe('events and traces', () => {
  it('events arrive in a consistent order: started first, node-added before node-scored, finished last', async () => {
    const { proposer } = scriptedPolicy({ delayMs: 2 });
    const { scorer } = scriptedJudge({ delayMs: 2 });
    const { events, result } = streamSearch({ problem: PROBLEM, strategy: 'beam', proposer, scorer, aggregation: 'min', options: baseOptions });
    const seen: SearchEvent[] = [];
    for await (const e of events) seen.push(e);
    const final = await result;
    expect(seen[0].type).toBe('started');
    expect(seen.at(-1)).toMatchObject({ type: 'finished' });
    expect(seen.filter((e) => e.type === 'finished')).toHaveLength(1);
    const added = new Map<string, number>();
    seen.forEach((e, i) => {
      if (e.type === 'node-added') added.set(e.node.id, i);
      if (e.type === 'node-scored') expect(added.get(e.id)).toBeLessThan(i);
    });
    expect(seen.filter((e) => e.type === 'node-added')).toHaveLength(final.nodes.length - 1);
    const lastBest = seen.filter((e) => e.type === 'best-path').at(-1);
    expect(lastBest).toMatchObject({ ids: final.bestPath });
  });

  it('a trace round-trips through a file, and a bad file gets a clear error', async () => {
    const { proposer } = scriptedPolicy();
    const { scorer } = scriptedJudge();
    const result = await runSearch({ problem: PROBLEM, strategy: 'mcts', proposer, scorer, aggregation: 'min', options: baseOptions });
    const dir = await mkdtemp(join(tmpdir(), 'stepwise-trace-'));
    await saveTrace(result, join(dir, 't.json'));
    const trace = await loadTrace(join(dir, 't.json'));
    expect(trace).toMatchObject({ version: 1, kind: 'search' });
    expect(trace.result).toEqual(JSON.parse(JSON.stringify(result)));
    await writeFile(join(dir, 'bad.json'), '{"version":1,"kind":"eval"}');
    await expect(loadTrace(join(dir, 'bad.json'))).rejects.toThrow(/not a Stepwise search trace: "kind" is "eval"/);
    await writeFile(join(dir, 'broken.json'), '{"version":');
    await expect(loadTrace(join(dir, 'broken.json'))).rejects.toThrow(/not valid JSON/);
  });
});
