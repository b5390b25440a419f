// What a search ran with, as written into its result and trace: enough to run it again.
import type { EngineConfig } from './config';
import type { ScorerName } from './scorers/scorer';
import type { SearchOptions } from './search/options';
import type { StrategyName } from './search/types';

export interface RunRecord {
  strategy: StrategyName;
  n: number;
  beamWidth: number;
  maxDepth: number;
  temperature: number;
  seed: number;
  aggregation: EngineConfig['aggregation'];
  threshold: number;
  /** The scorer asked for (`auto` included) and the one that scored. */
  scorer: { requested: EngineConfig['scorer']; used: ScorerName };
  policy: { provider: string; baseUrl?: string; model: string };
  verifier: { provider: string; baseUrl?: string; model: string };
  rejectBelow?: number;
  partialReject?: boolean;
  mctsIterations?: number;
  mctsRollouts?: number;
  budget: SearchOptions['budget'];
  concurrency: number;
  /** The `stepwise solve` flags that repeat this run (the API key excepted). */
  repeat: string[];
}

export function runRecordOf(config: EngineConfig, strategy: StrategyName, o: SearchOptions, used: ScorerName): RunRecord {
  const verifier = config.verifierProvider ?? config.provider;
  const record: Omit<RunRecord, 'repeat'> = {
    strategy,
    n: o.n,
    beamWidth: o.beamWidth,
    maxDepth: o.maxDepth,
    temperature: o.temperature,
    seed: o.seed,
    aggregation: config.aggregation,
    threshold: o.threshold ?? config.threshold,
    scorer: { requested: config.scorer, used },
    policy: { provider: config.provider.kind, ...(config.provider.baseUrl ? { baseUrl: config.provider.baseUrl } : {}), model: config.policyModel },
    verifier: { provider: verifier.kind, ...(verifier.baseUrl ? { baseUrl: verifier.baseUrl } : {}), model: config.verifierModel },
    ...(o.rejectBelow !== undefined ? { rejectBelow: o.rejectBelow } : {}),
    ...(o.partialReject ? { partialReject: true } : {}),
    ...(o.mctsIterations !== undefined ? { mctsIterations: o.mctsIterations } : {}),
    ...(o.mctsRollouts ? { mctsRollouts: o.mctsRollouts } : {}),
    budget: o.budget ?? {},
    concurrency: o.concurrency,
  };
  return { ...record, repeat: repeatFlags(record, config) };
}

function repeatFlags(r: Omit<RunRecord, 'repeat'>, config: EngineConfig): string[] {
  const flags: [string, string | number | undefined][] = [
    ['strategy', r.strategy],
    ['n', r.n],
    ['beam-width', r.beamWidth],
    ['max-depth', r.maxDepth],
    ['temperature', r.temperature],
    ['seed', r.seed],
    ['aggregation', r.aggregation],
    ['threshold', r.threshold],
    // A scorer `auto` chose is named, so the repeat cannot fall back to another.
    ['scorer', r.scorer.used],
    ['prm-format', r.scorer.used === 'plusminus' ? config.prmFormat : undefined],
    ['policy-provider', r.policy.provider],
    ['base-url', r.policy.baseUrl],
    ['policy-model', r.policy.model],
    ['verifier-provider', r.verifier.provider],
    ['verifier-base-url', r.verifier.baseUrl !== r.policy.baseUrl ? r.verifier.baseUrl : undefined],
    ['verifier-model', r.verifier.model],
    ['pooling-url', r.scorer.used === 'pooling' ? config.pooling?.baseUrl : undefined],
    ['pooling-model', r.scorer.used === 'pooling' ? config.pooling?.model : undefined],
    ['reject-below', r.rejectBelow],
    ['mcts-iterations', r.mctsIterations],
    ['rollouts', r.mctsRollouts],
    ['budget-calls', r.budget.calls],
    ['budget-tokens', r.budget.tokens],
    ['budget-seconds', r.budget.ms !== undefined ? r.budget.ms / 1000 : undefined],
    ['concurrency', r.concurrency],
  ];
  const out = flags.filter(([, v]) => v !== undefined && v !== '').flatMap(([k, v]) => [`--${k}`, String(v)]);
  return r.partialReject ? [...out, '--partial-reject'] : out;
}
