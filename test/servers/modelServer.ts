/**
 * One loopback HTTP server speaking Ollama, OpenAI-compatible and vLLM /pooling wire formats,
 * with scripted replies and fault injection. Every provider, scorer and search test talks to it
 * through the real clients.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { emit, normaliseReply, sleep, type ScriptReply } from './script';
import type { Fault, FaultRequest } from './faults';
import type { ModelServer, ModelServerOptions } from './types';
import { ollamaNotFound, ollamaShow, ollamaSingle, ollamaStream, ollamaTags, parseOllamaRequest, versionAtLeast } from './ollamaWire';
import { openaiError, openaiModels, openaiSingle, openaiStream, parseOpenAIRequest } from './openaiWire';

export type { ScriptRequest, ModelServer, ModelServerOptions } from './types';
export type { ScriptToken, ScriptReply } from './script';
export type { Fault, FaultHook, FaultRequest } from './faults';
export { judgeReply, tokensOf } from './script';
export { failFirst } from './faults';

const OLLAMA_LOGPROBS_SINCE = '0.12.11';
const GENERATION_PATHS = new Set(['/api/chat', '/api/generate', '/v1/chat/completions', '/v1/completions']);

interface Exchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  fault: Fault | undefined;
  /** True once the client has closed the connection. */
  closed: () => boolean;
}

export function startModelServer(opts: ModelServerOptions): Promise<ModelServer> {
  const models = new Set(opts.models ?? ['qwen2.5:7b', 'judge:latest']);
  const version = opts.ollamaVersion ?? '0.13.0';
  const attempts = new Map<string, number>();
  const state: ModelServer = {
    url: '',
    openaiUrl: '',
    requests: [],
    poolingRequests: [],
    received: [],
    clientAborts: 0,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = http.createServer(async (req, res) => {
    let finished = false;
    res.on('finish', () => (finished = true));
    res.on('close', () => {
      if (!finished) closedEarly = true;
    });
    let closedEarly = false;
    try {
      const path = (req.url ?? '/').split('?')[0]!;
      const body = await readJson(req);
      if (body === INVALID) return send(res, 400, { error: 'invalid JSON body' });
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      state.received.push({ method: req.method ?? 'GET', path, headers });
      const script = parseScript(path, body, headers);
      const attempt = (attempts.get(path) ?? 0) + 1;
      attempts.set(path, attempt);
      if (script) state.requests.push('base' in script ? script.base : script);
      const faultReq: FaultRequest = { method: req.method ?? 'GET', path, body, attempt, script: script && ('base' in script ? script.base : script) };
      const fault = opts.fault?.(faultReq);
      const ex: Exchange = { req, res, fault, closed: () => closedEarly || res.destroyed };
      if (fault === 'reset') return void req.socket.destroy();
      if (typeof fault === 'object') return sendFault(res, path, fault);
      await route(ex, path, body, script, headers);
    } catch (err) {
      if (!res.headersSent) send(res, 500, { error: String(err) });
      else res.destroy();
    } finally {
      if (closedEarly && GENERATION_PATHS.has(pathOf(req))) state.clientAborts++;
    }
  });

  async function route(ex: Exchange, path: string, body: any, script: ReturnType<typeof parseScript>, headers: Record<string, string>) {
    const { res } = ex;
    const isOpenAI = path.startsWith('/v1/') || path === '/pooling';
    if (isOpenAI && opts.apiKey && headers['authorization'] !== `Bearer ${opts.apiKey}`) {
      return send(res, 401, openaiError(401, 'Incorrect API key provided.', 'invalid_api_key'));
    }
    switch (`${ex.req.method} ${path}`) {
      case 'GET /api/version':
        return send(res, 200, { version });
      case 'GET /api/tags':
        return send(res, 200, ollamaTags([...models]));
      case 'POST /api/show': {
        const model = String(body.model ?? body.name ?? '');
        if (!models.has(model)) return send(res, 404, ollamaNotFound(model));
        return send(res, 200, ollamaShow(model, opts.contextLength ?? 32768));
      }
      case 'POST /api/pull':
        return pull(ex, String(body.model ?? body.name ?? ''), body.stream !== false);
      case 'GET /v1/models':
        return send(res, 200, openaiModels([...models], opts.ownedBy));
      case 'POST /pooling':
        return pooling(ex, body);
    }
    if (!script) return send(res, 404, isOpenAI ? openaiError(404, `No route ${path}`, null) : { error: `404 page not found` });
    const base = 'base' in script ? script.base : script;
    if (!models.has(base.model)) {
      return 'base' in script
        ? send(res, 404, openaiError(404, `The model \`${base.model}\` does not exist or you do not have access to it.`, 'model_not_found'))
        : send(res, 404, ollamaNotFound(base.model));
    }
    if (opts.delayMs) await sleep(opts.delayMs);
    if ('base' in script) {
      const n = script.n;
      const replies: ScriptReply[] = [];
      for (let i = 0; i < n; i++) {
        const one = { ...base, seed: base.seed === undefined ? undefined : base.seed + i, choice: i };
        replies.push(normaliseReply(await opts.reply(one)));
      }
      const ems = replies.map((r) => emit(r, base.stop, base.maxTokens));
      const withLogprobs = base.logprobs && opts.logprobs !== false;
      await waitReply(replies[0]!);
      if (!base.stream) return sendSingle(ex, 'application/json', openaiSingle(script, ems, withLogprobs));
      return streamOut(ex, 'text/event-stream', openaiStream(script, ems, withLogprobs), replies[0]!.tokenDelayMs, 'sse');
    }
    const reply = normaliseReply(await opts.reply(base));
    const em = emit(reply, base.stop, base.maxTokens);
    const withLogprobs = base.logprobs && opts.logprobs !== false && versionAtLeast(version, OLLAMA_LOGPROBS_SINCE);
    await waitReply(reply);
    if (!base.stream) return sendSingle(ex, 'application/json; charset=utf-8', ollamaSingle(base, em, withLogprobs));
    return streamOut(ex, 'application/x-ndjson', ollamaStream(base, em, withLogprobs), reply.tokenDelayMs, 'ndjson');
  }

  async function pull(ex: Exchange, model: string, stream: boolean) {
    models.add(model);
    const lines = [{ status: 'pulling manifest' }, { status: 'pulling abc123', digest: 'sha256:abc123', total: 1000, completed: 1000 }, { status: 'verifying sha256 digest' }, { status: 'writing manifest' }, { status: 'success' }];
    if (!stream) return send(ex.res, 200, { status: 'success' });
    return streamOut(ex, 'application/x-ndjson', { chunks: lines.slice(0, -1).map((l) => JSON.stringify(l) + '\n'), final: [JSON.stringify(lines.at(-1)) + '\n'] }, 0, 'ndjson');
  }

  async function pooling(ex: Exchange, body: any) {
    state.poolingRequests.push(body);
    if (opts.delayMs) await sleep(opts.delayMs);
    const rows = opts.pooling ? opts.pooling({ model: body.model, messages: body.messages, input: body.input }) : defaultPoolingRows(body);
    const created = Math.floor(Date.now() / 1000);
    const promptTokens = Math.ceil(JSON.stringify(body.messages ?? body.input ?? '').length / 4);
    const payload = { id: 'pool-loopback', object: 'list', created, model: body.model, data: [{ index: 0, object: 'pooling', data: rows }], usage: { prompt_tokens: promptTokens, total_tokens: promptTokens, completion_tokens: 0, prompt_tokens_details: null } };
    return sendSingle(ex, 'application/json', JSON.stringify(payload));
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      state.url = `http://127.0.0.1:${port}`;
      state.openaiUrl = `${state.url}/v1`;
      resolve(state);
    });
  });
}

function pathOf(req: http.IncomingMessage): string {
  return (req.url ?? '/').split('?')[0]!;
}

function parseScript(path: string, body: any, headers: Record<string, string>) {
  if (!body || typeof body !== 'object') return undefined;
  if (path === '/api/chat') return parseOllamaRequest('ollama-chat', body, headers);
  if (path === '/api/generate') return parseOllamaRequest('ollama-generate', body, headers);
  if (path === '/v1/chat/completions') return parseOpenAIRequest('openai-chat', body, headers);
  if (path === '/v1/completions') return parseOpenAIRequest('openai-completions', body, headers);
  return undefined;
}

/** One [p_neg, p_pos] row per `<extra_0>` step separator in the assistant message (p_pos 0.8). */
function defaultPoolingRows(body: any): number[][] {
  const text = JSON.stringify(body.messages ?? body.input ?? '');
  const steps = text.split('<extra_0>').length - 1;
  return Array.from({ length: steps }, () => [0.2, 0.8]);
}

async function waitReply(reply: ScriptReply) {
  if (reply.delayMs) await sleep(reply.delayMs);
}

const INVALID = Symbol('invalid');

async function readJson(req: http.IncomingMessage): Promise<any> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return INVALID;
  }
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  const { status: _omit, ...rest } = (body ?? {}) as Record<string, unknown>;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(rest));
}

function sendFault(res: http.ServerResponse, path: string, fault: { status: number; retryAfter?: number; body?: string }) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
  if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
  const isOpenAI = path.startsWith('/v1/') || path === '/pooling';
  const message = `injected HTTP ${fault.status}`;
  const body = fault.body ?? JSON.stringify(isOpenAI ? { error: { message, type: 'server_error', param: null, code: null } } : { error: message });
  res.writeHead(fault.status, headers);
  res.end(body);
}

async function sendSingle(ex: Exchange, contentType: string, body: string) {
  const { res, fault } = ex;
  if (ex.closed()) return;
  if (fault === 'drop') return void res.socket?.destroy();
  if (fault === 'stall') return waitClosed(ex);
  res.writeHead(200, { 'Content-Type': contentType });
  res.end(fault === 'malformed' ? body.slice(0, Math.max(1, Math.floor(body.length / 2))) : body);
}

/** Streams chunks, honouring faults, per-token delays and a client that hangs up. */
async function streamOut(ex: Exchange, contentType: string, out: { chunks: string[]; final: string[] }, tokenDelayMs: number | undefined, framing: 'ndjson' | 'sse') {
  const { res, fault } = ex;
  res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-cache', ...(framing === 'sse' ? { Connection: 'keep-alive' } : {}) });
  res.flushHeaders();
  let corrupted = false;
  for (let i = 0; i < out.chunks.length; i++) {
    if (ex.closed()) return;
    if (i > 0 && tokenDelayMs) await sleep(tokenDelayMs);
    if (ex.closed()) return;
    const corrupt = fault === 'bad-utf8' && !corrupted ? withInvalidUtf8(out.chunks[i]!) : undefined;
    if (corrupt) res.write(corrupt), (corrupted = true);
    else if (fault === 'split-utf8') await writeByteByByte(ex, out.chunks[i]!);
    else res.write(out.chunks[i]);
    if (i === 0 && breaks(fault)) return breakStream(ex, fault!, framing);
  }
  if (out.chunks.length === 0 && breaks(fault)) return breakStream(ex, fault!, framing);
  if (fault !== 'no-done') for (const line of out.final) res.write(line);
  res.end();
}

async function breakStream(ex: Exchange, fault: Fault, framing: 'ndjson' | 'sse') {
  if (fault === 'drop') {
    await sleep(50); // let the client read the first chunk: the drop is mid-stream, not before it
    return void ex.res.socket?.destroy();
  }
  if (fault === 'stall') return waitClosed(ex);
  if (fault === 'malformed') {
    ex.res.write(framing === 'sse' ? 'data: {"id": "chatcmpl-x", "choices": [\n\n' : '{"model": "x", "message": {"content": \n');
    ex.res.end();
  }
}

function waitClosed(ex: Exchange): Promise<void> {
  return new Promise((resolve) => {
    if (ex.closed()) return resolve();
    ex.res.once('close', () => resolve());
  });
}

/** Faults that cut the stream after its first chunk. */
function breaks(fault: Fault | undefined): boolean {
  return fault === 'drop' || fault === 'stall' || fault === 'malformed';
}

const TEXT_KEYS = ['"content":"', '"response":"', '"text":"'];

/** The chunk with bytes that are not UTF-8 inside the first non-empty token text (still valid JSON framing). */
function withInvalidUtf8(chunk: string): Buffer | undefined {
  const bytes = Buffer.from(chunk, 'utf8');
  for (const key of TEXT_KEYS) {
    let at = chunk.indexOf(key);
    while (at >= 0 && chunk[at + key.length] === '"') at = chunk.indexOf(key, at + 1);
    if (at < 0) continue;
    const cut = Buffer.byteLength(chunk.slice(0, at + key.length), 'utf8');
    return Buffer.concat([bytes.subarray(0, cut), Buffer.from([0xff, 0xfe, 0xc3]), bytes.subarray(cut)]);
  }
  return undefined;
}

/** Every byte its own TCP write, so multi-byte characters arrive split across reads. */
async function writeByteByByte(ex: Exchange, chunk: string) {
  const bytes = Buffer.from(chunk, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    if (ex.closed()) return;
    ex.res.write(bytes.subarray(i, i + 1));
    if (bytes[i]! >= 0x80) await sleep(1); // a pause inside a character is what splits it across reads
  }
}
