/** Sizing Ollama's num_ctx: Ollama's default (2048–4096) silently truncates long prompts from the front. */

const MARGIN_TOKENS = 256;
const DEFAULT_PREDICT = 1024;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3);
}

/**
 * Enough for the prompt plus the answer, rounded up to a multiple of 1024, at least 2048,
 * never above the model's context length nor the user's cap.
 */
export function sizeNumCtx(promptChars: number, maxTokens: number | undefined, modelContext?: number, cap?: number): number {
  const needed = Math.ceil(promptChars / 3) + (maxTokens !== undefined && maxTokens > 0 ? maxTokens : DEFAULT_PREDICT) + MARGIN_TOKENS;
  let ctx = Math.ceil(Math.max(2048, needed) / 1024) * 1024;
  if (modelContext && modelContext > 0) ctx = Math.min(ctx, modelContext);
  if (cap && cap > 0) ctx = Math.min(ctx, cap);
  return ctx;
}

/** `model_info` holds `<arch>.context_length`; the architecture name varies (qwen2, llama, gemma3, …). */
export function contextLengthOf(modelInfo: Record<string, unknown> | undefined): number | undefined {
  if (!modelInfo) return undefined;
  for (const [key, value] of Object.entries(modelInfo)) {
    if (key.endsWith('.context_length') && typeof value === 'number' && value > 0) return value;
  }
  return undefined;
}

export function versionAtLeast(version: string, wanted: string): boolean {
  const parse = (v: string) => v.replace(/^v/, '').split(/[.-]/).slice(0, 3).map((x) => parseInt(x, 10) || 0);
  const a = parse(version);
  const b = parse(wanted);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}
