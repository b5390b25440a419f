/** The provider factory: the only place that knows which class serves which kind. */
import { InvalidOptions } from '../errors';
import { OllamaProvider } from './ollama';
import { OpenAIProvider } from './openai';
import type { ModelProvider, ProviderFactories, ProviderOptions } from './provider';

/** Where one role's model runs: a server Stepwise talks to, or the host's own models (kind `vscode`). */
export type ProviderSpec = ProviderOptions;
export type ModelRole = 'policy' | 'verifier';

/** `factories` are the host's providers (e.g. `vscode`); they win over the built-in ones for their kind. */
export function createProvider(opts: ProviderOptions, factories: ProviderFactories = {}): ModelProvider {
  const hosted = factories[opts.kind];
  if (hosted) return hosted(opts);
  if (opts.baseUrl) {
    let url: URL;
    try {
      url = new URL(opts.baseUrl);
    } catch {
      throw new InvalidOptions(`The endpoint "${opts.baseUrl}" is not a URL; write it like http://127.0.0.1:11434.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidOptions(`The endpoint "${opts.baseUrl}" must start with http:// or https://.`);
    // Error messages name the endpoint, so it must never carry a secret.
    if (url.username || url.password) {
      throw new InvalidOptions(`The endpoint ${url.origin} has credentials in it; remove them and give the API key through the environment (CLI) or Stepwise: Set API Key (VS Code).`);
    }
  }
  if (opts.timeoutMs !== undefined && !(opts.timeoutMs > 0)) throw new InvalidOptions(`The timeout must be a positive number of milliseconds, not ${opts.timeoutMs}.`);
  switch (opts.kind) {
    case 'ollama':
      return new OllamaProvider(opts);
    case 'openai':
      return new OpenAIProvider(opts);
    case 'vscode':
      throw new InvalidOptions('The "vscode" provider (the editor\'s language models) works only inside VS Code; use "ollama" or "openai" here.');
    default:
      throw new InvalidOptions(`Unknown provider "${String((opts as { kind?: unknown }).kind)}"; use ollama, openai or vscode.`);
  }
}

/**
 * A warning when problems and the API key would cross the network unencrypted: plain http:// to a host that is not
 * this machine. Undefined for https://, loopback (127.0.0.0/8, ::1, localhost) and URLs that do not parse.
 */
export function insecureEndpointWarning(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' || isLoopback(parsed.hostname)) return undefined;
  const host = parsed.host;
  return `The endpoint ${parsed.origin} is plain http://: Stepwise sends problems and the API key unencrypted to ${host}; use https:// or a server on this machine.`;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const mapped = /^::ffff:(.+)$/.exec(host)?.[1];
  const v4 = mapped ?? host;
  // WHATWG URL already normalises 127.1, 0x7f.0.0.1 and 2130706433 to dotted form.
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)) return true;
  // ::ffff:127.0.0.1 comes back as ::ffff:7f00:1.
  return mapped !== undefined && /^7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(mapped);
}

export { OllamaProvider, OLLAMA_LOGPROBS_SINCE } from './ollama';
export { OpenAIProvider } from './openai';
export { diagnoseEndpoint } from './diagnose';
export { normalizeBaseUrl } from './endpoint';
export { PoolingClient, type PoolingClientOptions, type PoolingResult } from './pooling';
