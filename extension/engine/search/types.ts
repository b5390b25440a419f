import type { ScorerName, StepScore, Verdict } from '../scorers/scorer';
import type { Aggregation } from '../scorers/aggregate';

export const STRATEGIES = ['best-of-n', 'beam', 'dvts', 'mcts'] as const;
export type StrategyName = (typeof STRATEGIES)[number];

export type NodeStatus = 'open' | 'expanded' | 'pruned' | 'selected' | 'terminal';

/** The policy's own confidence in a step, read from its token logprobs at no extra request. */
export interface StepConfidence {
  meanLogprob: number;
  minLogprob: number;
  /** Mean entropy (nats) over the top alternatives, when the server sent them. */
  entropy?: number;
}

/** One node of the search tree. The root (depth 0) holds the problem; every other node holds one step. */
export interface SearchNode {
  /** Stable within a run: "n0" is the root, then "n1", "n2", ... in creation order. */
  id: string;
  parentId: string | null;
  depth: number;
  text: string;
  score?: StepScore;
  /** The aggregated score of the path root..this node. */
  pathScore?: number;
  confidence?: StepConfidence;
  status: NodeStatus;
  /** Why a node was pruned ("below threshold 0.3", "outside the beam (rank 5 of 16)", "duplicate of n7", "budget spent"). */
  pruneReason?: string;
  /** Final answer when the step ends the solution. */
  answer?: string;
  /** MCTS only. */
  visits?: number;
  value?: number;
  /** MCTS with rollouts: the completions played out from this node to judge it. */
  rollouts?: RolloutSummary;
  /** Something a reader should know about this step ("step cut at the token limit (512 tokens) without ending"). */
  note?: string;
  /** Completion tokens spent generating this step and ms from request to scored. */
  tokens: number;
  ms: number;
}

/** What the rollouts from one MCTS node found. */
export interface RolloutSummary {
  /** Rollouts that were scored. */
  count: number;
  /** Each scored rollout's final answer, in rollout order ("" when it stopped without one). */
  answers: string[];
  /** Mean PRM score of the rollouts' final steps. */
  meanScore: number;
}

export interface SearchStats {
  /** Every model request (generation and scoring). */
  calls: number;
  generationCalls: number;
  scoringCalls: number;
  promptTokens: number;
  completionTokens: number;
  cacheHits: number;
  wallMs: number;
  /** MCTS rollouts scored (their generation and scoring requests are counted above as usual). */
  rollouts?: number;
  /** Candidates whose generation was stopped early because their partial step scored clearly worse. */
  partialAborts?: number;
}

export type StopReason = 'done' | 'budget-calls' | 'budget-tokens' | 'budget-time' | 'cancelled';

export interface Vote {
  answer: string;
  count: number;
  /** Sum of the aggregated scores of the solutions with this answer. */
  weight: number;
  /** This answer's expected share of the win under the vote's rule: 1/k when k answers tie for first, else 0. */
  share: number;
}

export interface SearchResult {
  strategy: StrategyName;
  problem: string;
  /** The final answer of the best solution ("" when none reached an answer). */
  answer: string;
  /** The best solution, step by step, with its scores. */
  /** A step the scorer could not judge has `score: null` and `verdict: 'unscored'`. */
  steps: { nodeId: string; text: string; score: number | null; verdict: Verdict }[];
  /** Aggregated score of the best solution. */
  score: number;
  aggregation: Aggregation;
  scorer: ScorerName;
  bestPath: string[];
  nodes: SearchNode[];
  stats: SearchStats;
  stoppedBy: StopReason;
  /** Best-of-N style answer votes over all finished solutions. */
  votes?: { majority: Vote[]; weighted: Vote[] };
}

/** What the engine tells its watchers while a search runs. */
export interface SearchEventMap {
  started: { strategy: StrategyName; problem: string };
  'node-added': { node: SearchNode };
  'node-scored': { id: string; score: StepScore; pathScore: number };
  'node-updated': { node: SearchNode };
  'node-pruned': { id: string; reason: string };
  'best-path': { ids: string[]; score: number };
  stats: { stats: SearchStats };
  finished: { result: SearchResult };
}
export type SearchEvent = { [K in keyof SearchEventMap]: { type: K } & SearchEventMap[K] }[keyof SearchEventMap];
export type SearchListener = (event: SearchEvent) => void;
