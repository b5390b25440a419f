import { isCancellation } from '../errors';
import type { GenerateRequest, GenerateResult, ModelProvider, TokenLogprob } from '../providers/provider';

/** How a streamed sample reports its growing text and learns that the search wants it stopped. */
export interface PartialWatch {
  /** Called every `every` streamed tokens with the text so far. */
  onPartial: (text: string, tokens: number) => void;
  every: number;
  /** Aborted by the search to stop this one sample (the run's own signal stops them all). */
  signal: AbortSignal;
}

/**
 * Streams one generation, reporting its text every `watch.every` tokens. When the search stops this sample, the
 * result holds the text written so far with `aborted` set; a cancelled run still throws.
 */
export async function streamGeneration(provider: ModelProvider, request: GenerateRequest, watch: PartialWatch): Promise<GenerateResult & { aborted?: boolean }> {
  const runSignal = request.signal;
  const signal = runSignal ? AbortSignal.any([runSignal, watch.signal]) : watch.signal;
  let text = '';
  let count = 0;
  let reportedAt = 0;
  const tokens: TokenLogprob[] = [];
  const partial = () => ({ text, tokens: tokens.length ? tokens : undefined, finishReason: 'cancelled' as const, usage: { promptTokens: 0, completionTokens: count }, model: request.model, aborted: true });
  if (watch.signal.aborted) return partial();
  try {
    for await (const chunk of provider.stream({ ...request, signal })) {
      if (chunk.done) return chunk.done;
      text += chunk.delta;
      // A chunk is about one token; servers that batch tokens send their logprobs along.
      count += Math.max(1, chunk.tokens?.length ?? 0);
      if (chunk.tokens) tokens.push(...chunk.tokens);
      if (watch.signal.aborted) return partial();
      if (count - reportedAt >= watch.every) {
        reportedAt = count;
        watch.onPartial(text, count);
      }
    }
  } catch (err) {
    if (watch.signal.aborted && !runSignal?.aborted && isCancellation(err, signal)) return partial();
    throw err;
  }
  if (watch.signal.aborted) return partial();
  return { text, tokens: tokens.length ? tokens : undefined, finishReason: 'unknown', usage: { promptTokens: 0, completionTokens: count }, model: request.model };
}
