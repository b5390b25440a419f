import pLimit from 'p-limit';
import { InvalidOptions, NoLogprobs } from '../errors';
import type { ModelProvider } from '../providers/provider';
import { firstAnswerAlternatives, readBinary } from './logprobs';
import { mathShepherdPrompt, plusMinusMessages } from './prompts';
import { PRM_FORMATS, type PrmFormat } from '../options';
import { scoreEachStep, type Scorer, type StepScore } from './scorer';

export interface PlusMinusOptions {
  provider: ModelProvider;
  model: string;
  /** `rlhflow`: chat turns, one per step (RLHFlow PRMs); `math-shepherd`: a raw prompt with `ки` step tags. */
  format?: PrmFormat;
  topLogprobs?: number;
  concurrency?: number;
}

/** Causal-LM PRMs of the Math-Shepherd / RLHFlow kind: the score of a step is P(+) against P(-) after it. */
export function createPlusMinusScorer(opts: PlusMinusOptions): Scorer {
  const format = opts.format ?? 'rlhflow';
  if (!(PRM_FORMATS as readonly string[]).includes(format)) throw new InvalidOptions(`Unknown PRM format "${format as string}"; use ${PRM_FORMATS.join(' or ')}.`);
  const topLogprobs = opts.topLogprobs ?? 20;
  const limit = pLimit(Math.max(1, opts.concurrency ?? 4));
  const method = `P(+) against P(-) from the top-${topLogprobs} logprobs after the step (${format})`;

  async function readOne(problem: string, steps: readonly string[], k: number, signal?: AbortSignal): Promise<StepScore> {
    const request =
      format === 'rlhflow'
        ? { messages: plusMinusMessages(problem, steps, k) }
        : { prompt: mathShepherdPrompt(problem, steps, k) };
    const result = await opts.provider.generate({ model: opts.model, ...request, maxTokens: 1, temperature: 0, logprobs: true, topLogprobs, signal });
    const top = firstAnswerAlternatives(result);
    if (top === undefined) throw new NoLogprobs(`${opts.provider.kind} at ${opts.provider.baseUrl}, model ${opts.model}; the plusminus scorer needs them`);
    const reading = readBinary(top, ['+'], ['-']);
    const evidence = { text: result.text, top: reading.top, yesMass: reading.positiveMass, noMass: reading.negativeMass };
    if (reading.p === undefined) {
      return { score: 0.5, scorer: 'plusminus', method, abstained: true, evidence: { ...evidence, note: 'Neither + nor - was among the top alternatives: is this a +/- PRM?' } };
    }
    return { score: reading.p, scorer: 'plusminus', method, evidence };
  }
  return {
    name: 'plusminus',
    key: `plusminus:${format}:${opts.provider.kind}:${opts.provider.baseUrl}:${opts.model}`,
    score: scoreEachStep('plusminus', method, readOne, limit),
  };
}
