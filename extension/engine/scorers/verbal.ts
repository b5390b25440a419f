import pLimit from 'p-limit';
import type { ModelProvider } from '../providers/provider';
import { NO, YES } from './logprobs';
import { judgeMessages } from './prompts';
import { abstention, capModelText, scoreEachStep, type Scorer, type StepScore } from './scorer';

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
 * A verdict stated anywhere in a judge's free text, for answers that do not start with one
 * ("Let me check… Step 3 is correct.", "**Answer: No**"). The last statement wins: judges reason first, then conclude.
 */
export function readVerdictFromText(text: string): 'yes' | 'no' | undefined {
  const first = parseVerdict(text);
  if (first) return first;
  const patterns: [RegExp, (m: RegExpExecArray) => 'yes' | 'no' | undefined][] = [
    [/\b(?:answer|verdict|conclusion)\b\W{0,4}(?:is\W{0,3})?(yes|no|correct|incorrect|wrong)\b/gi, (m) => yesNo(m[1])],
    [/\b(?:is|was|seems|looks)\s+(not\s+(?:correct|right|valid)|incorrect|wrong|invalid|correct|right|valid)\b/gi, (m) => (/^(not|in|wrong)/i.test(m[1]) ? 'no' : 'yes')],
    [/(?:^|\n|\*\*)\s*(yes|no)\b[.!*]*\s*$/gim, (m) => yesNo(m[1])],
  ];
  let best: { at: number; verdict: 'yes' | 'no' } | undefined;
  for (const [re, read] of patterns) {
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const verdict = read(m);
      if (verdict && (!best || m.index >= best.at)) best = { at: m.index, verdict };
    }
  }
  return best?.verdict;
}

const yesNo = (word: string): 'yes' | 'no' | undefined => {
  const w = word.toLowerCase();
  return YES.includes(w) ? 'yes' : NO.includes(w) ? 'no' : undefined;
};

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
    const verdicts = texts.map(readVerdictFromText);
    const yes = verdicts.filter((v) => v === 'yes').length;
    const no = verdicts.filter((v) => v === 'no').length;
    const kept = texts.map((t) => capModelText(t));
    if (yes + no === 0) return abstention('verbal', method, `No sampled verdict was Yes or No (the judge wrote "${capModelText(texts[0]?.trim() ?? '', 200)}").`, { samples: kept });
    return {
      score: yes / (yes + no),
      scorer: 'verbal',
      method,
      evidence: { samples: kept, note: `${yes} of ${yes + no} readable verdicts said Yes.` },
    };
  }


  return {
    name: 'verbal',
    key: `verbal:${opts.provider.kind}:${opts.provider.baseUrl}:${opts.model}:k${samples}:t${temperature}`,
    // Steps are not limited here: their samples already share `limit`.
    score: scoreEachStep('verbal', method, readOne),
  };
}
