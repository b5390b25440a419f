import type { SearchEvent, SearchEventMap, SearchListener } from './types';

type Listener<K extends keyof SearchEventMap> = (event: { type: K } & SearchEventMap[K]) => void;

/** A typed event emitter over `SearchEventMap`. A throwing listener never breaks the search. */
export class SearchEmitter {
  private readonly typed = new Map<keyof SearchEventMap, Set<(e: SearchEvent) => void>>();
  private readonly any = new Set<SearchListener>();
  private readonly closers = new Set<() => void>();

  on<K extends keyof SearchEventMap>(type: K, listener: Listener<K>): () => void {
    const set = this.typed.get(type) ?? new Set();
    set.add(listener as unknown as (e: SearchEvent) => void);
    this.typed.set(type, set);
    return () => set.delete(listener as unknown as (e: SearchEvent) => void);
  }

  onAny(listener: SearchListener): () => void {
    this.any.add(listener);
    return () => this.any.delete(listener);
  }

  emit<K extends keyof SearchEventMap>(type: K, payload: SearchEventMap[K]): void {
    this.dispatch({ type, ...payload } as SearchEvent);
  }

  /** Re-emits an event received from elsewhere. */
  dispatch(event: SearchEvent): void {
    for (const l of this.typed.get(event.type) ?? []) safely(l, event);
    for (const l of this.any) safely(l, event);
  }

  /** Ends every open `events()` stream (after a failed run, which sends no `finished`). */
  close(): void {
    for (const c of this.closers) c();
  }

  /** Every event from now on as an async iterable that ends after `finished`. Breaking out only stops listening. */
  events(): AsyncIterable<SearchEvent> {
    const queue: SearchEvent[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    const off = this.onAny((e) => {
      queue.push(e);
      if (e.type === 'finished') done = true;
      wake?.();
    });
    const close = () => {
      done = true;
      wake?.();
    };
    this.closers.add(close);
    return {
      [Symbol.asyncIterator]: () => ({
        next: async (): Promise<IteratorResult<SearchEvent>> => {
          while (queue.length === 0) {
            if (done) {
              off();
              return { done: true, value: undefined };
            }
            await new Promise<void>((resolve) => (wake = resolve));
            wake = undefined;
          }
          return { done: false, value: queue.shift()! };
        },
        return: async (): Promise<IteratorResult<SearchEvent>> => {
          off();
          this.closers.delete(close);
          done = true;
          return { done: true, value: undefined };
        },
      }),
    };
  }
}

function safely(listener: (e: SearchEvent) => void, event: SearchEvent): void {
  try {
    listener(event);
  } catch {
    // A view's bug must not end the search; views report their own errors.
  }
}
