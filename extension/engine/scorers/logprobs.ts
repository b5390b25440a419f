import type { GenerateResult, TopLogprob } from '../providers/provider';

/** Probability of one side of a binary answer, read from the first answer token's top alternatives. */
export interface BinaryReading {
  /** P(positive) normalised over the positive and negative variants found; undefined when neither was found. */
  p?: number;
  positiveMass: number;
  negativeMass: number;
  top: TopLogprob[];
}

const clean = (token: string) => token.replace(/^[\s▁Ġ]+|[\s.,:!]+$/g, '').toLowerCase();

/**
 * Sums the probability of every variant of each answer ("Yes", " yes", "YES", "▁Yes") in the top alternatives.
 * Tokens that merely contain the word ("Yesterday") do not count.
 */
export function readBinary(top: readonly TopLogprob[], positives: readonly string[], negatives: readonly string[]): BinaryReading {
  let positiveMass = 0;
  let negativeMass = 0;
  const seen = new Set<string>();
  for (const alt of top) {
    // Some servers repeat the chosen token in its own alternatives.
    if (seen.has(alt.token)) continue;
    seen.add(alt.token);
    const word = clean(alt.token);
    if (positives.includes(word)) positiveMass += Math.exp(alt.logprob);
    else if (negatives.includes(word)) negativeMass += Math.exp(alt.logprob);
  }
  const total = positiveMass + negativeMass;
  return { p: total > 0 ? positiveMass / total : undefined, positiveMass, negativeMass, top: [...top] };
}

/** The alternatives at the first generated token that is not whitespace. */
export function firstAnswerAlternatives(result: GenerateResult): TopLogprob[] | undefined {
  if (!result.tokens) return undefined;
  const first = result.tokens.find((t) => t.token.trim() !== '') ?? result.tokens[0];
  if (!first) return [];
  const top = first.top.length > 0 ? first.top : [{ token: first.token, logprob: first.logprob }];
  return top;
}

export const YES = ['yes', 'y', 'correct', 'true'];
export const NO = ['no', 'n', 'incorrect', 'wrong', 'false'];
