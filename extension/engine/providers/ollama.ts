/**
 * Ollama through ollama-js: /api/chat for messages, /api/generate with raw for exact prompts.
 * Always streamed, so every request can be cancelled; each request gets its own client and watched fetch.
 */
import { Ollama, type ChatResponse, type GenerateResponse } from 'ollama';
import { BadModelOutput, InvalidOptions, PromptTooLong, ServerTooOld, throwIfAborted } from '../errors';
import { DEFAULT_OLLAMA_URL, type FinishReason, type GenerateChunk, type GenerateRequest, type GenerateResult, type ModelInfo, type ModelProvider, type ProviderOptions, type ProviderStatus, type TokenLogprob } from './provider';
import { contextLengthOf, sizeNumCtx, versionAtLeast } from './ollamaContext';
import { classifyOllamaFailure, translateOllamaError } from './ollamaErrors';
import { withRetry } from './retry';
import { describeBody } from './scrub';
import { untilAborted, watchRequest, type WatchedRequest } from './transport';

/** The first Ollama release that returns token logprobs. */
export const OLLAMA_LOGPROBS_SINCE = '0.12.11';
const DEFAULT_TIMEOUT_MS = 120_000;

type OllamaPart = ChatResponse | GenerateResponse;

export class OllamaProvider implements ModelProvider {
  readonly kind = 'ollama' as const;
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly contextLengths = new Map<string, Promise<number | undefined>>();
  private readonly knownContext = new Map<string, number>();
  private version?: Promise<string>;

  constructor(private readonly opts: ProviderOptions) {
    this.baseUrl = (opts.baseUrl || DEFAULT_OLLAMA_URL).replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = opts.maxRetries ?? 2;
  }

  async generate(req: GenerateRequest): Promise<GenerateResult> {
    let result: GenerateResult | undefined;
    for await (const chunk of this.stream(req)) if (chunk.done) result = chunk.done;
    if (!result) throw new BadModelOutput('the stream ended before Ollama said it was done');
    return result;
  }

  async *stream(req: GenerateRequest): AsyncGenerator<GenerateChunk> {
    throwIfAborted(req.signal);
    if (!req.messages?.length && req.prompt === undefined) throw new InvalidOptions('A generation needs messages or a prompt.');
    const numCtx = await this.numCtxFor(req);
    const watch = this.watch(req.signal, true);
    let finished = false;
    try {
      // Retry only up to the first chunk: nothing has reached the consumer yet.
      const { parts, first } = await withRetry(
        async () => {
          const parts: AsyncIterator<OllamaPart> = (await this.start(req, numCtx, watch))[Symbol.asyncIterator]();
          return { parts, first: await untilAborted(parts.next(), req.signal) };
        },
        { maxRetries: this.maxRetries, signal: req.signal, classify: (err) => classifyOllamaFailure(err, watch, req.signal) },
      );
      let text = '';
      const tokens: TokenLogprob[] = [];
      for (let next = first; !next.done; next = await untilAborted(parts.next(), req.signal)) {
        const part = next.value;
        const delta = 'message' in part ? (part.message?.content ?? '') : (part.response ?? '');
        const chunkTokens = part.logprobs?.length ? part.logprobs.map(toTokenLogprob) : undefined;
        text += delta;
        if (chunkTokens) tokens.push(...chunkTokens);
        if (part.done) {
          if (req.logprobs && tokens.length === 0) await this.requireLogprobSupport(req.signal);
          finished = true;
          yield { delta, tokens: chunkTokens, done: this.result(req, part, text, req.logprobs && tokens.length ? tokens : undefined) };
          return;
        }
        if (delta || chunkTokens) yield { delta, tokens: chunkTokens };
      }
      throw new BadModelOutput('the stream ended before Ollama said it was done');
    } catch (err) {
      throw await this.translate(err, req.model, watch, req.signal);
    } finally {
      if (!finished) watch.abort(); // a consumer that stopped early must not leave the model generating
      watch.dispose();
    }
  }

  async listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    const watch = this.watch(signal);
    try {
      const { models } = await this.client(watch).list();
      return models.map((m) => ({ name: m.name, sizeBytes: m.size, family: m.details?.family, contextLength: this.knownContext.get(m.name) }));
    } catch (err) {
      throw await this.translate(err, undefined, watch, signal);
    } finally {
      watch.dispose();
    }
  }

  async status(signal?: AbortSignal): Promise<ProviderStatus> {
    const base = { provider: 'ollama' as const, baseUrl: this.baseUrl };
    try {
      const version = await this.serverVersion(signal);
      const models = await this.listModels(signal);
      const logprobs = versionAtLeast(version, OLLAMA_LOGPROBS_SINCE);
      const problem = logprobs ? undefined : `Ollama ${version} cannot return token logprobs (needs ${OLLAMA_LOGPROBS_SINCE} or later); the judge and PRM scorers need them, the verbal scorer does not.`;
      return { ...base, ok: true, version, models, logprobs, problem };
    } catch (err) {
      return { ...base, ok: false, models: [], problem: (err as Error).message };
    }
  }

  /** The model's context length from /api/show (cached per model); throws ModelNotFound for a missing model. */
  contextLength(model: string, signal?: AbortSignal): Promise<number | undefined> {
    let known = this.contextLengths.get(model);
    if (!known) {
      known = this.show(model, signal);
      this.contextLengths.set(model, known);
      known.then((n) => n && this.knownContext.set(model, n), () => this.contextLengths.delete(model));
    }
    return known;
  }

  private async show(model: string, signal?: AbortSignal): Promise<number | undefined> {
    const watch = this.watch(signal);
    try {
      const info = await withRetry(() => this.client(watch).show({ model }), { maxRetries: this.maxRetries, signal, classify: (err) => classifyOllamaFailure(err, watch, signal) });
      return contextLengthOf(info.model_info as unknown as Record<string, unknown> | undefined);
    } catch (err) {
      throw await this.translate(err, model, watch, signal);
    } finally {
      watch.dispose();
    }
  }

  private async numCtxFor(req: GenerateRequest): Promise<number> {
    const promptChars = (req.messages ?? []).reduce((n, m) => n + m.content.length + 8, 0) + (req.messages?.length ? 0 : (req.prompt ?? '').length);
    const numCtx = sizeNumCtx(promptChars, req.maxTokens, await this.contextLength(req.model, req.signal), this.opts.maxContext);
    // A lenient estimate (4 characters a token): refuse only prompts that surely overflow, which Ollama would cut silently.
    const surelyNeeded = Math.ceil(promptChars / 4) + Math.min(req.maxTokens ?? 1, 64);
    if (surelyNeeded > numCtx) throw new PromptTooLong(req.model, Math.ceil(promptChars / 4), numCtx);
    return numCtx;
  }

  private start(req: GenerateRequest, numCtx: number, watch: WatchedRequest) {
    const options = dropUndefined({ temperature: req.temperature, top_p: req.topP, seed: req.seed, num_predict: req.maxTokens, stop: req.stop?.length ? req.stop : undefined, num_ctx: numCtx });
    const common = dropUndefined({
      model: req.model,
      options,
      keep_alive: this.opts.keepAlive,
      logprobs: req.logprobs ? true : undefined,
      top_logprobs: req.logprobs ? Math.min(20, Math.max(0, req.topLogprobs ?? 0)) : undefined,
    });
    const client = this.client(watch);
    if (req.messages?.length) return client.chat({ ...common, model: req.model, messages: req.messages, stream: true });
    return client.generate({ ...common, model: req.model, prompt: req.prompt ?? '', raw: true, stream: true });
  }

  private result(req: GenerateRequest, last: OllamaPart, text: string, tokens: TokenLogprob[] | undefined): GenerateResult {
    const finishReason: FinishReason = last.done_reason === 'stop' || last.done_reason === 'length' ? last.done_reason : 'unknown';
    return { text, tokens, finishReason, usage: { promptTokens: last.prompt_eval_count ?? 0, completionTokens: last.eval_count ?? 0 }, model: last.model || req.model };
  }

  /** No logprobs came back although asked: too old a server is the user's to fix; otherwise the scorer decides. */
  private async requireLogprobSupport(signal?: AbortSignal): Promise<void> {
    const version = await this.serverVersion(signal).catch(() => undefined);
    if (version && !versionAtLeast(version, OLLAMA_LOGPROBS_SINCE)) throw new ServerTooOld(version, OLLAMA_LOGPROBS_SINCE, 'token logprobs (used by the judge and PRM scorers)');
  }

  private serverVersion(signal?: AbortSignal): Promise<string> {
    if (!this.version) {
      const watch = this.watch(signal);
      this.version = this.client(watch)
        .version()
        .then((v) => v.version, async (err) => Promise.reject(await this.translate(err, undefined, watch, signal)))
        .finally(() => watch.dispose());
      this.version.catch(() => (this.version = undefined));
    }
    return this.version;
  }

  private watch(signal: AbortSignal | undefined, ndjson = false): WatchedRequest {
    return watchRequest({ signal, idleMs: this.timeoutMs, ndjson, base: this.opts.fetch });
  }

  private client(watch: WatchedRequest): Ollama {
    return new Ollama({ host: this.baseUrl, fetch: quietErrors(watch.fetch, this.baseUrl) });
  }

  private translate(err: unknown, model: string | undefined, watch: WatchedRequest, signal?: AbortSignal): Promise<Error> {
    return translateOllamaError(err, { baseUrl: this.baseUrl, model, timeoutMs: this.timeoutMs, watch, signal, installed: () => this.installedNames() });
  }

  private async installedNames(): Promise<string[]> {
    const watch = watchRequest({ idleMs: 2_000, base: this.opts.fetch });
    try {
      return (await this.client(watch).list()).models.map((m) => m.name);
    } finally {
      watch.dispose();
    }
  }
}

/**
 * ollama-js `console.log`s while it reads an error body that is not JSON ("Getting text from response") and would
 * put a whole HTML page in its message. Such bodies are described here in a line and handed on as JSON instead;
 * a 200 web page (the URL is not a model server) fails at once with what answered.
 */
function quietErrors(fetchFn: typeof fetch, baseUrl: string): typeof fetch {
  return (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const response = await fetchFn(input, init);
    const type = response.headers.get('content-type');
    if (type?.includes('json') || type?.includes('ndjson')) return response;
    if (response.ok) {
      if (!/html/i.test(type ?? '')) return response;
      const what = describeBody(await response.text(), type);
      throw new BadModelOutput(`${baseUrl} answered with ${what}; is this the Ollama address (default port 11434)?`);
    }
    const error = `${baseUrl} answered HTTP ${response.status} with ${describeBody(await response.text(), type)}`;
    return new Response(JSON.stringify({ error }), { status: response.status, statusText: response.statusText, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

function toTokenLogprob(lp: { token: string; logprob: number; top_logprobs?: { token: string; logprob: number }[] }): TokenLogprob {
  return { token: lp.token, logprob: lp.logprob, top: (lp.top_logprobs ?? []).map((t) => ({ token: t.token, logprob: t.logprob })) };
}

function dropUndefined<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
