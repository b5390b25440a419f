// The engine's runtime config, built from the resolved options (options.ts holds every default).
import { OPTION_SCHEMA, type PrmFormat } from './options';
import type { ProviderSpec } from './providers/index';
import type { ProviderFactories } from './providers/provider';
import { resolveOptions, roleProviders, type ResolvedOptions } from './resolveOptions';
import type { Aggregation } from './scorers/aggregate';
import type { ProgressSettings } from './scorers/progress';
import type { ScorerName } from './scorers/scorer';
import type { SearchBudget } from './search/budget';
import type { SearchOptions } from './search/options';
import type { StrategyName } from './search/types';

/** Everything the engine needs to know, as plain data (plus the host's provider factory, in VS Code). */
export interface EngineConfig {
  /** Where the policy (the model that writes steps) runs. */
  provider: ProviderSpec;
  /** Where the verifier runs; absent: the same server as the policy. */
  verifierProvider?: ProviderSpec;
  /** The model that writes steps. */
  policyModel: string;
  /** The model that judges steps (judge / plusminus / verbal). */
  verifierModel: string;
  scorer: 'auto' | ScorerName;
  /** Prompt layout of the plusminus scorer. */
  prmFormat: PrmFormat;
  /** vLLM process reward model served with /pooling (the `pooling` scorer). */
  pooling?: { baseUrl: string; model: string; apiKey?: string };
  threshold: number;
  aggregation: Aggregation;
  /** Parallel model requests. */
  concurrency: number;
  /** Verdicts sampled per step by the verbal scorer. */
  verbalSamples: number;
  /** How a weak step is corrected (rounds, alternatives, sampling). */
  correction: CorrectionOptions;
  /**
   * What the user named (flags, settings, OLLAMA_HOST). `auto` may fall back to the arithmetic checker only when
   * this is empty; otherwise a server or model that fails is reported.
   */
  named?: string[];
  /** Providers the host supplies (the VS Code layer's `vscode` kind); the engine never builds those itself. */
  providerFactories?: ProviderFactories;
  /** The progress scorer's rollouts, estimate and reference answer (defaults: DEFAULT_PROGRESS). */
  progress?: Partial<ProgressSettings>;
  /** A reference solution (its text) for reference-guided verification; `auto` then uses the reference scorer. */
  reference?: string;
}

export const DEFAULT_MODEL = OPTION_SCHEMA.policyModel.default;

/** What a run needs besides the options: secrets and the host's plumbing. */
export interface ConfigExtras {
  apiKey?: string;
  fetch?: typeof fetch;
  providerFactories?: ProviderFactories;
}

export function engineConfigOf(o: ResolvedOptions, extras: ConfigExtras = {}): EngineConfig {
  const kinds = roleProviders(o);
  const common = { timeoutMs: o.timeoutSeconds * 1000, maxRetries: 2, keepAlive: o.ollamaKeepAlive, maxContext: o.ollamaMaxContext, ...(extras.fetch ? { fetch: extras.fetch } : {}) };
  const spec = (kind: typeof kinds.policy, baseUrl: string): ProviderSpec => ({
    ...common,
    kind,
    ...(baseUrl && kind !== 'vscode' ? { baseUrl } : {}),
    ...(kind === 'openai' && extras.apiKey ? { apiKey: extras.apiKey } : {}),
  }) as ProviderSpec;
  // The base URL is the server's: the policy's, or the verifier's when the policy runs on the editor's models.
  const policyUrl = kinds.policy === 'vscode' ? '' : o.baseUrl;
  const policy = spec(kinds.policy, policyUrl);
  const verifierUrl = o.verifierBaseUrl || (kinds.verifier === kinds.policy || kinds.policy === 'vscode' ? o.baseUrl : '');
  const sameServer = kinds.verifier === kinds.policy && verifierUrl === policyUrl;
  // The default model is an Ollama name: on the editor's models, naming none means the editor's first model ('').
  const policyModel = kinds.policy === 'vscode' && o.policyModel.trim() === OPTION_SCHEMA.policyModel.default ? '' : o.policyModel.trim();
  const verifierModel = o.verifierModel.trim() || (kinds.verifier === 'vscode' ? (kinds.policy === 'vscode' ? policyModel : '') : o.policyModel.trim());
  return {
    provider: policy,
    ...(sameServer ? {} : { verifierProvider: spec(kinds.verifier, verifierUrl) }),
    policyModel,
    verifierModel,
    scorer: o.scorer,
    prmFormat: o.prmFormat,
    ...(o.poolingUrl ? { pooling: { baseUrl: o.poolingUrl, model: o.poolingModel, ...(extras.apiKey ? { apiKey: extras.apiKey } : {}) } } : {}),
    threshold: o.threshold,
    aggregation: o.aggregation,
    concurrency: o.concurrency,
    verbalSamples: o.verbalSamples,
    correction: correctionOptionsOf(o),
    progress: progressOptionsOf(o),
    named: o.named,
    ...(extras.providerFactories ? { providerFactories: extras.providerFactories } : {}),
  };
}

export type SolveSearchOptions = { strategy: StrategyName } & SearchOptions;

/** The search a run makes, from the resolved options (0 means "off" / "automatic" for the optional ones). */
export function searchOptionsOf(o: ResolvedOptions): SolveSearchOptions {
  const budget = budgetOf(o);
  return {
    strategy: o.strategy,
    n: o.n,
    beamWidth: o.beamWidth,
    maxDepth: o.maxDepth,
    temperature: o.temperature,
    seed: o.seed,
    concurrency: o.concurrency,
    threshold: o.threshold,
    budget,
    ...(o.rejectBelow > 0 ? { rejectBelow: o.rejectBelow } : {}),
    ...(o.partialReject ? { partialReject: true } : {}),
    ...(o.mctsIterations > 0 ? { mctsIterations: o.mctsIterations } : {}),
    ...(o.mctsRollouts > 0 ? { mctsRollouts: o.mctsRollouts } : {}),
  };
}

/** The run budgets (0 means no limit); they bound a search and the progress scorer's rollouts alike. */
export function budgetOf(o: ResolvedOptions): SearchBudget {
  return {
    ...(o.budgetCalls > 0 ? { calls: o.budgetCalls } : {}),
    ...(o.budgetTokens > 0 ? { tokens: o.budgetTokens } : {}),
    ...(o.budgetSeconds > 0 ? { ms: o.budgetSeconds * 1000 } : {}),
  };
}

/** The progress scorer's rollouts: the search's seed, temperature, depth and budgets. */
export function progressOptionsOf(o: ResolvedOptions): ProgressSettings {
  return {
    rollouts: o.progressRollouts,
    estimate: o.progressEstimate,
    seed: o.seed,
    temperature: o.temperature,
    maxDepth: o.maxDepth,
    budget: budgetOf(o),
    ...(o.answer.trim() ? { answer: o.answer.trim() } : {}),
  };
}

export interface CorrectionOptions {
  rounds: number;
  alternatives: number;
  temperature: number;
  seed: number;
}

export const correctionOptionsOf = (o: ResolvedOptions): CorrectionOptions => ({ rounds: o.correctionRounds, alternatives: o.correctionAlternatives, temperature: o.temperature, seed: o.seed });

/** The config of a run with every option at its default (tests and benchmarks). */
export function defaultConfig(): EngineConfig {
  return engineConfigOf(resolveOptions({}));
}
