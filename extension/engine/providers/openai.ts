/**
 * OpenAI-compatible servers (vLLM, llama.cpp, LM Studio, hosted APIs) through openai-node:
 * chat completions for messages, legacy completions for exact prompts. The client's own retries
 * (408/409/429/5xx, connection errors, Retry-After) are configured by maxRetries.
 */
import OpenAI, { APIError } from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { Completion } from 'openai/resources/completions';
import { BadModelOutput, Cancelled, InvalidOptions, throwIfAborted } from '../errors';
import { DEFAULT_OPENAI_URL, type FinishReason, type GenerateChunk, type GenerateRequest, type GenerateResult, type ModelInfo, type ModelProvider, type ProviderOptions, type ProviderStatus, type TokenLogprob, type Usage } from './provider';
import { isConnectionReset } from './netErrors';
import { translateOpenAIError } from './openaiErrors';
import { untilAborted } from './transport';

const DEFAULT_TIMEOUT_MS = 120_000;

export class OpenAIProvider implements ModelProvider {
  readonly kind = 'openai' as const;
  readonly baseUrl: string;
  private readonly client: OpenAI;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private continuation: Promise<boolean> | undefined;

  constructor(private readonly opts: ProviderOptions) {
    this.baseUrl = (opts.baseUrl || DEFAULT_OPENAI_URL).replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = opts.maxRetries ?? 2;
    this.client = new OpenAI({ baseURL: this.baseUrl, apiKey: opts.apiKey || 'not-needed', timeout: this.timeoutMs, maxRetries: this.maxRetries, fetch: opts.fetch, logLevel: 'off' });
  }

  async generate(req: GenerateRequest): Promise<GenerateResult> {
    let result: GenerateResult | undefined;
    for await (const chunk of this.stream(req)) if (chunk.done) result = chunk.done;
    if (!result) throw new BadModelOutput('the stream ended before the server said it had finished');
    return result;
  }

  async *stream(req: GenerateRequest): AsyncGenerator<GenerateChunk> {
    throwIfAborted(req.signal);
    if (!req.messages?.length && req.prompt === undefined) throw new InvalidOptions('A generation needs messages or a prompt.');
    // One idle timer per attempt, from the request to the headers and between body events; paused while the client
    // backs off after an error status, so a long Retry-After is not a timeout. It fires before the client's own
    // timeout, which the client would retry: a model too slow to answer once is not faster the second time.
    const idle = new AbortController();
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => ((timedOut = true), idle.abort()), this.timeoutMs);
    };
    const base = this.opts.fetch ?? globalThis.fetch;
    const client = this.client.withOptions({
      timeout: this.timeoutMs * 2,
      fetch: async (input, init) => {
        arm();
        try {
          const res = await base(input, init);
          if (res.ok) arm();
          else clearTimeout(timer);
          return res;
        } catch (err) {
          clearTimeout(timer);
          throw err;
        }
      },
    });
    const signal = req.signal ? AbortSignal.any([req.signal, idle.signal]) : idle.signal;
    let text = '';
    const tokens: TokenLogprob[] = [];
    let finishReason: FinishReason | undefined;
    let usage: Usage = { promptTokens: 0, completionTokens: 0 };
    let model = req.model;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          const pieces = this.open(client, req, signal);
          for (let next = await untilAborted(pieces.next(), req.signal); !next.done; next = await untilAborted(pieces.next(), req.signal)) {
            const piece = next.value;
            arm();
            if (piece.model) model = piece.model;
            if (piece.usage) usage = piece.usage;
            if (piece.finish) finishReason = piece.finish;
            text += piece.delta;
            if (piece.tokens?.length) tokens.push(...piece.tokens);
            if (piece.delta || piece.tokens?.length) yield { delta: piece.delta, tokens: piece.tokens };
          }
          break;
        } catch (err) {
          // A connection lost before any token reached the consumer is safe to try again; after one it is not.
          const delivered = text !== '' || tokens.length > 0;
          if (delivered || timedOut || req.signal?.aborted || attempt >= this.maxRetries || !lostMidStream(err)) throw err;
          finishReason = undefined;
        }
      }
      // openai-node ends an aborted stream quietly: say why it ended.
      if (timedOut || req.signal?.aborted) throw new Cancelled();
      if (!finishReason) throw new BadModelOutput('the stream ended before the server said it had finished');
      const result: GenerateResult = { text, tokens: req.logprobs && tokens.length ? tokens : undefined, finishReason, usage, model };
      yield { delta: '', done: result };
    } catch (err) {
      throw await translateOpenAIError(err, { baseUrl: this.baseUrl, model: req.model, apiKey: this.opts.apiKey, timeoutMs: this.timeoutMs, timedOut, signal: req.signal, served: () => this.servedIds() });
    } finally {
      clearTimeout(timer);
      idle.abort(); // a consumer that stopped early must not leave the server generating
    }
  }

  /** One normalised piece per SSE event, from either endpoint. */
  private async *open(client: OpenAI, req: GenerateRequest, signal: AbortSignal): AsyncGenerator<Piece> {
    const common = {
      model: req.model,
      stream: true as const,
      stream_options: { include_usage: true },
      temperature: req.temperature,
      top_p: req.topP,
      seed: req.seed,
      stop: req.stop?.length ? req.stop : undefined,
      max_tokens: req.maxTokens,
    };
    const k = Math.min(20, Math.max(0, req.topLogprobs ?? 0));
    if (req.messages?.length) {
      const logprobs = req.logprobs ? { logprobs: true, top_logprobs: k } : {};
      // vLLM's chat template then leaves the assistant turn open, so the model writes on from the partial solution.
      const continuing = req.continueFinalMessage && req.messages[req.messages.length - 1].role === 'assistant' ? { continue_final_message: true, add_generation_prompt: false } : {};
      const stream = await client.chat.completions.create({ ...common, ...logprobs, ...continuing, messages: req.messages }, { signal });
      for await (const chunk of stream) yield chatPiece(chunk);
    } else {
      const logprobs = req.logprobs ? { logprobs: k } : {};
      const stream = await client.completions.create({ ...common, ...logprobs, prompt: req.prompt ?? '' }, { signal });
      for await (const chunk of stream) yield completionPiece(chunk);
    }
  }

  async listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    try {
      const page = await this.client.models.list({ signal });
      return page.data.map((m) => ({ name: m.id, contextLength: (m as { max_model_len?: number }).max_model_len }));
    } catch (err) {
      throw await translateOpenAIError(err, { baseUrl: this.baseUrl, apiKey: this.opts.apiKey, timeoutMs: this.timeoutMs, timedOut: false, signal, served: async () => [] });
    }
  }

  async status(signal?: AbortSignal): Promise<ProviderStatus> {
    const base = { provider: 'openai' as const, baseUrl: this.baseUrl };
    try {
      return { ...base, ok: true, models: await this.listModels(signal), logprobs: undefined };
    } catch (err) {
      return { ...base, ok: false, models: [], problem: (err as Error).message };
    }
  }

  /** vLLM continues a final assistant message (`continue_final_message`); it says `owned_by: "vllm"` in /models. */
  continuesAssistant(signal?: AbortSignal): Promise<boolean> {
    this.continuation ??= this.client.models.list({ signal }).then(
      (page) => page.data.some((m) => (m as { owned_by?: string }).owned_by === 'vllm'),
      () => {
        this.continuation = undefined; // ask again next time: the server may come up
        return false;
      },
    );
    return this.continuation;
  }

  private async servedIds(): Promise<string[]> {
    return (await this.listModels(AbortSignal.timeout(2_000))).map((m) => m.name);
  }
}

/** The body broke after the headers (the client already retried failures before them). */
function lostMidStream(err: unknown): boolean {
  return !(err instanceof APIError) && isConnectionReset(err);
}

interface Piece {
  delta: string;
  tokens?: TokenLogprob[];
  finish?: FinishReason;
  usage?: Usage;
  model?: string;
}

function finishOf(reason: string | null | undefined): FinishReason | undefined {
  if (!reason) return undefined;
  return reason === 'stop' || reason === 'length' ? reason : 'unknown';
}

function usageOf(u: { prompt_tokens?: number; completion_tokens?: number } | null | undefined): Usage | undefined {
  return u ? { promptTokens: u.prompt_tokens ?? 0, completionTokens: u.completion_tokens ?? 0 } : undefined;
}

function chatPiece(chunk: ChatCompletionChunk): Piece {
  const choice = chunk.choices.find((c) => c.index === 0);
  const tokens = choice?.logprobs?.content?.map((t) => ({ token: t.token, logprob: t.logprob, top: (t.top_logprobs ?? []).map((a) => ({ token: a.token, logprob: a.logprob })) }));
  return { delta: choice?.delta?.content ?? '', tokens, finish: finishOf(choice?.finish_reason), usage: usageOf(chunk.usage), model: chunk.model };
}

function completionPiece(chunk: Completion): Piece {
  const choice = chunk.choices.find((c) => c.index === 0);
  const lp = choice?.logprobs;
  const tokens = lp?.tokens?.map((token, i) => ({
    token,
    logprob: lp.token_logprobs?.[i] ?? 0,
    top: Object.entries(lp.top_logprobs?.[i] ?? {}).map(([t, logprob]) => ({ token: t, logprob })).sort((a, b) => b.logprob - a.logprob),
  }));
  return { delta: choice?.text ?? '', tokens, finish: finishOf(choice?.finish_reason), usage: usageOf(chunk.usage), model: chunk.model };
}
