import { describe, expect, it } from 'vitest';
import { BeginSearch, ShowRunning, type HostToWebview, type SearchEvent } from '../../extension/protocol';
import { PanelOutbox, type OutboxTimer } from '../../extension/vscode/panelOutbox';

function manualTimer() {
  const pending = new Map<number, () => void>();
  let next = 0;
  const timer: OutboxTimer = {
    set: (fn) => (pending.set(++next, fn), next),
    clear: (h) => pending.delete(h as number),
  };
  return { timer, fire: () => [...pending.entries()].forEach(([k, fn]) => (pending.delete(k), fn())), pending };
}

const stats = (calls: number): SearchEvent => ({ type: 'stats', stats: { calls, generationCalls: 0, scoringCalls: 0, promptTokens: 0, completionTokens: 0, cacheHits: 0, wallMs: 0 } });

describe('PanelOutbox', () => {
  it('holds messages until the webview is ready, then delivers them in order', () => {
    const sent: HostToWebview[] = [];
    const box = new PanelOutbox((m) => void sent.push(m), 120, manualTimer().timer);
    box.send(BeginSearch.create({ problem: 'p', strategy: 'beam' }));
    box.send(ShowRunning.create({ running: true }));
    expect(sent).toHaveLength(0);
    box.markReady();
    expect(sent.map((m) => m.method)).toEqual(['beginSearch', 'showRunning']);
  });

  it('batches search events into one message per interval', () => {
    const sent: HostToWebview[] = [];
    const t = manualTimer();
    const box = new PanelOutbox((m) => void sent.push(m), 120, t.timer);
    box.markReady();
    for (let i = 0; i < 500; i++) box.pushEvent(stats(i));
    expect(sent).toHaveLength(0);
    expect(t.pending.size).toBe(1);
    t.fire();
    expect(sent).toHaveLength(1);
    expect(sent[0].method).toBe('searchEvents');
    expect(sent[0].method === 'searchEvents' && sent[0].params.events.length).toBe(500);
  });

  it('sends pending events before a later message so the webview sees them in order', () => {
    const sent: HostToWebview[] = [];
    const t = manualTimer();
    const box = new PanelOutbox((m) => void sent.push(m), 120, t.timer);
    box.markReady();
    box.pushEvent(stats(1));
    box.send(ShowRunning.create({ running: false }));
    expect(sent.map((m) => m.method)).toEqual(['searchEvents', 'showRunning']);
    expect(t.pending.size).toBe(0);
  });

  it('queues again while the webview is hidden and replays when it comes back', () => {
    const sent: HostToWebview[] = [];
    const t = manualTimer();
    const box = new PanelOutbox((m) => void sent.push(m), 120, t.timer);
    box.markReady();
    box.markNotReady();
    box.pushEvent(stats(1));
    t.fire();
    expect(sent).toHaveLength(0);
    box.markReady();
    expect(sent.map((m) => m.method)).toEqual(['searchEvents']);
  });

  it('drops what a replaced run had not sent yet', () => {
    const sent: HostToWebview[] = [];
    const t = manualTimer();
    const box = new PanelOutbox((m) => void sent.push(m), 120, t.timer);
    box.pushEvent(stats(1));
    box.send(ShowRunning.create({ running: true }));
    box.clear();
    box.markReady();
    t.fire();
    expect(sent).toHaveLength(0);
  });
});
