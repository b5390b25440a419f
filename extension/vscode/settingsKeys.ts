// The settings Stepwise reads, their defaults, and how one snapshot of them becomes the engine's options.
// No `vscode` import: the snapshot logic is unit-tested against package.json.
import {
  AGGREGATIONS,
  DEFAULT_OLLAMA_URL,
  DEFAULT_OPENAI_URL,
  SCORER_NAMES,
  STRATEGIES,
  type Aggregation,
  type EngineConfig,
  type ScorerName,
  type StrategyName,
} from '../engine/index';
import type { SearchOptions } from './engineApi';

export const SECTION = 'stepwise';

export type ProviderSetting = 'ollama' | 'openai' | 'vscode';

export interface Settings {
  provider: ProviderSetting;
  /** Empty: `provider`. */
  policyProvider: '' | ProviderSetting;
  verifierProvider: '' | ProviderSetting;
  endpoint: string;
  policyModel: string;
  verifierModel: string;
  scorer: 'auto' | ScorerName;
  'pooling.endpoint': string;
  'pooling.model': string;
  threshold: number;
  aggregation: Aggregation;
  strategy: StrategyName;
  'search.n': number;
  'search.beamWidth': number;
  'search.maxDepth': number;
  'search.temperature': number;
  'search.seed': number;
  concurrency: number;
  'budget.calls': number;
  'budget.tokens': number;
  'budget.seconds': number;
  requestTimeoutSeconds: number;
  'ollama.keepAlive': string;
  'ollama.maxContext': number;
  suggestCorrections: boolean;
}
export type SettingKey = keyof Settings;

export const SETTING_DEFAULTS: Readonly<Settings> = {
  provider: 'ollama',
  policyProvider: '',
  verifierProvider: '',
  endpoint: '',
  policyModel: 'qwen2.5:7b',
  verifierModel: '',
  scorer: 'auto',
  'pooling.endpoint': '',
  'pooling.model': '',
  threshold: 0.5,
  aggregation: 'min',
  strategy: 'beam',
  'search.n': 4,
  'search.beamWidth': 2,
  'search.maxDepth': 12,
  'search.temperature': 0.7,
  'search.seed': 0,
  concurrency: 4,
  'budget.calls': 0,
  'budget.tokens': 0,
  'budget.seconds': 0,
  requestTimeoutSeconds: 120,
  'ollama.keepAlive': '5m',
  'ollama.maxContext': 32768,
  suggestCorrections: true,
};

export const SETTING_KEYS = Object.keys(SETTING_DEFAULTS) as SettingKey[];

/** Closed option sets, checked once when the snapshot is taken. */
const CHOICES: Partial<Record<SettingKey, readonly string[]>> = {
  provider: ['ollama', 'openai', 'vscode'],
  policyProvider: ['', 'ollama', 'openai', 'vscode'],
  verifierProvider: ['', 'ollama', 'openai', 'vscode'],
  scorer: ['auto', ...SCORER_NAMES],
  aggregation: AGGREGATIONS,
  strategy: STRATEGIES,
};

export interface HostConfig extends EngineConfig {
  search: SearchOptions;
  suggestCorrections: boolean;
  /** Settings that held a value Stepwise cannot use; a run refuses to start while any are listed. */
  problems: string[];
}

/** Reads every setting through `get` (the workspace configuration, or a plain object in tests). */
export function readSettings(get: (key: SettingKey) => unknown): { settings: Settings; problems: string[] } {
  const settings = { ...SETTING_DEFAULTS } as Record<SettingKey, unknown>;
  const problems: string[] = [];
  for (const key of SETTING_KEYS) {
    const value = get(key);
    if (value === undefined || value === null) continue;
    const fallback = SETTING_DEFAULTS[key];
    const choices = CHOICES[key];
    if (typeof value !== typeof fallback || (choices && !choices.includes(value as string)) || (typeof value === 'number' && !Number.isFinite(value))) {
      const allowed = choices ? ` (one of ${choices.join(', ')})` : ` (a ${typeof fallback})`;
      problems.push(`Setting ${SECTION}.${key} has the value ${JSON.stringify(value)}, which Stepwise cannot use${allowed}.`);
      continue;
    }
    settings[key] = value;
  }
  return { settings: settings as unknown as Settings, problems };
}

/** The engine's options for one run. The API key is added later (it lives in SecretStorage, not settings). */
export function toHostConfig(s: Settings, problems: string[] = [], apiKey?: string): HostConfig {
  const positive = (n: number) => (n > 0 ? n : undefined);
  const serverOptions = (kind: ProviderSetting) => ({
    kind,
    // The endpoint is a server's URL: the editor's models have none.
    ...(s.endpoint.trim() && kind !== 'vscode' ? { baseUrl: s.endpoint.trim() } : {}),
    ...(apiKey && kind === 'openai' ? { apiKey } : {}),
    timeoutMs: Math.max(1, s.requestTimeoutSeconds) * 1000,
    keepAlive: s['ollama.keepAlive'],
    maxContext: s['ollama.maxContext'],
  });
  const policyKind = s.policyProvider || s.provider;
  const verifierKind = s.verifierProvider || s.provider;
  const split = verifierKind !== policyKind;
  // The default names an Ollama model; for the editor's models nothing was named: the first the editor lists ('').
  const policyModel = policyKind === 'vscode' && s.policyModel === SETTING_DEFAULTS.policyModel ? '' : s.policyModel;
  // A verifier on another kind of server cannot use the policy's model name: its own default instead.
  const verifierModel = s.verifierModel.trim() || (!split ? policyModel : verifierKind === 'vscode' ? '' : SETTING_DEFAULTS.policyModel);
  return {
    provider: serverOptions(policyKind),
    ...(split ? { verifierProvider: serverOptions(verifierKind) } : {}),
    policyModel,
    verifierModel,
    scorer: s.scorer,
    ...(s['pooling.endpoint'].trim()
      ? { pooling: { baseUrl: s['pooling.endpoint'].trim(), model: s['pooling.model'] || s.verifierModel || s.policyModel } }
      : {}),
    threshold: s.threshold,
    aggregation: s.aggregation,
    concurrency: Math.max(1, Math.floor(s.concurrency)),
    verbalSamples: 5,
    search: {
      strategy: s.strategy,
      n: s['search.n'],
      beamWidth: s['search.beamWidth'],
      maxDepth: s['search.maxDepth'],
      temperature: s['search.temperature'],
      seed: s['search.seed'],
      budget: { calls: positive(s['budget.calls']), tokens: positive(s['budget.tokens']), ms: positive(s['budget.seconds']) && positive(s['budget.seconds'])! * 1000 },
    },
    suggestCorrections: s.suggestCorrections,
    problems,
  };
}

/** What the status bar and logs show; never includes the API key. */
export function describeEndpoint(c: Pick<HostConfig, 'provider'>): string {
  if (c.provider.kind === 'vscode') return "VS Code's language models";
  return c.provider.baseUrl ?? (c.provider.kind === 'ollama' ? DEFAULT_OLLAMA_URL : DEFAULT_OPENAI_URL);
}
