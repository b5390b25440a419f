// The search's public API (types.ts is exported separately by the engine index).
export { runSearch, streamSearch } from './run';
export { DEFAULT_SEARCH_OPTIONS, validateSearchRequest, type SearchOptions, type SearchRequest } from './options';
export type { SearchBudget } from './budget';
export { createModelProposer, DEFAULT_POLICY_PROMPT, type ModelProposerOptions, type Proposal, type ProposeOptions, type StepProposer } from './propose';
export { SearchEmitter } from './events';
export { ScoreCache } from './cache';
export { seededRandom, type Random } from './random';
export { tallyVotes } from './result';
export { loadTrace, parseTrace, saveTrace, type SearchTrace } from './trace';
export { STRATEGY_REGISTRY, type Strategy } from './strategies';
