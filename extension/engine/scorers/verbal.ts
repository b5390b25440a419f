import pLimit from 'p-limit';
import type { ModelProvider } from '../providers/provider';
import { NO, YES } from './logprobs';
import { judgeMessages } from './prompts';
import { scoreEachStep, type Scorer, type StepScore } from './scorer';

export interface VerbalOptions {
  provider: ModelProvider;
  model: string;
  /** Verdicts sampled per step. */
  samples?: number;
  temperature?: number;
  concurrency?: number;
  seed?: number;
}

/** The first word of a verdict, read as yes / no, or undefined when it is neither. */
export function parseVerdict(text: string): 'yes' | 'no' | undefined {
  const word = text.trim().replace(/^[*_"'`(\[]+/, '').split(/[\s.,:;!*)"'`\]]+/)[0]?.toLowerCase() ?? '';
  if (YES.includes(word)) return 'yes';
  if (NO.includes(word)) return 'no';
  return undefined;
}

/**
 * For endpoints without logprobs: sample K verdicts per step and use the share of "yes".
 * The result says it is an estimate from K samples.
 */
export function createVerbalScorer(opts: VerbalOptions): Scorer {
  const samples = Math.max(1, opts.samples ?? 5);
  const temperature = opts.temperature ?? 0.7;
  const limit = pLimit(Math.max(1, opts.concurrency ?? 4));
  const method = `share of "Yes" among ${samples} sampled verdicts (estimate; the endpoint gives no logprobs)`;

  async function readOne(problem: string, steps: readonly string[], k: number, signal?: AbortSignal): Promise<StepScore> {
    const messages = judgeMessages(problem, steps, k);
    const texts = await Promise.all(
      Array.from({ length: samples }, (_, i) =>
        limit(async () => {
          const r = await opts.provider.generate({ model: opts.model, messages, maxTokens: 4, temperature, seed: (opts.seed ?? 0) + i, signal });
          return r.text;
        }),
      ),
    );
    const verdicts = texts.map(parseVerdict);
    const yes = verdicts.filter((v) => v === 'yes').length;
    const no = verdicts.filter((v) => v === 'no').length;
    if (yes + no === 0) {
      return { score: 0.5, scorer: 'verbal', method, abstained: true, evidence: { samples: texts, note: 'No sampled verdict was Yes or No.' } };
    }
    return {
      score: yes / (yes + no),
      scorer: 'verbal',
      method,
      evidence: { samples: texts, note: `${yes} of ${yes + no} readable verdicts said Yes.` },
    };
  }


  return {
    name: 'verbal',
    key: `verbal:${opts.provider.kind}:${opts.provider.baseUrl}:${opts.model}:k${samples}:t${temperature}`,
    // Steps are not limited here: their samples already share `limit`.
    score: scoreEachStep('verbal', method, readOne),
  };
}
