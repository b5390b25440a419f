// The few calls a front end (CLI or VS Code) needs, each from a plain config snapshot to a typed result.
import type { EngineConfig } from './config';
import { EmptySolution, InvalidOptions } from './errors';
import { createProvider, insecureEndpointWarning, type ModelRole, type ProviderSpec } from './providers';
import { modelServerProblem } from './preflight';
import { diagnoseEndpoint } from './providers/diagnose';
import { pullOllamaModel } from './providers/pull';
import type { ModelInfo, ModelProvider, ProviderStatus } from './providers/provider';
import { createScorer } from './scorers';
import { rememberScores, type ScoreMemory } from './scorers/memory';
import { parseDocument, parseSelection, parseSolution } from './steps/document';
import { readVerifierParts } from './steps/reference';
import type { ParsedDocument } from './steps/types';
import { verifyDocumentTrace, type TraceResult, type VerifiedSection } from './trace';
import { verifySteps, type VerifiedStep, type VerifyResult } from './verify';
import { correctSolution, type CorrectionResult } from './correct';
import { arithmeticCorrection } from './correct/arithmetic';
import { createModelProposer, DEFAULT_SEARCH_OPTIONS, runSearch, type SearchBudget, type SearchOptions } from './search';
import type { SearchEvent, SearchResult, StrategyName } from './search/types';
import { runRecordOf, type RunRecord } from './runRecord';

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
  /** Called as each reasoning-trace section's score arrives. */
  onSection?: (section: VerifiedSection) => void;
}

/** Reads a problem and its worked solution from text and scores every step (and a reasoning trace's sections). */
export async function verifyText(config: EngineConfig, text: string, opts: VerifyTextOptions = {}): Promise<{ document: ParsedDocument; result: VerifyResult; trace?: TraceResult }> {
  // A reference answer or solution in the document serves the verifiers; a flag or setting naming one wins.
  const parts = readVerifierParts(text);
  const document = readDocument(parts.masked, opts);
  if (!document.problem?.text.trim()) throw new EmptySolution('No problem statement was found');
  if (document.steps.length === 0) {
    throw new EmptySolution(document.trace ? 'The reasoning trace has no final answer after it' : 'No solution steps were found after the problem');
  }
  config = {
    ...config,
    reference: config.reference ?? parts.reference?.text,
    progress: { ...config.progress, answer: config.progress?.answer ?? parts.answer?.text },
  };
  const { scorer: opened, notes } = await openModels(config, opts.signal, opts.onNote);
  const told = notes.length;
  const scorer = opts.memory ? rememberScores(opened, opts.memory) : opened;
  const tracing = verifyDocumentTrace(parts.masked, document, scorer, config.threshold, { signal: opts.signal, onSection: opts.onSection });
  const [result, trace] = await Promise.all([verifySteps({
    problem: document.problem.text,
    steps: document.steps,
    scorer,
    threshold: config.threshold,
    aggregation: config.aggregation,
    notes,
    signal: opts.signal,
    onStep: opts.onStep,
  }), tracing]);
  // A scorer may learn something while scoring (an endpoint without logprobs): tell that too.
  notes.slice(told).forEach((n) => opts.onNote?.(n));
  return { document, result, ...(trace ? { trace } : {}) };
}

export function readDocument(text: string, opts: Pick<VerifyTextOptions, 'range' | 'problem'> = {}): ParsedDocument {
  if (opts.problem !== undefined) {
    return parseSolution(text, opts.problem);
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

/** A search's result with the resolved options it ran with (written into the trace, so a run can be repeated). */
export interface SolveResult extends SearchResult {
  options: RunRecord;
}

/** Reads the problem from text (any solution there is ignored) and solves it by PRM-guided step search. */
export async function solveText(config: EngineConfig, text: string, opts: SolveTextOptions): Promise<{ document: ParsedDocument; result: SolveResult }> {
  const document = parseDocument(text);
  const problem = problemToSolve(text, document);
  if (!problem) throw new EmptySolution('No problem statement was found');
  const { strategy, ...overrides } = opts.search;
  const options: SearchOptions = { ...DEFAULT_SEARCH_OPTIONS, concurrency: config.concurrency, threshold: config.threshold, ...overrides };
  // The policy must answer: a fallback scorer is no use without steps to score.
  const { policy, scorer } = await openModels(config, opts.signal, opts.onNote, { needsPolicy: true });
  const proposer = createModelProposer(policy, config.policyModel, { temperature: options.temperature, concurrency: options.concurrency });
  const result = await runSearch({ problem, strategy, proposer, scorer, aggregation: config.aggregation, options, signal: opts.signal, onEvent: opts.onEvent });
  return { document, result: { ...result, options: runRecordOf(config, strategy, options, result.scorer) } };
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
  const { policy, scorer } = await openModels(config, opts.signal, opts.onNote);
  // The arithmetic checker knows the right value of a false computation: no model is needed to fix it.
  const local = scorer.name === 'arithmetic' ? arithmeticCorrection(steps, opts.stepIndex) : undefined;
  if (local) return local;
  await requireModel(policy, config.policyModel, opts.signal);
  const defaults = config.correction;
  return correctSolution({
    problem,
    steps,
    scorer,
    proposer: createModelProposer(policy, config.policyModel, { concurrency: config.concurrency }),
    provider: policy,
    model: config.policyModel,
    threshold: config.threshold,
    // A correction must lift the weakest step: judged by `min`, whatever ranks final solutions (under `last`, a
    // wrong middle step under a confident last one would never count as fixed).
    aggregation: 'min',
    alternatives: opts.alternatives ?? defaults.alternatives,
    rounds: opts.rounds ?? defaults.rounds,
    weakIndex: opts.stepIndex,
    seed: opts.seed ?? defaults.seed,
    temperature: opts.temperature ?? defaults.temperature,
    budget: opts.budget,
    signal: opts.signal,
  });
}

/**
 * The providers (policy and verifier) and the resolved scorer for a run, with what the user should be told first
 * (endpoint warnings, the scorer chosen and why). `notes` is the scorer's own list: notes it adds while scoring land
 * there too. With `needsPolicy`, the policy's server and model are checked first, so a run that cannot write a step
 * fails with the cause before any fallback is announced.
 */
export async function openModels(config: EngineConfig, signal?: AbortSignal, onNote?: (note: string) => void, opts: { needsPolicy?: boolean } = {}) {
  const policy = providerFor(config, 'policy');
  const verifier = config.verifierProvider ? providerFor(config, 'verifier') : policy;
  // Endpoint warnings come before any request: a run that then fails has still said where it sent the problem.
  const warnings = endpointWarnings(config);
  warnings.forEach((n) => onNote?.(n));
  // Server and model are checked before the first real request, so a wrong URL or a missing model fails at once
  // with its cause (and a web page or a wrong path says so) instead of mid-run.
  const checked = new Set<string>();
  const check = async (provider: ModelProvider, model: string) => {
    const key = `${provider.kind} ${provider.baseUrl} ${model}`;
    if (checked.has(key)) return;
    checked.add(key);
    await requireModel(provider, model, signal);
  };
  if (opts.needsPolicy) await check(policy, config.policyModel);
  if (config.scorer === 'judge' || config.scorer === 'plusminus' || config.scorer === 'verbal') await check(verifier, config.verifierModel);
  const { scorer, notes } = await createScorer(config, verifier, signal);
  notes.forEach((n) => onNote?.(n));
  notes.unshift(...warnings);
  return { provider: policy, policy, verifier, verifierProvider: verifier, scorer, notes };
}

/** The provider one role runs on (the host supplies `vscode` ones). */
export function providerFor(config: EngineConfig, role: ModelRole) {
  const spec: ProviderSpec = role === 'verifier' ? config.verifierProvider ?? config.provider : config.provider;
  return createProvider(spec, config.providerFactories);
}

async function requireModel(provider: ModelProvider, model: string, signal?: AbortSignal): Promise<void> {
  const problem = await modelServerProblem(provider, model, signal);
  if (problem) throw problem;
}

/** Warnings about the endpoints a config sends problems (and keys) to: plain http:// to another machine. */
export function endpointWarnings(config: EngineConfig): string[] {
  const urls = [config.provider.baseUrl, config.verifierProvider?.baseUrl, config.pooling?.baseUrl].filter((u): u is string => Boolean(u));
  return [...new Set(urls)].flatMap((u) => insecureEndpointWarning(u) ?? []);
}

/** Reachability and the models of the server a role uses (the policy's unless `role` says otherwise). */
export async function checkConnection(config: EngineConfig, signal?: AbortSignal, role: ModelRole = 'policy'): Promise<ProviderStatus> {
  const provider = providerFor(config, role);
  const status = await provider.status(signal);
  if (status.ok || (provider.kind !== 'ollama' && provider.kind !== 'openai')) return status;
  // A web page or a wrong path: what answered and the likely fix, not the client's error with the page in it.
  const diagnosis = await diagnoseEndpoint(provider.kind, provider.baseUrl, { signal });
  return diagnosis ? { ...status, problem: diagnosis } : status;
}

export async function listModels(config: EngineConfig, signal?: AbortSignal, role: ModelRole = 'policy'): Promise<ModelInfo[]> {
  return providerFor(config, role).listModels(signal);
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
