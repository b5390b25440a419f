// The real panel bundle in Chromium, behind the real CSP: hooks the end-to-end tests rely on, and no injected markup.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplyCorrection, BeginSearch, RequestDone, RevealNode, SearchEvents, SelectNode, ShowError, ShowRunning, ShowVerification } from '../../extension/protocol';
import { buildPanelBundle } from '../bench/webview-build';
import { chromiumAvailable, openPanelPage, type PanelPage } from '../bench/webview-page';
import { HOSTILE_TEXT, sampleSearch, sampleVerification } from '../bench/webview-samples';

describe('webview sources', () => {
  it('never parse strings as HTML', () => {
    const dir = join(__dirname, '../../webview');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment/);
    }
  });
});

describe.skipIf(!chromiumAvailable())('panel in Chromium', () => {
  let bundle: string;
  let p: PanelPage;
  beforeAll(async () => {
    bundle = await buildPanelBundle();
    p = await openPanelPage(bundle);
  }, 60_000);
  afterAll(async () => p?.close());

  it('shows a verification with the stable hooks, and hostile text stays text', async () => {
    const v = sampleVerification(6, 2, true);
    await p.send(ShowVerification.create(v));
    await p.send(ShowError.create({ message: HOSTILE_TEXT }));
    await p.page.waitForSelector('[data-testid="step-row"]');
    const rows = await p.page.$$eval('[data-testid="step-row"]', (els) => els.map((e) => [e.getAttribute('data-step-index'), e.getAttribute('data-verdict')]));
    expect(rows).toEqual([['0', 'ok'], ['1', 'ok'], ['2', 'wrong'], ['3', 'doubtful'], ['4', 'ok'], ['5', 'ok']]);
    expect(await p.page.$eval('[data-testid="first-error"]', (e) => e.closest('[data-testid="step-row"]')?.getAttribute('data-step-index'))).toBe('2');
    expect(await p.page.$$eval('[data-testid="step-score"]', (els) => els.map((e) => e.textContent))).toEqual(['0.90', '0.97', '0.12', '0.62', '0.98', '0.95']);
    expect(await p.page.locator('[data-testid="path-chart"] circle').count()).toBe(6);
    expect(await p.page.textContent('[data-testid="problem"]')).toContain('<script>alert(1)</script>');
    expect(await p.page.textContent('[data-testid="stats"]')).toContain('step 3');
    // Only the panel's own scripts exist; no element came from model or document text.
    expect(await p.page.locator('img').count()).toBe(0);
    expect(await p.page.locator('body script:not([nonce])').count()).toBe(0);
    expect(await p.page.textContent('body')).toContain('⟦U+202E⟧');
    expect(await p.page.textContent('body')).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    // KaTeX rendered the math.
    expect(await p.page.locator('[data-testid="problem"] .katex').count()).toBeGreaterThan(0);
    expect(p.problems).toEqual([]);
  });

  it('shows a verification in which no step got a verdict as unverified, never as a pass', async () => {
    const v = sampleVerification(4, 1);
    const steps = v.result.steps.map((s) => ({ ...s, score: null, verdict: 'unscored' as const, unscoredReason: 'the judge gave no yes/no verdict' }));
    const summary = 'Unverified: none of the 4 steps got a verdict (the judge gave no yes/no verdict: 4).';
    await p.send(ShowVerification.create({ ...v, corrections: {}, result: { ...v.result, steps, firstError: -1, solutionScore: null, judged: 0, unscored: 4, outcome: 'unverified', summary } }));
    await p.page.waitForFunction(() => document.querySelectorAll('[data-testid="step-row"][data-verdict="unscored"]').length === 4);
    expect(await p.page.textContent('[data-testid="summary"]')).toContain('Unverified');
    expect(await p.page.textContent('body')).not.toMatch(/no wrong step/i);
    expect(await p.page.$$eval('[data-testid="step-score"]', (els) => els.map((e) => e.textContent))).toEqual(['–', '–', '–', '–']);
    expect(await p.page.locator('[data-testid="path-chart"] circle').count()).toBe(0);
    expect(p.problems).toEqual([]);
    // Back to the sample for the tests that follow.
    await p.send(ShowVerification.create(sampleVerification(6, 2, true)));
    await p.page.waitForSelector('[data-testid="apply-correction"]');
  });

  it('posts applyCorrection and keeps the button busy until the host answers', async () => {
    const button = p.page.locator('[data-testid="apply-correction"]');
    await button.click();
    const posted = (await p.posted()).filter((m) => ApplyCorrection.is(m));
    expect(posted).toHaveLength(1);
    const msg = posted[0];
    expect(ApplyCorrection.is(msg) && msg.params).toMatchObject({ docUri: 'file:///work/examples/eggs.md', stepIndex: 2 });
    expect(await button.getAttribute('disabled')).not.toBeNull();
    if (ApplyCorrection.is(msg)) await p.send(RequestDone.create({ requestId: msg.params.requestId, ok: true }));
    await p.page.waitForFunction(() => !document.querySelector('[data-testid="apply-correction"]')?.hasAttribute('disabled'));
  });

  it('keeps a 5,000-node search responsive: few rows in the DOM, reveal and select work', { timeout: 60_000 }, async () => {
    const { events } = sampleSearch(5000);
    await p.send(BeginSearch.create({ problem: 'What is $2^{10}$?', strategy: 'beam' }));
    await p.send(ShowRunning.create({ running: true }));
    for (let i = 0; i < events.length; i += 2500) await p.send(SearchEvents.create({ events: events.slice(i, i + 2500) }));
    await p.page.waitForFunction(() => document.querySelector('[data-testid="node-count"]')?.textContent?.startsWith('5000 nodes'));
    const rowsInDom = await p.page.locator('.sw-node-row:not([hidden])').count();
    expect(rowsInDom).toBeGreaterThan(5);
    expect(rowsInDom).toBeLessThan(60);

    await p.send(RevealNode.create({ id: 'n4000' }));
    await p.page.waitForSelector('.sw-node-row.sw-selected[data-node-id="n4000"]');
    expect((await p.posted()).some((m) => SelectNode.is(m))).toBe(false); // a reveal from the tree does not echo back

    await p.page.locator('.sw-node-row[data-node-id="n4001"]').click();
    expect((await p.posted()).filter((m) => SelectNode.is(m)).map((m) => SelectNode.is(m) && m.params.id)).toEqual(['n4001']);

    await p.page.locator('[data-testid="cancel"]').click();
    expect((await p.posted()).some((m) => m.method === 'cancel')).toBe(true);
    expect(p.problems).toEqual([]);
  });

  it('restores what it showed from getState after a reload', { timeout: 60_000 }, async () => {
    const state = await p.page.evaluate(() => {
      (window as unknown as { stepwisePanel: { persistNow(): void } }).stepwisePanel.persistNow();
      return JSON.stringify((window as unknown as { __state: unknown }).__state);
    });
    const again = await openPanelPage(bundle, { state: JSON.parse(state) });
    try {
      await again.page.waitForFunction(() => document.querySelector('[data-testid="node-count"]')?.textContent?.startsWith('5000 nodes'));
      await again.page.waitForSelector('.sw-node-row.sw-selected[data-node-id="n4001"]');
      expect(again.problems).toEqual([]);
    } finally {
      await again.close();
    }
  });
});
