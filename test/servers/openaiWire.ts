/** The OpenAI wire format (chat completions and legacy completions), streamed as SSE or as one JSON body. */
import { approxTokenCount, topOf, type Emission, type ScriptToken } from './script';
import type { ScriptRequest } from './types';

type Body = Record<string, any>;

export interface OpenAIParsed {
  base: ScriptRequest;
  n: number;
  includeUsage: boolean;
}

export function parseOpenAIRequest(api: 'openai-chat' | 'openai-completions', body: Body, headers: Record<string, string>): OpenAIParsed {
  const stop = body.stop ?? [];
  const prompt = Array.isArray(body.prompt) ? body.prompt.join('') : String(body.prompt ?? '');
  const chatLogprobs = api === 'openai-chat';
  return {
    n: Math.max(1, Number(body.n ?? 1)),
    includeUsage: body.stream_options?.include_usage === true,
    base: {
      api,
      model: String(body.model ?? ''),
      messages: chatLogprobs ? ((body.messages ?? []) as Body[]).map((m) => ({ role: String(m.role), content: contentText(m.content) })) : [],
      prompt: chatLogprobs ? '' : prompt,
      stop: Array.isArray(stop) ? stop.map(String) : [String(stop)],
      temperature: body.temperature ?? undefined,
      topP: body.top_p ?? undefined,
      seed: body.seed ?? undefined,
      maxTokens: body.max_tokens ?? body.max_completion_tokens ?? undefined,
      logprobs: chatLogprobs ? body.logprobs === true : typeof body.logprobs === 'number',
      topLogprobs: Number((chatLogprobs ? body.top_logprobs : body.logprobs) ?? 0),
      stream: body.stream === true,
      ...(body.continue_final_message !== undefined ? { continueFinalMessage: body.continue_final_message === true } : {}),
      ...(body.add_generation_prompt !== undefined ? { addGenerationPrompt: body.add_generation_prompt === true } : {}),
      headers,
    },
  };
}

function contentText(content: unknown): string {
  if (Array.isArray(content)) return content.map((p: Body) => p.text ?? '').join('');
  return String(content ?? '');
}

const bytes = (t: string) => Array.from(Buffer.from(t, 'utf8'));

function chatLogprobs(tokens: ScriptToken[], k: number) {
  return {
    content: tokens.map((t) => ({ token: t.token, logprob: t.logprob, bytes: bytes(t.token), top_logprobs: topOf(t, k).map((a) => ({ ...a, bytes: bytes(a.token) })) })),
    refusal: null,
  };
}

function completionLogprobs(tokens: ScriptToken[], k: number, start = 0) {
  let offset = start;
  return {
    tokens: tokens.map((t) => t.token),
    token_logprobs: tokens.map((t) => t.logprob),
    top_logprobs: tokens.map((t) => Object.fromEntries(topOf(t, Math.max(k, 1)).map((a) => [a.token, a.logprob]))),
    text_offset: tokens.map((t) => ((offset += t.token.length), offset - t.token.length)),
  };
}

function usageOf(req: ScriptRequest, ems: Emission[]) {
  const prompt_tokens = approxTokenCount(req.prompt + req.messages.map((m) => m.content).join('\n'));
  const completion_tokens = ems.reduce((s, e) => s + e.tokens.length, 0);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

const sse = (obj: unknown) => `data: ${JSON.stringify(obj)}\n\n`;

export function openaiStream(p: OpenAIParsed, ems: Emission[], withLogprobs: boolean): { chunks: string[]; final: string[] } {
  const req = p.base;
  const chat = req.api === 'openai-chat';
  const head = { id: chat ? 'chatcmpl-loopback' : 'cmpl-loopback', object: chat ? 'chat.completion.chunk' : 'text_completion', created: Math.floor(Date.now() / 1000), model: req.model, system_fingerprint: 'fp_loopback' };
  const usageNull = p.includeUsage ? { usage: null } : {};
  const chunks: string[] = [];
  const final: string[] = [];
  ems.forEach((em, index) => {
    if (chat) chunks.push(sse({ ...head, choices: [{ index, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }], ...usageNull }));
    let offset = 0;
    for (const tok of em.tokens) {
      const logprobs = withLogprobs ? (chat ? chatLogprobs([tok], req.topLogprobs) : completionLogprobs([tok], req.topLogprobs, offset)) : null;
      offset += tok.token.length;
      const choice = chat ? { index, delta: { content: tok.token }, logprobs, finish_reason: null } : { index, text: tok.token, logprobs, finish_reason: null };
      chunks.push(sse({ ...head, choices: [choice], ...usageNull }));
    }
    const end = chat ? { index, delta: {}, logprobs: null, finish_reason: em.finish } : { index, text: '', logprobs: null, finish_reason: em.finish };
    final.push(sse({ ...head, choices: [end], ...usageNull }));
  });
  if (p.includeUsage) final.push(sse({ ...head, choices: [], usage: usageOf(req, ems) }));
  final.push('data: [DONE]\n\n');
  return { chunks, final };
}

export function openaiSingle(p: OpenAIParsed, ems: Emission[], withLogprobs: boolean): string {
  const req = p.base;
  const chat = req.api === 'openai-chat';
  const choices = ems.map((em, index) =>
    chat
      ? { index, message: { role: 'assistant', content: em.text, refusal: null }, logprobs: withLogprobs ? chatLogprobs(em.tokens, req.topLogprobs) : null, finish_reason: em.finish }
      : { index, text: em.text, logprobs: withLogprobs ? completionLogprobs(em.tokens, req.topLogprobs) : null, finish_reason: em.finish },
  );
  return JSON.stringify({ id: chat ? 'chatcmpl-loopback' : 'cmpl-loopback', object: chat ? 'chat.completion' : 'text_completion', created: Math.floor(Date.now() / 1000), model: req.model, system_fingerprint: 'fp_loopback', choices, usage: usageOf(req, ems) });
}

export function openaiModels(models: string[], ownedBy = 'loopback') {
  return { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: ownedBy })) };
}

export function openaiError(status: number, message: string, code: string | null, type = 'invalid_request_error') {
  return { error: { message, type, param: null, code }, status };
}
