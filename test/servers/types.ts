/** The loopback model server's public types (re-exported by modelServer.ts). */
import type { ScriptReply } from './script';
import type { FaultHook } from './faults';

export interface ScriptRequest {
  api: 'ollama-chat' | 'ollama-generate' | 'openai-chat' | 'openai-completions';
  model: string;
  messages: { role: string; content: string }[]; // [] for generate/completions
  prompt: string; // '' for chat
  stop: string[];
  temperature?: number;
  topP?: number;
  seed?: number;
  maxTokens?: number;
  numCtx?: number;
  keepAlive?: string | number;
  /** Ollama's `raw` flag on /api/generate. */
  raw?: boolean;
  logprobs: boolean;
  topLogprobs: number;
  stream: boolean;
  /** OpenAI `n`: which of the n choices this call produces (0-based). */
  choice?: number;
  /** vLLM chat extras: continue the final assistant message instead of opening a new turn. */
  continueFinalMessage?: boolean;
  addGenerationPrompt?: boolean;
  /** Request headers (lower-case names), e.g. to check the Authorization a client sent. */
  headers: Record<string, string>;
}

export interface ModelServerOptions {
  reply: (req: ScriptRequest) => ScriptReply | string | Promise<ScriptReply | string>;
  /** Default ['qwen2.5:7b', 'judge:latest']; others get 404 "model 'x' not found" (Ollama) / 404 model_not_found (OpenAI). */
  models?: string[];
  ollamaVersion?: string; // default '0.13.0'
  logprobs?: boolean; // default true; false = never send logprobs
  delayMs?: number; // fixed latency before every generation/pooling response
  contextLength?: number; // reported by /api/show (default 32768)
  pooling?: (req: { model: string; messages?: unknown; input?: unknown }) => number[][];
  apiKey?: string; // if set, OpenAI and pooling routes require `Authorization: Bearer <key>`, else 401
  /** `owned_by` of every model in /v1/models (default 'loopback'; 'vllm' makes the server look like vLLM). */
  ownedBy?: string;
  /** Per-request fault injection (see faults.ts). */
  fault?: FaultHook;
}

export interface ModelServer {
  url: string; // http://127.0.0.1:PORT  (Ollama host, and vLLM root for /pooling)
  openaiUrl: string; // url + '/v1'
  requests: ScriptRequest[]; // every generation request received, in order
  poolingRequests: unknown[];
  /** Every HTTP request received on any path, in order (for "nothing else was contacted" checks). */
  received: { method: string; path: string; headers: Record<string, string> }[];
  /** Generation responses whose connection the client closed before the server finished. */
  clientAborts: number;
  close(): Promise<void>;
}
