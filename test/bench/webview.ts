// Webview benchmark: view-model time in Node, and render time of the built panel in Chromium
// for a 200-step path and a 5,000-node search tree. Returns a Markdown table.
import { existsSync } from 'node:fs';
import { BeginSearch, SearchEvents, ShowVerification, type HostToWebview } from '../../extension/protocol';
import { SearchReducer as SearchModel } from '../../extension/searchReducer';
import { chartGeometry, verificationSteps } from '../../webview/viewModel';
import { BUILT_BUNDLE, chromiumAvailable, openPanelPage, type PanelPage } from './webview-page';
import { sampleSearch, sampleVerification } from './webview-samples';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeIt(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** In the page: deliver a message straight to the app, then wait for the frame it scheduled. Returns ms. */
async function renderTime(p: PanelPage, msg: HostToWebview): Promise<number> {
  return p.page.evaluate(async (json) => {
    const app = (window as unknown as { stepwisePanel: { onMessage(m: unknown): void } }).stepwisePanel;
    const t0 = performance.now();
    app.onMessage(JSON.parse(json));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t0;
  }, JSON.stringify(msg));
}

export async function benchWebview(): Promise<string> {
  const rows: [string, string][] = [];
  const verification = sampleVerification(200, 120);
  const { events, result } = sampleSearch(5000);

  rows.push(['view model: 200-step path (steps + chart)', `${timeIt(50, () => chartGeometry(verificationSteps(verification.result), 0.5)).toFixed(2)} ms`]);
  rows.push([
    'view model: 5,000-node tree (apply events + depth-first rows)',
    `${timeIt(10, () => {
      const m = new SearchModel(result.problem, 'beam');
      m.apply(events);
      m.rows();
    }).toFixed(1)} ms`,
  ]);

  if (!chromiumAvailable()) {
    rows.push(['render in Chromium', 'skipped: /usr/bin/chromium not installed (apt-get install -y chromium)']);
  } else if (!existsSync(`${BUILT_BUNDLE}/panel.js`)) {
    rows.push(['render in Chromium', `skipped: ${BUILT_BUNDLE}/panel.js missing (run npm run build)`]);
  } else {
    const p = await openPanelPage(BUILT_BUNDLE);
    try {
      const verifyMs: number[] = [];
      for (let i = 0; i < 5; i++) verifyMs.push(await renderTime(p, ShowVerification.create(verification)));
      rows.push(['render: 200-step verification (KaTeX, chart, evidence), median of 5', `${median(verifyMs).toFixed(1)} ms`]);

      await renderTime(p, BeginSearch.create({ problem: result.problem, strategy: 'beam' }));
      rows.push(['render: 5,000-node search in one batch', `${(await renderTime(p, SearchEvents.create({ events }))).toFixed(1)} ms`]);
      const dom = await p.page.evaluate(() => ({ rows: document.querySelectorAll('.sw-node-row:not([hidden])').length, elements: document.getElementsByTagName('*').length }));
      rows.push(['rows in the DOM for 5,000 nodes (virtualised)', `${dom.rows} (${dom.elements} elements in total)`]);

      // What a live search costs per host batch (~120 ms of events) once the tree is large.
      await renderTime(p, BeginSearch.create({ problem: result.problem, strategy: 'beam' }));
      const batchMs: number[] = [];
      for (let i = 0; i < events.length; i += 200) batchMs.push(await renderTime(p, SearchEvents.create({ events: events.slice(i, i + 200) })));
      rows.push([`live search: ${batchMs.length} batches of 200 events, median / max per batch`, `${median(batchMs).toFixed(1)} / ${Math.max(...batchMs).toFixed(1)} ms`]);
      rows.push(['reveal node n4000 (scroll + highlight)', `${(await renderTime(p, { method: 'revealNode', params: { id: 'n4000' } })).toFixed(1)} ms`]);
      if (p.problems.length) rows.push(['page problems', p.problems.join('; ')]);
    } finally {
      await p.close();
    }
  }
  return ['| webview | time |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}
