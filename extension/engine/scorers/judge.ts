import pLimit from 'p-limit';
import { NoLogprobs } from '../errors';
import type { ModelProvider } from '../providers/provider';
import { firstAnswerAlternatives, NO, readBinary, YES } from './logprobs';
import { judgeMessages } from './prompts';
import { abstention, capModelText, scoreEachStep, type Scorer, type ScoreOptions, type StepScore } from './scorer';
import { createVerbalScorer, readVerdictFromText } from './verbal';

/** Tokens the judge may write when its first token was no verdict, to read one from its text. */
const TEXT_VERDICT_TOKENS = 256;

export interface JudgeOptions {
  provider: ModelProvider;
  model: string;
  /** Alternatives read at the answer token (Ollama and OpenAI allow up to 20). */
  topLogprobs?: number;
  concurrency?: number;
  /** Verdicts sampled per step if the endpoint turns out to have no logprobs. */
  verbalSamples?: number;
  /** Told once when the scorer falls back to sampled verdicts. */
  onNote?: (note: string) => void;
}

/**
 * A generative PRM: for step k the model is asked whether step k is correct given the problem and steps 1..k,
 * and P(yes) is read from the top logprobs of its first answer token, normalised over the yes/no variants.
 * An endpoint without logprobs makes it fall back to sampled verdicts, and it says so.
 */
export function createJudgeScorer(opts: JudgeOptions): Scorer {
  const topLogprobs = opts.topLogprobs ?? 20;
  const limit = pLimit(Math.max(1, opts.concurrency ?? 4));
  let fallback: Scorer | undefined;
  const method = `P(yes) from the top-${topLogprobs} logprobs of the judge's first answer token`;

  async function readOne(problem: string, steps: readonly string[], k: number, signal?: AbortSignal): Promise<StepScore> {
    const result = await opts.provider.generate({
      model: opts.model,
      messages: judgeMessages(problem, steps, k),
      maxTokens: 1,
      temperature: 0,
      logprobs: true,
      topLogprobs,
      signal,
    });
    const top = firstAnswerAlternatives(result);
    if (top === undefined) throw new NoLogprobs(`${opts.provider.kind} at ${opts.provider.baseUrl}, model ${opts.model}`);
    const reading = readBinary(top, YES, NO);
    if (reading.p === undefined) return readFromText(problem, steps, k, result.text, reading.top, signal);
    return { score: reading.p, scorer: 'judge', method, evidence: { text: capModelText(result.text), top: reading.top, yesMass: reading.positiveMass, noMass: reading.negativeMass } };
  }

  /** The verbal route: no Yes/No at the answer token, so let the judge write and read the verdict it states. */
  async function readFromText(problem: string, steps: readonly string[], k: number, firstToken: string, top: StepScore['evidence']['top'], signal?: AbortSignal): Promise<StepScore> {
    const written = await opts.provider.generate({ model: opts.model, messages: judgeMessages(problem, steps, k), maxTokens: TEXT_VERDICT_TOKENS, temperature: 0, signal });
    const verdict = readVerdictFromText(written.text);
    const text = capModelText(written.text);
    const textMethod = 'verdict read from the text the judge wrote (its first answer token was not Yes or No)';
    if (verdict === undefined) {
      const said = capModelText(written.text.trim() || firstToken.trim(), 200);
      return abstention('judge', textMethod, `The judge answered "${said}" without a Yes or No; no verdict.`, { text, top });
    }
    return { score: verdict === 'yes' ? 1 : 0, scorer: 'judge', method: textMethod, evidence: { text, top, note: `The judge's text says ${verdict === 'yes' ? 'Yes' : 'No'} (one answer read as text, not a probability).` } };
  }

  const judgeEach = scoreEachStep('judge', method, readOne, limit);

  function verbal(): Scorer {
    if (!fallback) {
      const samples = opts.verbalSamples ?? 5;
      opts.onNote?.(
        `${opts.provider.baseUrl} returned no token logprobs for ${opts.model}; scores are the share of "Yes" among ${samples} sampled verdicts per step (verbal scorer).`,
      );
      fallback = createVerbalScorer({ provider: opts.provider, model: opts.model, samples, concurrency: opts.concurrency });
    }
    return fallback;
  }

  return {
    name: 'judge',
    key: `judge:${opts.provider.kind}:${opts.provider.baseUrl}:${opts.model}:top${topLogprobs}`,
    async score(problem: string, steps: readonly string[], options: ScoreOptions = {}): Promise<StepScore[]> {
      if (fallback) return fallback.score(problem, steps, options);
      try {
        return await judgeEach(problem, steps, options);
      } catch (err) {
        if (err instanceof NoLogprobs) return verbal().score(problem, steps, options);
        throw err;
      }
    },
  };
}
