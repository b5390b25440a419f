/** Ollama's wire format (/api/chat, /api/generate) as of 0.12.11+: NDJSON chunks with per-token logprobs. */
import { approxTokenCount, topOf, type Emission, type ScriptToken } from './script';
import type { ScriptRequest } from './types';

type Body = Record<string, any>;

export function parseOllamaRequest(api: 'ollama-chat' | 'ollama-generate', body: Body, headers: Record<string, string>): ScriptRequest {
  const o: Body = body.options ?? {};
  const stop = o.stop ?? body.stop ?? [];
  return {
    api,
    model: String(body.model ?? ''),
    messages: api === 'ollama-chat' ? ((body.messages ?? []) as Body[]).map((m) => ({ role: String(m.role), content: String(m.content ?? '') })) : [],
    prompt: api === 'ollama-generate' ? String(body.prompt ?? '') : '',
    stop: Array.isArray(stop) ? stop.map(String) : [String(stop)],
    temperature: o.temperature,
    topP: o.top_p,
    seed: o.seed,
    maxTokens: o.num_predict,
    numCtx: o.num_ctx,
    keepAlive: body.keep_alive,
    raw: body.raw,
    logprobs: body.logprobs === true,
    topLogprobs: Number(body.top_logprobs ?? 0),
    stream: body.stream !== false,
    headers,
  };
}

export function versionAtLeast(version: string, wanted: string): boolean {
  const a = version.split(/[.-]/).map((x) => parseInt(x, 10) || 0);
  const b = wanted.split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

function logprobEntry(tok: ScriptToken, k: number) {
  const bytes = (t: string) => Array.from(Buffer.from(t, 'utf8'));
  return {
    token: tok.token,
    logprob: tok.logprob,
    bytes: bytes(tok.token),
    ...(k > 0 ? { top_logprobs: topOf(tok, k).map((t) => ({ ...t, bytes: bytes(t.token) })) } : {}),
  };
}

/** Every NDJSON line of one streamed generation: tokens, then the final `done` line kept apart. */
export function ollamaStream(req: ScriptRequest, em: Emission, withLogprobs: boolean): { chunks: string[]; final: string[] } {
  const created_at = new Date().toISOString();
  const content = (text: string) => (req.api === 'ollama-chat' ? { message: { role: 'assistant', content: text } } : { response: text });
  const chunks = em.tokens.map(
    (tok) =>
      JSON.stringify({
        model: req.model,
        created_at,
        ...content(tok.token),
        done: false,
        ...(withLogprobs ? { logprobs: [logprobEntry(tok, req.topLogprobs)] } : {}),
      }) + '\n',
  );
  return { chunks, final: [JSON.stringify({ model: req.model, created_at, ...content(''), ...doneFields(req, em) }) + '\n'] };
}

export function ollamaSingle(req: ScriptRequest, em: Emission, withLogprobs: boolean): string {
  const content = req.api === 'ollama-chat' ? { message: { role: 'assistant', content: em.text } } : { response: em.text };
  return JSON.stringify({
    model: req.model,
    created_at: new Date().toISOString(),
    ...content,
    ...doneFields(req, em),
    ...(withLogprobs ? { logprobs: em.tokens.map((t) => logprobEntry(t, req.topLogprobs)) } : {}),
  });
}

function doneFields(req: ScriptRequest, em: Emission) {
  const promptText = req.prompt + req.messages.map((m) => m.content).join('\n');
  return {
    done: true,
    done_reason: em.finish,
    total_duration: 1_000_000,
    load_duration: 100_000,
    prompt_eval_count: approxTokenCount(promptText),
    prompt_eval_duration: 100_000,
    eval_count: em.tokens.length,
    eval_duration: 500_000,
    ...(req.api === 'ollama-generate' && !req.raw ? { context: [1, 2, 3] } : {}),
  };
}

export function ollamaShow(model: string, contextLength: number) {
  return {
    modelfile: `FROM ${model}`,
    parameters: 'stop "<|im_end|>"',
    template: '{{ .Prompt }}',
    details: { parent_model: '', format: 'gguf', family: 'qwen2', families: ['qwen2'], parameter_size: '7.6B', quantization_level: 'Q4_K_M' },
    model_info: { 'general.architecture': 'qwen2', 'general.parameter_count': 7615616512, 'qwen2.context_length': contextLength, 'qwen2.embedding_length': 3584 },
    capabilities: ['completion'],
    modified_at: '2025-01-01T00:00:00Z',
  };
}

export function ollamaTags(models: string[]) {
  return {
    models: models.map((name) => ({
      name,
      model: name,
      modified_at: '2025-01-01T00:00:00Z',
      size: 4_683_087_332,
      digest: 'sha256:' + '0'.repeat(64),
      details: { parent_model: '', format: 'gguf', family: 'qwen2', families: ['qwen2'], parameter_size: '7.6B', quantization_level: 'Q4_K_M' },
    })),
  };
}

export function ollamaNotFound(model: string) {
  return { error: `model '${model}' not found` };
}
