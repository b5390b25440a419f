import { SearchContext, SearchStopped } from './context';
import { SearchEmitter } from './events';
import { validateSearchRequest, type SearchRequest } from './options';
import { loadAnswerEquivalence } from '../steps/answers';
import { buildResult } from './result';
import { STRATEGY_REGISTRY } from './strategies';
import type { SearchEvent, SearchResult, StopReason } from './types';

/**
 * Runs one search. Budgets and cancellation end it cleanly: the result then holds the partial tree, the best
 * solution found so far and `stoppedBy`. Only real failures (server unreachable, bad options) throw.
 */
export async function runSearch(req: SearchRequest): Promise<SearchResult> {
  validateSearchRequest(req);
  const ctx = new SearchContext(req);
  const onAbort = () => ctx.abort('cancelled');
  if (req.signal?.aborted) onAbort();
  req.signal?.addEventListener('abort', onAbort, { once: true });
  const ms = req.options.budget?.ms;
  const timer = ms !== undefined ? setTimeout(() => ctx.abort('budget-time'), ms) : undefined;
  ctx.emitter.emit('started', { strategy: req.strategy, problem: req.problem });
  let stoppedBy: StopReason = 'done';
  try {
    await STRATEGY_REGISTRY[req.strategy](ctx);
    stoppedBy = ctx.stopReason ?? 'done';
  } catch (err) {
    if (err instanceof SearchStopped) stoppedBy = err.reason;
    else {
      ctx.abort('cancelled'); // stop sibling requests before reporting the failure
      throw err;
    }
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onAbort);
  }
  // Votes group answers by their canonical form: load the CAS once, only when there is something to group, and
  // never after a cancel or the time budget (the string rules then group them without delay).
  const grouping = ctx.finishedNodes().length > 1 || (ctx.solutionEnds?.length ?? 0) > 1;
  if (grouping && stoppedBy !== 'cancelled' && stoppedBy !== 'budget-time') await loadAnswerEquivalence();
  const result = buildResult(ctx, stoppedBy);
  ctx.emitter.emit('stats', { stats: result.stats });
  ctx.emitter.emit('finished', { result });
  return result;
}

/** The same run as an async iterable of events plus the final result. */
export function streamSearch(req: SearchRequest): { events: AsyncIterable<SearchEvent>; result: Promise<SearchResult> } {
  const relay = new SearchEmitter();
  const events = relay.events();
  const result = runSearch({
    ...req,
    onEvent: (e) => {
      req.onEvent?.(e);
      relay.dispatch(e);
    },
  });
  // A failed run ends the event stream too.
  result.catch(() => relay.close());
  return { events, result };
}
