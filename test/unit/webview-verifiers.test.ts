// The panel's progress chart and reference alignment: the data they take from a verification, and the real bundle
// rendering them in Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShowVerification, type VerificationView, type VerifiedStep } from '../../extension/protocol';
import { alignmentRows, progressPoints } from '../../webview/progressChart';
import { buildPanelBundle } from '../bench/webview-build';
import { chromiumAvailable, openPanelPage, type PanelPage } from '../bench/webview-page';

const STEPS = ['## Step 1: $7 + 3 = 10$.', '## Step 2: $10 \\times 2 = 22$.', '## Step 3: $22 - 4 = 18$.', '## Step 4: The answer is $\\boxed{18}$.'];
const Q = [1, 0, 0, 0];

function progressVerification(): VerificationView {
  const steps: VerifiedStep[] = STEPS.map((text, i) => ({
    index: i,
    text,
    start: 0,
    end: text.length,
    score: Q[i]!,
    verdict: Q[i]! >= 0.5 ? 'ok' : 'wrong',
    scorer: 'progress',
    method: 'Monte-Carlo estimate from 8 policy rollouts per prefix',
    evidence: {
      rollouts: {
        answers: i === 3 ? ['18'] : i === 0 ? ['16', '16', '17', '16', '19', '16', '16', '18'] : Array(8).fill('18'),
        reached: i === 0 ? 5 : 0,
        target: '16',
        targetFrom: 'reference',
        estimate: 'hard',
        q: Q[i]!,
        previousQ: i === 0 ? 1 : Q[i - 1]!,
        progress: Q[i]! - (i === 0 ? 1 : Q[i - 1]!),
        ...(i === 3 ? { ownAnswer: true } : {}),
      },
    },
  }));
  return { docUri: 'file:///chain.md', fileName: 'chain.md', problem: 'Start with 7, add 3, double, subtract 4.', corrections: {}, result: { steps, firstError: 1, solutionScore: 0, scorer: 'progress', aggregation: 'min', threshold: 0.5, notes: [], judged: steps.length, unscored: 0, outcome: 'wrong-step', summary: 'Step 2 is wrong.' } };
}

function referenceVerification(): VerificationView {
  const v = progressVerification();
  v.result.scorer = 'reference';
  v.result.steps = v.result.steps.map((s, i) => ({
    ...s,
    scorer: 'reference' as const,
    evidence: { alignment: i === 2 ? { reference: null } : { reference: i + 1, referenceText: `Reference <b>${i + 1}</b>: $x_${i}$` } },
  }));
  return v;
}

describe('progress chart and alignment data', () => {
  it('Q along the path starts from the problem alone and keeps each step\'s progress', () => {
    const points = progressPoints(progressVerification().result);
    expect(points.map((p) => [p.index, p.q, p.progress])).toEqual([[-1, 1, undefined], [0, 1, 0], [1, 0, -1], [2, 0, 0], [3, 0, 0]]);
    expect(points[1]!.label).toBe('5 of 8 rollouts reach 16');
    expect(points[4]!.label).toBe('states 18');
  });

  it('no rollouts, no chart; no alignment, no table', () => {
    const v = progressVerification();
    for (const s of v.result.steps) s.evidence = {};
    expect(progressPoints(v.result)).toEqual([]);
    expect(alignmentRows(v.result)).toEqual([]);
  });

  it('each step beside its reference step, or none', () => {
    expect(alignmentRows(referenceVerification().result).map((r) => r.reference)).toEqual([1, 2, null, 4]);
  });
});

describe.skipIf(!chromiumAvailable())('progress chart and alignment in Chromium', () => {
  let p: PanelPage;
  beforeAll(async () => {
    p = await openPanelPage(await buildPanelBundle());
  }, 60_000);
  afterAll(async () => p?.close());

  it('draws Q after each step with the drop marked', async () => {
    await p.send(ShowVerification.create(progressVerification()));
    await p.page.waitForSelector('[data-testid="progress-chart"]');
    expect(await p.page.locator('[data-testid="progress-chart"] circle').count()).toBe(5);
    const drop = p.page.locator('[data-testid="progress-chart"] circle[data-step-index="1"]');
    expect(await drop.getAttribute('class')).toContain('verdict-wrong');
    expect(await drop.locator('title').textContent()).toBe('Step 2: Q = 0 (0 of 8 rollouts reach 16); progress -1');
    expect(await p.page.locator('[data-testid="alignment"]').count()).toBe(0);
  });

  it('shows the alignment side by side, reference text as text', async () => {
    await p.send(ShowVerification.create(referenceVerification()));
    await p.page.waitForSelector('[data-testid="alignment"]');
    const rows = await p.page.$$eval('[data-testid="alignment"] tr[data-step-index]', (els) => els.map((e) => e.getAttribute('data-reference')));
    expect(rows).toEqual(['1', '2', 'none', '4']);
    expect(await p.page.textContent('[data-testid="alignment"] tr[data-step-index="0"]')).toContain('Reference <b>1</b>');
    expect(await p.page.locator('[data-testid="alignment"] b').count()).toBe(0);
    expect(await p.page.locator('[data-testid="progress-chart"]').count()).toBe(0);
  });
});
