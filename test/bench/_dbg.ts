import { ShowVerification } from '../../extension/protocol';
import { BUILT_BUNDLE, openPanelPage } from './webview-page';
import { sampleVerification } from './webview-samples';
(async () => {
  const p = await openPanelPage(BUILT_BUNDLE);
  const v = sampleVerification(200, 120);
  for (let k = 0; k < 3; k++) {
  const r = await p.page.evaluate(async (json) => {
    const app = (window as any).stepwisePanel;
    const t0 = performance.now();
    app.onMessage(JSON.parse(json));
    const t1 = performance.now();
    document.body.offsetHeight;
    const t2 = performance.now();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return [t1 - t0, t2 - t1, performance.now() - t2, document.getElementsByTagName('*').length];
  }, JSON.stringify(ShowVerification.create(v)));
  console.log(r);
  }
  await p.page.evaluate(() => (window as any).stepwisePanel.persistNow());
  await p.close();
})();
