// What the panel host sends to its webview: held until the webview says `ready`, search events batched.
// No `vscode` import, so it is unit-tested directly.
import { SearchEvents, type HostToWebview, type SearchEvent } from '../protocol';

export interface OutboxTimer {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimer: OutboxTimer = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class PanelOutbox {
  private ready = false;
  private readonly queue: HostToWebview[] = [];
  private events: SearchEvent[] = [];
  private flushHandle: unknown;

  constructor(
    /** Returns false when the webview could not take the message (hidden or gone). */
    private readonly post: (msg: HostToWebview) => boolean | Thenable<boolean> | void,
    private readonly batchMs = 120,
    private readonly timer: OutboxTimer = realTimer,
  ) {}

  get isReady(): boolean {
    return this.ready;
  }

  /** The webview posted `ready` (first load, or reloaded after being hidden or restored). */
  markReady(): void {
    this.ready = true;
    const held = this.queue.splice(0);
    for (const msg of held) this.post(msg);
  }

  /** The webview went away (hidden without retained context, or disposed): hold messages again. */
  markNotReady(): void {
    this.ready = false;
  }

  send(msg: HostToWebview): void {
    // Order matters: events already batched go before whatever comes next.
    this.flushEvents();
    this.deliver(msg);
  }

  /** Search events go out in batches, at most one message per `batchMs`. */
  pushEvent(e: SearchEvent): void {
    this.events.push(e);
    if (this.flushHandle === undefined) this.flushHandle = this.timer.set(() => this.flushEvents(), this.batchMs);
  }

  flushEvents(): void {
    if (this.flushHandle !== undefined) {
      this.timer.clear(this.flushHandle);
      this.flushHandle = undefined;
    }
    if (this.events.length === 0) return;
    const events = this.events;
    this.events = [];
    this.deliver(SearchEvents.create({ events }));
  }

  /** Drops everything not yet sent (a new run replaces the old one). */
  clear(): void {
    this.queue.length = 0;
    this.events = [];
    if (this.flushHandle !== undefined) this.timer.clear(this.flushHandle);
    this.flushHandle = undefined;
  }

  dispose(): void {
    this.clear();
    this.ready = false;
  }

  private deliver(msg: HostToWebview): void {
    if (!this.ready) {
      this.queue.push(msg);
      return;
    }
    this.post(msg);
  }
}

type Thenable<T> = PromiseLike<T>;
