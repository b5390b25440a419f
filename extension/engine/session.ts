// The few calls a front end (CLI or VS Code) needs, each from a plain config snapshot to a typed result.
import type { EngineConfig } from './config';
import { EmptySolution, InvalidOptions } from './errors';
import { createProvider, insecureEndpointWarning } from './providers';
import { pullOllamaModel } from './providers/pull';
import type { ModelInfo, ProviderStatus } from './providers/provider';
import { createScorer } from './scorers';
import { rememberScores, type ScoreMemory } from './scorers/memory';
import { parseDocument, parseSelection } from './steps/document';
import { segmentSteps } from './steps/segment';
import type { ParsedDocument } from './steps/types';
import { verifySteps, type VerifiedStep, type VerifyResult } from './verify';
import { correctSolution, type CorrectionResult } from './correct';
import { arithmeticCorrection } from './correct/arithmetic';
import { createModelProposer, DEFAULT_SEARCH_OPTIONS, runSearch, type SearchBudget, type SearchOptions } from './search';
import type { SearchEvent, SearchResult, StrategyName } from './search/types';

export interface VerifyTextOptions {
  signal?: AbortSignal;
  /** Verify only this part of the text (a selection); offsets stay those of the whole text. */
  range?: { start: number; end: number };
  /** A problem given separately (CLI `--problem`); the whole text is then the solution. */
  problem?: string;
  onStep?: (step: VerifiedStep) => void;
  onNote?: (note: string) => void;
  /** Scores remembered from earlier runs: only steps whose prefix changed are scored again. */
  memory?: ScoreMemory;
}

/** Reads a problem and its worked solution from text and scores every step. */
export async function verifyText(config: EngineConfig, text: string, opts: VerifyTextOptions = {}): Promise<{ document: ParsedDocument; result: VerifyResult }> {
  const document = readDocument(text, opts);
  if (!document.problem?.text.trim()) throw new EmptySolution('No problem statement was found');
  if (document.steps.length === 0) throw new EmptySolution('No solution steps were found after the problem');
  const { scorer, notes } = await openModels(config, opts.signal, opts.onNote);
  const told = notes.length;
  const result = await verifySteps({
    problem: document.problem.text,
    steps: document.steps,
    scorer: opts.memory ? rememberScores(scorer, opts.memory) : scorer,
    threshold: config.threshold,
    aggregation: config.aggregation,
    notes,
    signal: opts.signal,
    onStep: opts.onStep,
  });
  // A scorer may learn something while scoring (an endpoint without logprobs): tell that too.
  notes.slice(told).forEach((n) => opts.onNote?.(n));
  return { document, result };
}

export function readDocument(text: string, opts: Pick<VerifyTextOptions, 'range' | 'problem'> = {}): ParsedDocument {
  if (opts.problem !== undefined) {
    return { problem: { text: opts.problem, start: 0, end: 0 }, solution: { start: 0, end: text.length }, steps: segmentSteps(text), layout: 'problem-given' };
  }
  if (!opts.range || opts.range.start === opts.range.end) return parseDocument(text);
  const { start, end } = opts.range;
  if (start < 0 || end > text.length || start > end) throw new InvalidOptions('The selection is outside the document.');
  return parseSelection(text, start, end);
}

export interface SolveTextOptions {
  signal?: AbortSignal;
  /** The strategy and whichever search options differ from the defaults. */
  search: { strategy: StrategyName } & Partial<SearchOptions>;
  onEvent?: (event: SearchEvent) => void;
  onNote?: (note: string) => void;
}

/** Reads the problem from text (any solution there is ignored) and solves it by PRM-guided step search. */
export async function solveText(config: EngineConfig, text: string, opts: SolveTextOptions): Promise<{ document: ParsedDocument; result: SearchResult }> {
  const document = parseDocument(text);
  const problem = problemToSolve(text, document);
  if (!problem) throw new EmptySolution('No problem statement was found');
  const { provider, scorer } = await openModels(config, opts.signal, opts.onNote);
  const { strategy, ...overrides } = opts.search;
  const options: SearchOptions = { ...DEFAULT_SEARCH_OPTIONS, concurrency: config.concurrency, threshold: config.threshold, ...overrides };
  const proposer = createModelProposer(provider, config.policyModel, { temperature: options.temperature, concurrency: options.concurrency });
  const result = await runSearch({ problem, strategy, proposer, scorer, aggregation: config.aggregation, options, signal: opts.signal, onEvent: opts.onEvent });
  return { document, result };
}

/** The problem in a file to solve: an explicit Problem section if there is one, else the whole text. */
export function problemToSolve(text: string, document = parseDocument(text)): string {
  const explicit = document.problem && (document.layout === 'markdown-headings' || document.layout === 'labels');
  return (explicit ? document.problem!.text : text).trim();
}

export interface SuggestCorrectionOptions {
  signal?: AbortSignal;
  /** Correct this step (0-based) instead of the first weak one. */
  stepIndex?: number;
  alternatives?: number;
  /** Reviewer/refiner rounds after the resampling. */
  rounds?: number;
  seed?: number;
  temperature?: number;
  budget?: SearchBudget;
  onNote?: (note: string) => void;
}

/** Proposes a replacement for a weak step and the rest of the solution from there, with scores. */
export async function suggestCorrection(config: EngineConfig, problem: string, steps: string[], opts: SuggestCorrectionOptions = {}): Promise<CorrectionResult> {
  const { provider, scorer } = await openModels(config, opts.signal, opts.onNote);
  // The arithmetic checker knows the right value of a false computation: no model is needed to fix it.
  const local = scorer.name === 'arithmetic' ? arithmeticCorrection(steps, opts.stepIndex) : undefined;
  if (local) return local;
  return correctSolution({
    problem,
    steps,
    scorer,
    proposer: createModelProposer(provider, config.policyModel, { concurrency: config.concurrency }),
    provider,
    model: config.policyModel,
    threshold: config.threshold,
    aggregation: config.aggregation,
    alternatives: opts.alternatives ?? 4,
    rounds: opts.rounds ?? 2,
    weakIndex: opts.stepIndex,
    seed: opts.seed,
    temperature: opts.temperature,
    budget: opts.budget,
    signal: opts.signal,
  });
}

/**
 * The providers and the resolved scorer for a run, with what the user should be told first (endpoint warnings, the
 * scorer chosen and why). `provider` writes steps (the policy), `verifierProvider` judges them; they are one object
 * unless the config names a provider per role. `notes` is the scorer's own list: notes it adds while scoring land there too.
 */
export async function openModels(config: EngineConfig, signal?: AbortSignal, onNote?: (note: string) => void) {
  const provider = createProvider(config.provider, config.providerFactories);
  const verifierProvider = config.verifierProvider ? createProvider(config.verifierProvider, config.providerFactories) : provider;
  const { scorer, notes } = await createScorer(config, verifierProvider, signal);
  notes.unshift(...endpointWarnings(config));
  notes.forEach((n) => onNote?.(n));
  return { provider, verifierProvider, scorer, notes };
}

/** Warnings about the endpoints a config sends problems (and keys) to: plain http:// to another machine. */
export function endpointWarnings(config: EngineConfig): string[] {
  const urls = [config.provider.baseUrl, config.verifierProvider?.baseUrl, config.pooling?.baseUrl].filter((u): u is string => Boolean(u));
  return [...new Set(urls)].flatMap((u) => insecureEndpointWarning(u) ?? []);
}

export type ModelRole = 'policy' | 'verifier';

/** The provider options one role uses. */
export function roleProvider(config: EngineConfig, role: ModelRole): EngineConfig['provider'] {
  return role === 'verifier' ? (config.verifierProvider ?? config.provider) : config.provider;
}

/** Reachability and the models of the server a role uses (the policy's unless `role` says otherwise). */
export async function checkConnection(config: EngineConfig, signal?: AbortSignal, role: ModelRole = 'policy'): Promise<ProviderStatus> {
  return createProvider(roleProvider(config, role), config.providerFactories).status(signal);
}

export async function listModels(config: EngineConfig, signal?: AbortSignal, role: ModelRole = 'policy'): Promise<ModelInfo[]> {
  return createProvider(roleProvider(config, role), config.providerFactories).listModels(signal);
}

export async function pullModel(
  config: EngineConfig,
  model: string,
  onProgress: (fraction: number | undefined, status: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const ollama = [config.provider, config.verifierProvider].find((p) => p?.kind === 'ollama');
  if (!ollama) throw new InvalidOptions('Only Ollama can pull models; start the model on your OpenAI-compatible server instead.');
  return pullOllamaModel(ollama, model, onProgress, signal);
}
