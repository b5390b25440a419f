import { beamSearch } from './beam';
import { bestOfN } from './bestOfN';
import type { SearchContext } from './context';
import { dvts } from './dvts';
import { mcts } from './mcts';
import type { StrategyName } from './types';

/** One signature for every strategy: grow the tree through the context until done or stopped. */
export type Strategy = (ctx: SearchContext) => Promise<void>;

export const STRATEGY_REGISTRY: Record<StrategyName, Strategy> = {
  'best-of-n': bestOfN,
  beam: beamSearch,
  dvts,
  mcts,
};
