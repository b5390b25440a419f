import { searchOptionsOf } from '../config';
import { InvalidOptions } from '../errors';
import { resolveOptions } from '../resolveOptions';
import { AGGREGATIONS, isAggregation, type Aggregation } from '../scorers/aggregate';
import type { Scorer } from '../scorers/scorer';
import type { SearchBudget } from './budget';
import type { StepProposer } from './propose';
import type { Random } from './random';
import { STRATEGIES, type SearchListener, type StrategyName } from './types';

export interface SearchOptions {
  /** Solutions (best-of-N), beams (beam), total candidates per step (DVTS). */
  n: number;
  /** M: candidates per expansion (beam, DVTS, MCTS widening). */
  beamWidth: number;
  maxDepth: number;
  temperature: number;
  seed: number;
  /** Prune a partial solution whose aggregated score falls below this. */
  rejectBelow?: number;
  /** Parallel model requests over the whole search (generation and scoring share them). */
  concurrency: number;
  budget: SearchBudget;
  mctsIterations?: number;
  /** MCTS: completions played out from each new node to a final answer, to judge it by where it leads (default 0 = off). */
  mctsRollouts?: number;
  /** Fixed PUCT exploration constant; without it the OpenR schedule (c_init 1.25, c_base 19652) is used. */
  cPuct?: number;
  /** Verdict threshold for the reported steps (default 0.5). */
  threshold?: number;
  /**
   * Beam: score each candidate's partial step while it streams (every 64 tokens) and stop writing it when it is under
   * `rejectBelow` and clearly behind its best sibling. Needs `rejectBelow` and a streaming proposer.
   */
  partialReject?: boolean;
  /** Expand the most confident candidates first (policy logprobs), when there is a choice. */
  orderByConfidence?: boolean;
}

export interface SearchRequest {
  problem: string;
  strategy: StrategyName;
  proposer: StepProposer;
  scorer: Scorer;
  aggregation: Aggregation;
  options: SearchOptions;
  signal?: AbortSignal;
  onEvent?: SearchListener;
  /** Seeded generator for any random choice; defaults to one seeded with `options.seed`. */
  random?: Random;
}

/** The search with every option at the schema's default (the one place defaults live is options.ts). */
export const DEFAULT_SEARCH_OPTIONS: SearchOptions = (() => {
  const { strategy: _strategy, ...options } = searchOptionsOf(resolveOptions({}));
  return options;
})();

function positiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new InvalidOptions(`${name} must be a whole number of at least 1 (got ${value}).`);
}

/** All option checks, once, at the engine's entry. Throws InvalidOptions with a sentence a user can act on. */
export function validateSearchRequest(req: SearchRequest): void {
  if (!(STRATEGIES as readonly string[]).includes(req.strategy)) {
    throw new InvalidOptions(`Unknown search strategy "${req.strategy}"; use one of ${STRATEGIES.join(', ')}.`);
  }
  if (!isAggregation(req.aggregation)) {
    throw new InvalidOptions(`Unknown aggregation "${req.aggregation as string}"; use one of ${AGGREGATIONS.join(', ')}.`);
  }
  if (!req.problem.trim()) throw new InvalidOptions('The problem is empty: write the problem before searching for a solution.');
  const o = req.options;
  positiveInteger('n', o.n);
  positiveInteger('The beam width', o.beamWidth);
  positiveInteger('The maximum depth', o.maxDepth);
  positiveInteger('The concurrency', o.concurrency);
  if ((req.strategy === 'beam' || req.strategy === 'dvts') && o.n % o.beamWidth !== 0) {
    throw new InvalidOptions(`n must be a multiple of the beam width (n = ${o.n}, beam width = ${o.beamWidth}).`);
  }
  if (!Number.isInteger(o.seed)) throw new InvalidOptions(`The seed must be a whole number (got ${o.seed}).`);
  if (!(o.temperature >= 0 && o.temperature <= 2)) throw new InvalidOptions(`The temperature must be between 0 and 2 (got ${o.temperature}).`);
  if (o.rejectBelow !== undefined && !(o.rejectBelow >= 0 && o.rejectBelow <= 1)) {
    throw new InvalidOptions(`rejectBelow must be a score between 0 and 1 (got ${o.rejectBelow}).`);
  }
  if (o.threshold !== undefined && !(o.threshold >= 0 && o.threshold <= 1)) {
    throw new InvalidOptions(`The threshold must be between 0 and 1 (got ${o.threshold}).`);
  }
  if (o.mctsIterations !== undefined) positiveInteger('The number of MCTS iterations', o.mctsIterations);
  if (o.partialReject && o.rejectBelow === undefined) {
    throw new InvalidOptions('Stopping candidates while they are written needs a threshold: set rejectBelow as well.');
  }
  if (o.mctsRollouts !== undefined && !(Number.isInteger(o.mctsRollouts) && o.mctsRollouts >= 0)) {
    throw new InvalidOptions(`The number of MCTS rollouts must be a whole number, 0 or more (got ${o.mctsRollouts}).`);
  }
  if (o.cPuct !== undefined && !(o.cPuct > 0)) throw new InvalidOptions(`cPuct must be positive (got ${o.cPuct}).`);
  const b = o.budget ?? {};
  if (b.calls !== undefined && !(b.calls >= 2)) throw new InvalidOptions(`The call budget must allow at least 2 requests (one step and its score); got ${b.calls}.`);
  if (b.tokens !== undefined && !(b.tokens > 0)) throw new InvalidOptions(`The token budget must be positive (got ${b.tokens}).`);
  if (b.ms !== undefined && !(b.ms > 0)) throw new InvalidOptions(`The time budget must be positive (got ${b.ms} ms).`);
}
