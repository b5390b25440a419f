// The engine calls the VS Code layer makes, typed as the shared contract states them.
// Thin adapter: `extension/engine/session.ts` (the lead's) provides the functions through the engine's index;
// until it lands, a missing function fails with a clear message instead of a TypeError.
import * as engine from '../engine/index';
import type {
  EngineConfig,
  ModelInfo,
  ParsedDocument,
  ProviderStatus,
  SearchEvent,
  SearchResult,
  StrategyName,
  VerifiedStep,
  VerifyResult,
} from '../engine/index';

export interface SearchBudget {
  /** 0 or absent: unlimited. */
  calls?: number;
  tokens?: number;
  seconds?: number;
}

export interface SearchOptions {
  strategy: StrategyName;
  n: number;
  beamWidth: number;
  maxDepth: number;
  temperature: number;
  seed: number;
  budget: SearchBudget;
}

export interface Correction {
  weakIndex: number;
  original: { text: string; score: number };
  replacement: { text: string; score: number };
  tail: { text: string; score: number }[];
  reason: string;
  answer?: string;
  improved: boolean;
}

export interface VerifyTextOptions {
  signal?: AbortSignal;
  range?: { start: number; end: number };
  onStep?: (s: VerifiedStep) => void;
  onNote?: (note: string) => void;
}

export interface SolveTextOptions {
  signal?: AbortSignal;
  search: SearchOptions;
  onEvent?: (e: SearchEvent) => void;
}

export interface EngineApi {
  verifyText(config: EngineConfig, text: string, opts: VerifyTextOptions): Promise<{ document: ParsedDocument; result: VerifyResult }>;
  solveText(config: EngineConfig, text: string, opts: SolveTextOptions): Promise<{ document: ParsedDocument; result: SearchResult }>;
  suggestCorrection(
    config: EngineConfig,
    problem: string,
    steps: string[],
    opts: { signal?: AbortSignal; stepIndex?: number },
  ): Promise<Correction>;
  checkConnection(config: EngineConfig, signal?: AbortSignal): Promise<ProviderStatus>;
  listModels(config: EngineConfig, signal?: AbortSignal): Promise<ModelInfo[]>;
  /** `fraction` in [0, 1], undefined while the size is unknown. */
  pullModel(config: EngineConfig, model: string, onProgress: (fraction: number | undefined, status: string) => void, signal?: AbortSignal): Promise<void>;
  saveTrace(result: SearchResult, path: string): Promise<void>;
  /** A trace file as `saveTrace` wrote it (`{ version, kind: 'search', createdAt, result }`). */
  loadTrace(path: string): Promise<{ result: SearchResult }>;
}

const NAMES: (keyof EngineApi)[] = [
  'verifyText',
  'solveText',
  'suggestCorrection',
  'checkConnection',
  'listModels',
  'pullModel',
  'saveTrace',
  'loadTrace',
];

function bind(source: Record<string, unknown>): EngineApi {
  const api = {} as Record<string, unknown>;
  for (const name of NAMES) {
    const fn = source[name];
    api[name] =
      typeof fn === 'function'
        ? fn
        : () => Promise.reject(new engine.StepwiseError('invalid-options', `This build of Stepwise has no engine function "${name}".`));
  }
  return api as unknown as EngineApi;
}

export const engineApi: EngineApi = bind(engine as unknown as Record<string, unknown>);
