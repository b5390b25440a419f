// Screenshots of the panel with sample data: `npx vite-node test/bench/webview-screens.ts [outdir]`.
import { ShowCorrection, ShowError, ShowRunning, ShowSearchResult, ShowVerification, BeginSearch, SearchEvents, RevealNode } from '../../extension/protocol';
import { buildPanelBundle } from './webview-build';
import { openPanelPage } from './webview-page';
import { HOSTILE_TEXT, sampleSearch, sampleVerification } from './webview-samples';

async function main(out = process.argv[2] ?? '/tmp/stepwise-shots'): Promise<void> {
  const bundle = await buildPanelBundle();
  for (const light of [false, true]) {
    const p = await openPanelPage(bundle, { light });
    const v = sampleVerification(6, 2, true);
    await p.send(ShowVerification.create({ ...v, corrections: {} }));
    await p.send(ShowCorrection.create({ docUri: v.docUri, correction: v.corrections[2] }));
    await p.send(ShowError.create({ message: `Model "qwen2.5:7b" is not installed in Ollama. ${HOSTILE_TEXT}`, fix: 'ollama pull qwen2.5:7b' }));
    await p.page.evaluate(() => document.querySelectorAll('details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await p.page.waitForTimeout(300);
    await p.page.screenshot({ path: `${out}/verify-${light ? 'light' : 'dark'}.png`, fullPage: true });

    const { events, result } = sampleSearch(600);
    await p.send(BeginSearch.create({ problem: result.problem, strategy: 'beam' }));
    await p.send(ShowRunning.create({ running: true }));
    await p.send(SearchEvents.create({ events: events.slice(0, 900) }));
    await p.send(RevealNode.create({ id: 'n21' }));
    await p.page.waitForTimeout(300);
    await p.page.screenshot({ path: `${out}/search-live-${light ? 'light' : 'dark'}.png`, fullPage: true });
    await p.send(SearchEvents.create({ events: events.slice(900) }));
    await p.send(ShowSearchResult.create({ result }));
    await p.send(ShowRunning.create({ running: false }));
    await p.page.waitForTimeout(300);
    await p.page.screenshot({ path: `${out}/search-done-${light ? 'light' : 'dark'}.png`, fullPage: true });
    console.log(light ? 'light' : 'dark', 'problems:', p.problems, 'posted:', JSON.stringify(await p.posted()));
    await p.close();
  }
}

void main();
