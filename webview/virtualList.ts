// A fixed-row-height list that keeps only the visible rows in the DOM, so thousands of search nodes stay cheap.

/** Which rows [start, end) to render for a scroll position, with `overscan` extra rows on each side. */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 6): { start: number; end: number } {
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start: Math.min(start, end), end };
}

/** The scrollTop that brings row `index` into view, or the current one when it is already visible. */
export function scrollTopFor(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return scrollTop;
}

export class VirtualList<T> {
  private readonly spacer: HTMLElement;
  private readonly pool: HTMLElement[] = [];
  private items: readonly T[] = [];
  private frame = 0;
  private pendingScroll: number | undefined;

  constructor(
    readonly viewport: HTMLElement,
    private readonly rowHeight: number,
    private readonly renderRow: (item: T, row: HTMLElement, index: number) => void,
  ) {
    const doc = viewport.ownerDocument;
    this.spacer = doc.createElement('div');
    this.spacer.className = 'sw-node-list-spacer';
    this.spacer.setAttribute('role', 'presentation');
    viewport.append(this.spacer);
    viewport.addEventListener('scroll', () => this.schedule(), { passive: true });
  }

  setItems(items: readonly T[]): void {
    this.items = items;
    this.schedule();
  }

  /** Scrolls on the next render, once the spacer has its height (a fresh or restored list has none yet). */
  scrollToIndex(index: number): void {
    this.pendingScroll = index;
    this.schedule();
  }

  /** Renders on the next animation frame; many updates in one frame cost one render. */
  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  render(): void {
    this.spacer.style.height = `${this.items.length * this.rowHeight}px`;
    if (this.pendingScroll !== undefined && this.viewport.clientHeight > 0) {
      this.viewport.scrollTop = scrollTopFor(this.pendingScroll, this.viewport.scrollTop, this.viewport.clientHeight, this.rowHeight);
      this.pendingScroll = undefined;
    }
    const { start, end } = visibleRange(this.viewport.scrollTop, this.viewport.clientHeight || 400, this.rowHeight, this.items.length);
    const needed = end - start;
    while (this.pool.length < needed) {
      const row = this.viewport.ownerDocument.createElement('div');
      row.className = 'sw-node-row';
      this.spacer.append(row);
      this.pool.push(row);
    }
    // Row i always lives in pool[i % size]: a row that stays in view keeps its element while scrolling.
    const size = this.pool.length;
    const used = new Set<number>();
    for (let index = start; index < end; index++) {
      const slot = index % size;
      used.add(slot);
      const row = this.pool[slot];
      row.hidden = false;
      row.style.transform = `translateY(${index * this.rowHeight}px)`;
      this.renderRow(this.items[index], row, index);
    }
    this.pool.forEach((row, slot) => {
      if (!used.has(slot)) row.hidden = true;
    });
  }

  /** Rows currently in the DOM (for tests and the benchmark). */
  get renderedRows(): number {
    return this.pool.filter((r) => !r.hidden).length;
  }
}
