import { describe, expect, it } from 'vitest';
import { chartGeometry, correctionViews, evidenceLines, formatMs, searchPathSteps, searchStats, verificationStats, verificationSteps } from '../../webview/viewModel';
import { sampleVerification } from '../bench/webview-samples';

describe('verification view model', () => {
  const v = sampleVerification(6, 2);
  const steps = verificationSteps(v.result);

  it('marks exactly the earliest wrong step and labels scores', () => {
    expect(steps.filter((s) => s.isFirstError).map((s) => s.index)).toEqual([2]);
    expect(steps[2]).toMatchObject({ verdict: 'wrong', scoreLabel: '0.12' });
  });

  it('shows the arithmetic claim and the logprob evidence behind a score', () => {
    const lines = evidenceLines(v.result.steps[2]);
    expect(lines).toContainEqual({ label: 'Claim ✗', value: '18 - 6 = 13 (computed 12, stated 13)' });
    expect(lines.find((l) => l.label === 'Top tokens')?.value).toBe('"No" 0.880, "Yes" 0.120');
    expect(lines[0].value).toMatch(/^judge: P\(yes\)/);
  });

  it('shows a step the checker abstained on as unscored with its reason, never as a pass', () => {
    const r = { ...v.result, steps: [{ ...v.result.steps[0], abstained: true, score: 0.5, verdict: 'ok' as const, evidence: { note: 'nothing to check' } }] };
    const [step] = verificationSteps(r);
    expect(step).toMatchObject({ verdict: 'unscored', verdictLabel: 'unchecked', scoreLabel: '–', unscoredReason: 'nothing to check' });
  });

  it('reads the contract-1 shape: verdict "unscored", score null and the reason', () => {
    const unscored = { ...v.result.steps[0], verdict: 'unscored', score: null, unscoredReason: 'the step is longer than the judge context' };
    const r = { ...v.result, steps: [unscored as unknown as (typeof v.result.steps)[number]] };
    const [step] = verificationSteps(r);
    expect(step).toMatchObject({ verdict: 'unscored', verdictLabel: 'no verdict', unscoredReason: 'the step is longer than the judge context' });
    expect(verificationStats(r).find((l) => l.label === 'Steps')?.value).toBe('1 (0 below threshold, 1 without a verdict)');
  });

  it('leaves unscored steps of a search path grey and out of the first error', () => {
    const steps = searchPathSteps(
      [
        { nodeId: 'a', text: 'x', score: 0.5, abstained: true, note: 'nothing to check' },
        { nodeId: 'b', text: 'y', score: 0.1 },
      ],
      0.5,
    );
    expect(steps.map((s) => [s.verdict, s.isFirstError])).toEqual([['unscored', false], ['wrong', true]]);
  });

  it('orders corrections by step', () => {
    const c = v.corrections[2];
    const views = correctionViews({ 4: { ...c, weakIndex: 4 }, 2: c });
    expect(views.map((x) => x.stepIndex)).toEqual([2, 4]);
    expect(views[1].replacement.scoreLabel).toBe('0.94');
  });
});

describe('chartGeometry', () => {
  it('puts score 1 at the top, 0 at the bottom, and the threshold line between', () => {
    const steps = searchPathSteps(
      [
        { nodeId: 'n1', text: 'a', score: 1 },
        { nodeId: 'n2', text: 'b', score: 0 },
        { nodeId: 'n3', text: 'c', score: 0.5 },
      ],
      0.5,
    );
    const g = chartGeometry(steps, 0.25, 100, 100, 10);
    expect(g.points.map((p) => [p.x, p.y])).toEqual([
      [10, 10],
      [50, 90],
      [90, 50],
    ]);
    expect(g.thresholdY).toBe(70);
    expect(g.line).toBe('10,10 50,90 90,50');
    expect(g.points.map((p) => p.verdict)).toEqual(['ok', 'wrong', 'doubtful']);
  });

  it('leaves unscored steps out of the line', () => {
    const steps = searchPathSteps([{ nodeId: 'n1', text: 'a', score: undefined }, { nodeId: 'n2', text: 'b', score: 0.9 }], 0.5);
    expect(chartGeometry(steps, 0.5).points).toHaveLength(1);
    expect(steps[0]).toMatchObject({ scoreLabel: '–', isFirstError: false });
  });
});

describe('search path and stats', () => {
  it('flags only the first wrong step of a live best path', () => {
    const steps = searchPathSteps(
      [0.9, 0.2, 0.1].map((score, i) => ({ nodeId: `n${i + 1}`, text: '', score })),
      0.5,
    );
    expect(steps.map((s) => s.isFirstError)).toEqual([false, true, false]);
  });

  it('reports calls, tokens, time and cache hits', () => {
    const lines = searchStats('beam', { calls: 10, generationCalls: 6, scoringCalls: 4, promptTokens: 900, completionTokens: 100, cacheHits: 3, wallMs: 65_000 }, 42, 'budget-calls');
    expect(Object.fromEntries(lines.map((l) => [l.label, l.value]))).toEqual({
      Strategy: 'beam',
      Nodes: '42',
      Calls: '10 (6 generate, 4 score)',
      Tokens: '1000 (900 prompt, 100 completion)',
      Time: '1 min 5 s',
      'Cache hits': '3',
      'Stopped by': 'budget-calls',
    });
    expect(formatMs(850)).toBe('850 ms');
    expect(formatMs(1500)).toBe('1.5 s');
  });
});
