// The panel's reasoning-trace list in Chromium, behind the real CSP, fed a real trace verification.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShowTrace, ShowVerification } from '../../extension/protocol';
import { parseDocument } from '../../extension/engine/steps/document';
import { createArithmeticScorer } from '../../extension/engine/scorers/arithmetic';
import { verifySteps } from '../../extension/engine/verify';
import { verifyDocumentTrace } from '../../extension/engine/trace';
import { buildPanelBundle } from '../bench/webview-build';
import { chromiumAvailable, openPanelPage, type PanelPage } from '../bench/webview-page';
import { HOSTILE_TEXT } from '../bench/webview-samples';

async function bakery(extra = '') {
  const text = readFileSync(path.join(__dirname, '../fixtures/traces/r1-bakery.md'), 'utf8').replace('Alternatively, I could', `Alternatively, ${extra} I could`);
  const doc = parseDocument(text);
  const scorer = createArithmeticScorer();
  const result = await verifySteps({ problem: doc.problem!.text, steps: doc.steps, scorer, threshold: 0.5, aggregation: 'min' });
  const trace = (await verifyDocumentTrace(text, doc, scorer, 0.5))!;
  return { docUri: 'file:///work/bakery.md', fileName: 'bakery.md', problem: doc.problem!.text, result, corrections: {}, trace };
}

describe.skipIf(!chromiumAvailable())('panel: reasoning trace sections', () => {
  let p: PanelPage;
  beforeAll(async () => {
    p = await openPanelPage(await buildPanelBundle(), { height: 600 });
  }, 60_000);
  afterAll(async () => p?.close());

  it('lists sections with kinds and verdicts, links the correction, and leads from the surviving error to the answer', async () => {
    const { trace, ...view } = await bakery(HOSTILE_TEXT);
    await p.send(ShowVerification.create(view));
    await p.send(ShowTrace.create({ docUri: view.docUri, trace }));
    await p.page.waitForSelector('[data-testid="trace-section"]');
    const rows = await p.page.$$eval('[data-testid="trace-section"]', (els) => els.map((e) => [e.getAttribute('data-kind'), e.getAttribute('data-verdict')]));
    expect(rows).toEqual([
      ['attempt', 'unscored'],
      ['attempt', 'wrong'],
      ['attempt', 'ok'],
      ['reflection', 'ok'],
      ['strategy-shift', 'wrong'],
    ]);
    expect(await p.page.textContent('[data-testid="trace-summary"]')).toContain('the error in section 5 is never corrected');
    expect(await p.page.textContent('[data-section-index="1"] [data-testid="recovered-by"]')).toBe('recovered by section 4');
    expect(await p.page.textContent('[data-testid="surviving-error"]')).toContain('answer step 2, the first wrong step of the answer');
    await p.page.click('[data-testid="surviving-error-answer"]');
    await p.page.waitForFunction(() => {
      const r = document.querySelector('[data-testid="step-row"][data-step-index="1"]')?.getBoundingClientRect();
      return !!r && r.top >= 0 && r.bottom <= window.innerHeight;
    });
    // Section text is text: the hostile string in the last section created no element.
    expect(await p.page.textContent('[data-section-index="4"]')).toContain('<script>alert(1)</script>');
    expect(await p.page.locator('img').count()).toBe(0);
    expect(p.problems).toEqual([]);
  });

  it('ignores a trace for another document', async () => {
    const { trace, ...view } = await bakery();
    await p.send(ShowVerification.create({ ...view, docUri: 'file:///work/other.md' }));
    await p.send(ShowTrace.create({ docUri: view.docUri, trace }));
    await p.page.waitForSelector('[data-testid="step-row"]');
    expect(await p.page.locator('[data-testid="trace-section"]').count()).toBe(0);
  });
});
