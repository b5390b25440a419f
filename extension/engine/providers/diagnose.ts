/**
 * When a server answers but not as a model server (a web page, a wrong path), one sentence saying what answered and
 * the likely fix (/v1, the port), instead of the client's error with the page pasted in.
 */

const KIND = { ollama: "Ollama's API", openai: 'an OpenAI-compatible API' } as const;
const PORT_HINT = 'Check the port: Ollama listens on 11434 (http://127.0.0.1:11434), vLLM on 8000 (http://127.0.0.1:8000/v1).';

export interface DiagnoseOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Undefined when the server looks like the model API it should be (or cannot be reached: other errors say that). */
export async function diagnoseEndpoint(kind: 'ollama' | 'openai', baseUrl: string, opts: DiagnoseOptions = {}): Promise<string | undefined> {
  const base = baseUrl.replace(/\/+$/, '');
  const probe = kind === 'ollama' ? `${base}/api/tags` : `${base}/models`;
  const signals = [AbortSignal.timeout(opts.timeoutMs ?? 5_000), ...(opts.signal ? [opts.signal] : [])];
  let res: Response;
  let body: string;
  try {
    res = await (opts.fetch ?? globalThis.fetch)(probe, { signal: AbortSignal.any(signals), headers: { accept: 'application/json' } });
    body = await res.text();
  } catch {
    return undefined;
  }
  const type = res.headers.get('content-type') ?? '';
  const html = /html/i.test(type) || /^\s*</.test(body);
  const missingV1 = kind === 'openai' && !/\/v\d+$/.test(new URL(base).pathname);
  const v1Hint = `The base URL of an OpenAI-compatible server usually ends in /v1: try ${base}/v1.`;
  if (html) {
    const title = /<title[^>]*>([^<]{1,80})/i.exec(body)?.[1]?.trim();
    return `${base} answered with a web page${title ? ` ("${title}")` : ''} (HTTP ${res.status}), not ${KIND[kind]}. ${missingV1 ? v1Hint : PORT_HINT}`;
  }
  if (res.status === 404) {
    if (missingV1) return `${probe} answered HTTP 404: no OpenAI-compatible API there. ${v1Hint}`;
    if (kind === 'ollama') return `${probe} answered HTTP 404: that is not Ollama's API. For an OpenAI-compatible server use --provider openai (setting stepwise.provider) with its /v1 URL; else ${PORT_HINT.charAt(0).toLowerCase()}${PORT_HINT.slice(1)}`;
    return `${probe} answered HTTP 404: no OpenAI-compatible API there. ${PORT_HINT}`;
  }
  if (res.ok && !looksLikeJson(body)) return `${base} answered something that is not JSON (HTTP ${res.status}), not ${KIND[kind]}. ${missingV1 ? v1Hint : PORT_HINT}`;
  return undefined;
}

function looksLikeJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}
