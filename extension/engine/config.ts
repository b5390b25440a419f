import type { ProviderFactories, ProviderOptions } from './providers/provider';
import type { Aggregation } from './scorers/aggregate';
import type { ScorerName } from './scorers/scorer';

/** Everything the engine needs to know, as plain data. The CLI and the extension each build one. */
export interface EngineConfig {
  /** Where the policy (and, unless `verifierProvider` is set, the verifier) runs. */
  provider: ProviderOptions;
  /** Where the verifier runs when it is not the policy's provider (e.g. the editor's model writes, Ollama judges). */
  verifierProvider?: ProviderOptions;
  /** Providers the host supplies (the VS Code layer's `vscode` kind); the engine never builds those itself. */
  providerFactories?: ProviderFactories;
  /** The model that writes steps. */
  policyModel: string;
  /** The model that judges steps (judge / plusminus / verbal); defaults to the policy model. */
  verifierModel: string;
  scorer: 'auto' | ScorerName;
  /** vLLM process reward model served with /pooling (the `pooling` scorer). */
  pooling?: { baseUrl: string; model: string; apiKey?: string };
  threshold: number;
  aggregation: Aggregation;
  /** Parallel model requests. */
  concurrency: number;
  /** Verdicts sampled per step by the verbal scorer. */
  verbalSamples: number;
}

export const DEFAULT_MODEL = 'qwen2.5:7b';

export function defaultConfig(): EngineConfig {
  return {
    provider: { kind: 'ollama' },
    policyModel: DEFAULT_MODEL,
    verifierModel: DEFAULT_MODEL,
    scorer: 'auto',
    threshold: 0.5,
    aggregation: 'min',
    concurrency: 4,
    verbalSamples: 5,
  };
}
