import type { EngineConfig } from '../config';
import { InvalidOptions } from '../errors';
import { modelServerProblem, noFallback } from '../preflight';
import { PoolingClient } from '../providers/pooling';
import type { ModelProvider } from '../providers/provider';
import { createArithmeticScorer } from './arithmetic';
import { createJudgeScorer } from './judge';
import { createPlusMinusScorer } from './plusminus';
import { createPoolingScorer } from './pooling';
import { createProgressScorer, DEFAULT_PROGRESS, validateProgress } from './progress';
import { createReferenceScorer } from './reference';
import { createModelProposer } from '../search/propose';
import type { Scorer } from './scorer';
import { createVerbalScorer } from './verbal';

export interface ResolvedScorer {
  scorer: Scorer;
  /** What the user should be told about the choice (fallbacks taken, estimates made). */
  notes: string[];
}

export { hasModel } from '../preflight';

/**
 * Builds the configured scorer. `auto` uses the verifier model when the server answers and has it,
 * else the built-in arithmetic checker, and says which and why.
 */
export async function createScorer(config: EngineConfig, provider: ModelProvider, signal?: AbortSignal): Promise<ResolvedScorer> {
  const notes: string[] = [];
  const model = config.verifierModel || config.policyModel;
  const common = { provider, model, concurrency: config.concurrency };
  switch (config.scorer) {
    case 'arithmetic':
      return { scorer: createArithmeticScorer(), notes };
    case 'judge':
      return { scorer: createJudgeScorer({ ...common, verbalSamples: config.verbalSamples, onNote: (n) => notes.push(n) }), notes };
    case 'plusminus':
      return { scorer: createPlusMinusScorer({ ...common, format: config.prmFormat }), notes };
    case 'verbal':
      return { scorer: createVerbalScorer({ ...common, samples: config.verbalSamples }), notes };
    case 'pooling': {
      if (!config.pooling?.baseUrl || !config.pooling.model) {
        throw new InvalidOptions('The pooling scorer needs the vLLM server (pooling endpoint) and the PRM model name, e.g. Qwen/Qwen2.5-Math-PRM-7B.');
      }
      const client = new PoolingClient({ baseUrl: config.pooling.baseUrl, apiKey: config.pooling.apiKey, timeoutMs: config.provider.timeoutMs });
      return { scorer: createPoolingScorer({ client, model: config.pooling.model }), notes };
    }
    case 'progress': {
      const settings = validateProgress({ ...DEFAULT_PROGRESS, ...config.progress });
      const proposer = createModelProposer(provider, config.policyModel, { temperature: settings.temperature, concurrency: config.concurrency });
      const policyKey = `${provider.kind}:${provider.baseUrl}:${config.policyModel}`;
      const target = settings.answer?.trim() ? `the reference answer ${settings.answer.trim()}` : 'the answer most rollouts from the problem reach (no reference answer given)';
      notes.push(`Progress scorer: ${config.policyModel} plays ${settings.rollouts} solutions out after each step; Q (${settings.estimate}) counts those reaching ${target}.`);
      return { scorer: createProgressScorer({ ...settings, proposer, policyKey, concurrency: config.concurrency }), notes };
    }
    case 'reference':
      if (!config.reference?.trim()) {
        throw new InvalidOptions('The reference scorer needs a reference solution: pass --reference FILE, or add a "## Reference" section to the document.');
      }
      return { scorer: createReferenceScorer({ ...common, reference: config.reference }), notes };
    case 'auto':
      if (config.reference?.trim()) {
        notes.push(`Verifying against the reference solution with the judge model ${model} (reference scorer).`);
        return { scorer: createReferenceScorer({ ...common, reference: config.reference }), notes };
      }
      return autoScorer(config, provider, model, signal);
    default:
      throw new InvalidOptions(`Unknown scorer "${config.scorer as string}".`);
  }
}

async function autoScorer(config: EngineConfig, provider: ModelProvider, model: string, signal?: AbortSignal): Promise<ResolvedScorer> {
  const notes: string[] = [];
  const problem = await modelServerProblem(provider, model, signal);
  if (!problem) {
    notes.push(`Scoring with the judge model ${model} at ${provider.baseUrl}.`);
    const scorer = createJudgeScorer({ provider, model, concurrency: config.concurrency, verbalSamples: config.verbalSamples, onNote: (n) => notes.push(n) });
    return { scorer, notes };
  }
  // The user's choice is honoured: a named server, model, provider or scorer that fails is reported, not replaced.
  if (config.named?.length) throw noFallback(problem, config.named);
  notes.push(`Using the built-in arithmetic checker (no model): ${problem.message}`);
  return { scorer: createArithmeticScorer(), notes };
}
