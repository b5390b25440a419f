/** One small interface over every model server Stepwise talks to. */

/** `vscode`: the editor's own language models, served only inside VS Code through a factory the host hands in. */
export type ProviderKind = 'ollama' | 'openai' | 'vscode';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface TopLogprob {
  token: string;
  logprob: number;
}

export interface TokenLogprob {
  token: string;
  logprob: number;
  /** The most likely alternatives at this position (including the chosen token when the server reports it). */
  top: TopLogprob[];
}

export interface GenerateRequest {
  model: string;
  /** Chat messages (Ollama /api/chat, OpenAI chat completions). */
  messages?: ChatMessage[];
  /**
   * An exact prompt with no chat template (Ollama /api/generate with raw, OpenAI /completions).
   * With `messages` also set, the messages win. Used by scorers that need token-exact prompts.
   */
  prompt?: string;
  stop?: string[];
  temperature?: number;
  topP?: number;
  seed?: number;
  maxTokens?: number;
  /** Ask for per-token logprobs; `topLogprobs` alternatives per token (0..20). */
  logprobs?: boolean;
  topLogprobs?: number;
  /**
   * The last message is an assistant message to continue, not to answer (vLLM `continue_final_message`). Ollama
   * continues a final assistant message natively; OpenAI-style providers send it only to servers that take it.
   */
  continueFinalMessage?: boolean;
  signal?: AbortSignal;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export type FinishReason = 'stop' | 'length' | 'cancelled' | 'unknown';

export interface GenerateResult {
  text: string;
  /** Per-token logprobs, when asked for and the server sent them; undefined when it did not. */
  tokens?: TokenLogprob[];
  finishReason: FinishReason;
  usage: Usage;
  model: string;
}

/** A piece of a streamed generation. The last chunk carries `done` and the whole result. */
export interface GenerateChunk {
  delta: string;
  tokens?: TokenLogprob[];
  done?: GenerateResult;
}

export interface ModelInfo {
  name: string;
  /** Context window in tokens, when the server says. */
  contextLength?: number;
  sizeBytes?: number;
  family?: string;
}

export interface ProviderStatus {
  ok: boolean;
  provider: ProviderKind;
  baseUrl: string;
  version?: string;
  models: ModelInfo[];
  /** Whether this server can return token logprobs (undefined: unknown until tried). */
  logprobs?: boolean;
  /** What is wrong, as a user-facing sentence, when `ok` is false. */
  problem?: string;
}

export interface ModelProvider {
  readonly kind: ProviderKind;
  /** The base URL requests go to (never contains an API key). */
  readonly baseUrl: string;
  generate(req: GenerateRequest): Promise<GenerateResult>;
  /** Streams one generation; stopping iteration early aborts the request. */
  stream(req: GenerateRequest): AsyncIterable<GenerateChunk>;
  listModels(signal?: AbortSignal): Promise<ModelInfo[]>;
  /** Reachability, version and the installed models; throws typed errors only for invalid options. */
  status(signal?: AbortSignal): Promise<ProviderStatus>;
  /** Whether a final assistant message is continued in place (Ollama; vLLM with `continue_final_message`). */
  continuesAssistant?(signal?: AbortSignal): Promise<boolean>;
}

export interface ProviderOptions {
  kind: ProviderKind;
  /** Ollama host (default http://127.0.0.1:11434) or an OpenAI-style base URL ending in /v1. */
  baseUrl?: string;
  /** OpenAI-compatible only. Never logged or serialised. */
  apiKey?: string;
  /** Per-request timeout in ms (the first request may load a model: keep it long). */
  timeoutMs?: number;
  /** Retries for safe failures (connection reset, 408/409/429/5xx). */
  maxRetries?: number;
  /** Ollama keep_alive, e.g. "5m". */
  keepAlive?: string;
  /** Upper bound for num_ctx; the provider sizes num_ctx to the prompt within the model's context length. */
  maxContext?: number;
  fetch?: typeof fetch;
}

/**
 * The port through which a host supplies providers the engine cannot build itself (the editor's models):
 * the engine stays free of `vscode`, the VS Code layer implements `ModelProvider` and hands in its factory.
 */
export type ProviderFactory = (opts: ProviderOptions) => ModelProvider;
export type ProviderFactories = Partial<Record<ProviderKind, ProviderFactory>>;

export const DEFAULT_OLLAMA_URL = 'http://127.0.0.1:11434';
export const DEFAULT_OPENAI_URL = 'http://127.0.0.1:8000/v1';
