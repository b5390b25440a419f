import { PromptTooLong } from '../errors';
import type { PoolingClient } from '../providers/pooling';
import type { Scorer, ScoreOptions, StepScore } from './scorer';

export interface PoolingScorerOptions {
  client: PoolingClient;
  model: string;
}

/**
 * A vLLM-served PRM with a classification head (Qwen2.5-Math-PRM style): one /pooling request scores every
 * step of a path; the positive-class probability is the score. Only the prefix up to the last requested
 * step is sent, so a step's score never depends on what follows it. A path too long for the PRM's context abstains
 * (every step asked for, with the server's reason) instead of failing the run.
 */
export function createPoolingScorer(opts: PoolingScorerOptions): Scorer {
  const method = 'positive-class probability from the PRM head at the step separator (vLLM /pooling)';
  return {
    name: 'pooling',
    batched: true,
    key: `pooling:${opts.client.baseUrl}:${opts.model}`,
    async score(problem, steps, options: ScoreOptions = {}): Promise<StepScore[]> {
      const which = options.which ?? steps.map((_, i) => i);
      if (which.length === 0) return [];
      const last = Math.max(...which);
      let probs: number[][];
      try {
        ({ probs } = await opts.client.scoreSteps(opts.model, problem, steps.slice(0, last + 1), options.signal));
      } catch (err) {
        if (!(err instanceof PromptTooLong)) throw err;
        const note = `not scored: the path (${err.promptTokens} tokens) is longer than the ${err.contextTokens}-token context of ${opts.model}, and the server refused it`;
        return which.map(() => ({ score: 0.5, scorer: 'pooling', method, abstained: true, evidence: { note } }));
      }
      return which.map((k) => ({ score: probs[k][1], scorer: 'pooling', method, evidence: { probs: probs[k] } }));
    },
  };
}
