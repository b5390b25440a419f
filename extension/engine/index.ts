// The engine's public face: the CLI and the extension import only from here. It holds the API (calls from a plain
// options snapshot to a typed result), the options schema, the result and event types, and the errors; internals
// (strategies, scorer implementations, provider classes) stay behind it.

// Errors, keyed on what the user must do.
export * from './errors';

// Options: the one schema, its resolution, and the engine config built from it.
export { OPTION_SCHEMA, OPTION_NAMES, OPTION_CATEGORIES, PROVIDER_KINDS, PRM_FORMATS, defaultOptions, optionLabel, optionSpec } from './options';
export type { OptionCategory, OptionName, OptionSource, OptionSpec, PrmFormat, ProviderChoice, StepwiseOptions } from './options';
export { checkOptions, resolveOptions, roleProviders, type PartialOptions, type ResolveContext, type ResolvedOptions } from './resolveOptions';
export { correctionOptionsOf, defaultConfig, engineConfigOf, searchOptionsOf, DEFAULT_MODEL } from './config';
export type { ConfigExtras, CorrectionOptions, EngineConfig, SolveSearchOptions } from './config';
export type { RunRecord } from './runRecord';

// The API.
export {
  checkConnection,
  endpointWarnings,
  listModels,
  openModels,
  problemToSolve,
  providerFor,
  pullModel,
  readDocument,
  solveText,
  suggestCorrection,
  verifyText,
  type SolveResult,
  type SolveTextOptions,
  type SuggestCorrectionOptions,
  type VerifyTextOptions,
} from './session';
export { parseDocument, parseSelection, parseSolution } from './steps/document';

// Reasoning traces: sections, their verdicts, recoveries and the surviving error.
export * from './trace';
export { ScoreMemory } from './scorers/memory';
export { createModelProposer, type StepProposer } from './search/propose';
export { loadTrace, parseTrace, saveTrace, type SearchTrace } from './search/trace';
export { extractAnswer, normaliseAnswer, answersEqual } from './steps/answers';

// Providers: the interface a host implements (VS Code's language models) and the endpoint helpers.
export type { ProviderFactories, ProviderFactory, ChatMessage, GenerateChunk, GenerateRequest, GenerateResult, ModelInfo, ModelProvider, ProviderKind, ProviderOptions, ProviderStatus, TokenLogprob, Usage, FinishReason } from './providers/provider';
export { DEFAULT_OLLAMA_URL, DEFAULT_OPENAI_URL } from './providers/provider';
export { insecureEndpointWarning, normalizeBaseUrl, type ModelRole, type ProviderSpec } from './providers';

// Results and events.
export { SCORER_NAMES, verdictFor } from './scorers/scorer';
export type { AlignmentEvidence, ArithmeticClaim, Evidence, RolloutEvidence, Scorer, ScorerName, StepScore, Verdict } from './scorers/scorer';
export { AGGREGATIONS, aggregate, isAggregation, type Aggregation } from './scorers/aggregate';
export type { ParsedDocument, Span, Step } from './steps/types';
export { STRATEGIES } from './search/types';
export type { NodeStatus, RolloutSummary, SearchEvent, SearchEventMap, SearchListener, SearchNode, SearchResult, SearchStats, StepConfidence, StopReason, StrategyName, Vote } from './search/types';
export type { SearchBudget } from './search/budget';
export { verifiedStep, verdictLabel, summariseSteps, unscoredSentence, unscoredReasons, shortReason } from './verdicts';
export type { ResultMeta, VerifiedStep, VerifyOutcome, VerifyResult } from './verdicts';
export { verifySearchResult, withReplacedSteps, correctedStep, SOLUTION_STEP_SEPARATOR } from './verifySearch';
export { checkWritableFile, checkWritableFolder, describeWriteFailure, writeFileAtomic } from './files';
export { saveVerifiedTrace, type VerifiedSearchTrace } from './traceFile';
export type { CorrectionResult } from './correct';

// Evaluations.
export { itemsWithUnscoredSteps, loadProcessBench, processBenchMetrics, runProcessBench, stepMetrics, type ProcessBenchItem, type ProcessBenchMetrics, type ProcessBenchResult, type StepMetrics } from './eval/processbench';
export { loadEvalProblems, parseEvalProblems, referenceAnswer, type EvalProblem } from './eval/problems';
export { runBestOfNEval, sampleProblem, type BestOfNProblemResult, type RunBestOfNOptions, type SampledSolution } from './eval/bestOfN';
export { accuracyCurve, budgetsUpTo, selectCandidate, RULE_LABELS, SELECTION_RULES, type Candidate, type CurvePoint, type SelectionRule } from './eval/curve';
export { summariseBestOfN, type BestOfNEvalResults, type BestOfNSettings, type CostPerProblem, type ProblemSummary } from './eval/summary';
export { renderBestOfNReport } from './eval/report';
export { loadLongcotItems, parseLongcotItems, runLongcotEval, longcotMetrics, humanSections, matchedBoundaries, prf, type LongcotItem, type LongcotItemResult, type LongcotMetrics } from './eval/longcot';
export { DEFAULT_PROGRESS, ESTIMATES, describeRollouts, type Estimate, type ProgressSettings } from './scorers/progress';
export { readVerifierParts, referenceSteps, type VerifierParts } from './steps/reference';
