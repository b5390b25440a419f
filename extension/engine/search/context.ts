import { setMaxListeners } from 'node:events';
import pLimit from 'p-limit';
import { aggregate } from '../scorers/aggregate';
import type { StepScore } from '../scorers/scorer';
import { BudgetTracker } from './budget';
import { ScoreCache } from './cache';
import { SearchEmitter } from './events';
import type { SearchOptions, SearchRequest } from './options';
import { PartialRejecter } from './partial';
import { confidenceOf, type Proposal, type ProposeOptions } from './propose';
import { seededRandom, seedFor, type Random } from './random';
import { SearchTree } from './tree';
import type { SearchNode, SearchStats, StopReason } from './types';

/** Thrown inside a run when it is cancelled or out of time; `runSearch` turns it into a partial result. */
export class SearchStopped extends Error {
  override readonly name = 'SearchStopped';
  constructor(readonly reason: StopReason) {
    super(`Search stopped: ${reason}`);
  }
}

/** Why a step may read oddly: the policy ran out of tokens before it finished writing it. */
export function truncationNote(tokens: number): string {
  return `step cut at the token limit (${tokens} tokens) without ending`;
}

/** One expansion: per sample the node it became (new, or the sibling it duplicated), and the new live nodes. */
export interface Expansion {
  samples: SearchNode[];
  fresh: SearchNode[];
}

/** Everything a strategy needs: the tree, one `expand` primitive, budget and stop state. */
export class SearchContext {
  readonly tree: SearchTree;
  readonly emitter = new SearchEmitter();
  readonly budget: BudgetTracker;
  readonly cache: ScoreCache;
  readonly options: SearchOptions;
  readonly random: Random;
  /** Samples being generated whose score request is still to come: partial scoring leaves their calls alone. */
  unscoredSamples = 0;
  /** Set when a budget ran out between expansions; strategies stop at their next check. */
  stopReason: StopReason | undefined;
  /** Complete solutions counted once per sample (best-of-N), for votes; otherwise every terminal node counts once. */
  solutionEnds: SearchNode[] | undefined;
  readonly stats: SearchStats = { calls: 0, generationCalls: 0, scoringCalls: 0, promptTokens: 0, completionTokens: 0, cacheHits: 0, wallMs: 0 };
  private readonly controller = new AbortController();
  private readonly schedule: <T>(fn: () => Promise<T>) => Promise<T>;
  private readonly startedAt = Date.now();
  private bestId: string | undefined;
  /** Scoring in flight per node, so a duplicate found by another expansion waits for its twin's score. */
  private readonly scoring = new Map<string, Promise<void>>();

  constructor(readonly req: SearchRequest) {
    this.options = req.options;
    this.tree = new SearchTree(req.problem);
    this.budget = new BudgetTracker(req.options.budget ?? {});
    this.cache = new ScoreCache(req.scorer);
    this.random = req.random ?? seededRandom(req.options.seed);
    // Every request in flight listens to the run's signal: more than Node's default ten is normal here.
    setMaxListeners(Math.max(10, 4 * req.options.concurrency + 16), this.controller.signal);
    const limit = pLimit(req.options.concurrency);
    this.schedule = (fn) => limit(fn);
    if (req.onEvent) this.emitter.onAny(req.onEvent);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Hard stop: in-flight requests are abandoned. Used for cancellation and the time budget. */
  abort(reason: StopReason): void {
    if (!this.controller.signal.aborted) this.controller.abort(new SearchStopped(reason));
  }

  /** True when a strategy should start no more work. */
  shouldStop(): boolean {
    if (this.controller.signal.aborted) throw this.controller.signal.reason;
    this.stopReason ??= this.budget.exhausted();
    return this.stopReason !== undefined;
  }

  /** Resolves with `promise` or rejects as soon as the run is aborted, even if the promise never settles. */
  private abortable<T>(promise: Promise<T>): Promise<T> {
    const signal = this.controller.signal;
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
        (e) => (signal.removeEventListener('abort', onAbort), reject(signal.aborted ? signal.reason : e)),
      );
    });
  }

  /** Asks the policy for `k` next steps after `parent`, adds them to the tree and scores each new one (one request each). */
  async expand(parent: SearchNode, k: number, opts: { watchPartials?: boolean } = {}): Promise<Expansion> {
    if (this.shouldStop()) return { samples: [], fresh: [] };
    // Each sample may cost a generation and a scoring request: never start what the call budget cannot finish.
    const granted = Math.min(k, Math.floor(this.budget.remainingCalls() / 2));
    if (granted < 1) {
      this.stopReason = 'budget-calls';
      return { samples: [], fresh: [] };
    }
    const ids = Array.from({ length: granted }, () => this.tree.reserveId());
    const prefix = this.tree.pathTexts(parent);
    const seedBase = seedFor(this.options.seed, this.req.problem, prefix, this.tree.nextExpansion(parent));
    this.budget.calls += granted;
    const rejectBelow = this.options.rejectBelow;
    const watch = opts.watchPartials && rejectBelow !== undefined ? new PartialRejecter(this, prefix, granted, rejectBelow) : undefined;
    const started = Date.now();
    this.unscoredSamples += granted;
    let proposals: Proposal[];
    // Each sample is judged as soon as it is written, not when its slowest sibling is: the prefix cache then
    // hands the node its score. Twins share one request.
    const onProposal = (i: number, p: Proposal) => {
      if (i >= granted || p.aborted || !p.text.trim() || this.controller.signal.aborted || this.tree.findSibling(parent, p.text)) return;
      this.warmScore([...prefix, p.text]).catch(() => undefined); // the node's own lookup reports a failure
    };
    try {
      proposals = await this.proposeSteps(prefix, granted, seedBase, { ...watch?.hooks(), onProposal });
    } finally {
      this.unscoredSamples -= granted; // their scores are asked for right below, in the same turn
    }
    const genMs = Date.now() - started;
    const samples: SearchNode[] = [];
    const fresh: { node: SearchNode; proposal: Proposal }[] = [];
    proposals.slice(0, granted).forEach((p, i) => {
      if (!p.text.trim()) return;
      const twin = this.tree.findSibling(parent, p.text);
      const node = this.tree.add(parent, p.text, { id: ids[i], tokens: p.usage.completionTokens, confidence: confidenceOf(p.tokens) });
      node.ms = genMs;
      if (p.truncated) node.note = truncationNote(p.usage.completionTokens);
      this.emitter.emit('node-added', { node: { ...node } });
      if (p.aborted) {
        this.stats.partialAborts = (this.stats.partialAborts ?? 0) + 1;
        this.prune(node, watch?.reasons[i] ?? 'aborted while writing');
        return;
      }
      if (twin) {
        this.prune(node, `duplicate of ${twin.id}`);
        samples.push(twin);
        return;
      }
      samples.push(node);
      fresh.push({ node, proposal: p });
    });
    if (proposals.length > 0 && proposals.every((p) => !p.text.trim()) && parent.parentId !== null) {
      // The model has nothing to add after this step: the solution ends here.
      this.update(parent, 'terminal');
    }
    for (const { node, proposal } of fresh) this.scoring.set(node.id, this.scoreNode(node, proposal, started));
    await Promise.all(samples.map((n) => this.scoring.get(n.id)));
    this.announceBest();
    return { samples, fresh: fresh.map((f) => f.node).filter((n) => n.status !== 'pruned') };
  }

  /**
   * One generation request per sample after `prefix`, under the shared limit and the run's signal. Counts the
   * requests and tokens; the caller has already reserved the calls in the budget.
   */
  async proposeSteps(prefix: readonly string[], n: number, seedBase: number, watch: Partial<ProposeOptions> = {}): Promise<Proposal[]> {
    this.stats.generationCalls += n;
    const proposals = await this.abortable(
      this.req.proposer.propose(this.req.problem, prefix, n, {
        ...watch,
        signal: this.signal,
        seedBase,
        schedule: this.schedule,
        temperature: this.options.temperature,
      }),
    );
    for (const p of proposals.slice(0, n)) {
      this.stats.promptTokens += p.usage.promptTokens;
      this.stats.completionTokens += p.usage.completionTokens;
      this.budget.tokens += p.usage.completionTokens;
    }
    return proposals;
  }

  /**
   * The PRM score of the last step of `texts`, through the prefix cache. Counts a request (and a budget call) only
   * when not cached. `outsideLimit` skips the shared concurrency limit, for requests that must not queue behind the
   * generations they are judging.
   */
  scorePath(texts: readonly string[], { outsideLimit = false } = {}): Promise<StepScore> {
    if (!this.cache.has(this.req.problem, texts)) {
      this.budget.calls++;
      this.stats.scoringCalls++;
    }
    return this.abortable(this.cache.scoreLast(this.req.problem, texts, { signal: this.signal, ...(outsideLimit ? {} : { run: this.schedule }) }));
  }

  /** `scorePath` started early, for a sample whose node is not in the tree yet. */
  private warmScore(texts: readonly string[]): Promise<StepScore> {
    if (!this.cache.has(this.req.problem, texts)) {
      this.budget.calls++;
      this.stats.scoringCalls++;
    }
    return this.abortable(this.cache.warm(this.req.problem, texts, { signal: this.signal, run: this.schedule }));
  }

  private async scoreNode(node: SearchNode, proposal: Proposal, started: number): Promise<void> {
    const path = this.tree.path(node);
    const score = await this.scorePath(path.map((n) => n.text));
    // A step the scorer could not judge says nothing about the path: it is left out, and a path with no judged
    // step ranks last (it is unverified, never preferred).
    const judged = path.map((n) => (n === node ? score : n.score)).filter((s): s is NonNullable<typeof s> => s !== undefined && !s.abstained);
    const pathScore = judged.length ? aggregate(judged.map((s) => s.score), this.req.aggregation) : 0;
    this.tree.setScore(node, score, pathScore);
    node.ms = Date.now() - started;
    this.emitter.emit('node-scored', { id: node.id, score, pathScore });
    const { rejectBelow, maxDepth } = this.options;
    if (proposal.finished) {
      if (proposal.answer !== undefined) node.answer = proposal.answer;
      this.update(node, 'terminal');
    }
    if (rejectBelow !== undefined && pathScore < rejectBelow) this.prune(node, `below ${rejectBelow}`);
    else if (!proposal.finished && node.depth >= maxDepth) this.prune(node, `reached the maximum depth (${maxDepth}) without an answer`);
  }

  prune(node: SearchNode, reason: string): void {
    this.tree.setStatus(node, 'pruned', reason);
    this.emitter.emit('node-pruned', { id: node.id, reason });
  }

  update(node: SearchNode, status: SearchNode['status']): void {
    if (node.status === status) return;
    this.tree.setStatus(node, status);
    this.emitter.emit('node-updated', { node: { ...node } });
  }

  /** Complete solutions, best first. */
  finishedNodes(): SearchNode[] {
    return this.tree.all().filter((n) => n.status === 'terminal' && n.pathScore !== undefined);
  }

  /** The best solution so far: a complete one if any, else the best-scored partial one. */
  best(): SearchNode | undefined {
    const rank = (a: SearchNode, b: SearchNode) => (b.pathScore ?? -1) - (a.pathScore ?? -1) || b.depth - a.depth;
    const done = this.finishedNodes().sort(rank);
    if (done.length) return done[0];
    return this.tree.all().filter((n) => n.pathScore !== undefined && n.status !== 'pruned').sort(rank)[0]
      ?? this.tree.all().filter((n) => n.pathScore !== undefined).sort(rank)[0];
  }

  private announceBest(): void {
    const best = this.best();
    if (!best || best.id === this.bestId) return;
    this.bestId = best.id;
    this.emitter.emit('best-path', { ids: ['n0', ...this.tree.path(best).map((n) => n.id)], score: best.pathScore ?? 0 });
  }

  snapshotStats(): SearchStats {
    this.stats.calls = this.stats.generationCalls + this.stats.scoringCalls;
    this.stats.cacheHits = this.cache.hits;
    this.stats.wallMs = Date.now() - this.startedAt;
    return { ...this.stats };
  }
}
