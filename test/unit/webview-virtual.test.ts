import { describe, expect, it } from 'vitest';
import { scrollTopFor, visibleRange } from '../../webview/virtualList';

describe('visibleRange', () => {
  it('renders only the rows in view plus a little overscan, however long the list', () => {
    const r = visibleRange(0, 320, 22, 5000, 6);
    expect(r).toEqual({ start: 0, end: 22 });
    const mid = visibleRange(22 * 2500, 320, 22, 5000, 6);
    expect(mid.start).toBe(2494);
    expect(mid.end - mid.start).toBeLessThan(40);
  });

  it('clamps at the end of the list and handles empty lists', () => {
    expect(visibleRange(22 * 4990, 320, 22, 5000)).toEqual({ start: 4984, end: 5000 });
    expect(visibleRange(100, 320, 22, 0)).toEqual({ start: 0, end: 0 });
    expect(visibleRange(1e9, 320, 22, 10).end).toBe(10);
  });
});

describe('scrollTopFor', () => {
  it('scrolls just enough to show a row, and not at all when it is visible', () => {
    expect(scrollTopFor(100, 0, 220, 22)).toBe(100 * 22 + 22 - 220);
    expect(scrollTopFor(3, 220, 220, 22)).toBe(66);
    expect(scrollTopFor(12, 220, 220, 22)).toBe(220);
  });
});
