/** The provider factory: the only place that knows which class serves which kind. */
import { InvalidOptions } from '../errors';
import { OllamaProvider } from './ollama';
import { OpenAIProvider } from './openai';
import type { ModelProvider, ProviderOptions } from './provider';

export function createProvider(opts: ProviderOptions): ModelProvider {
  if (opts.baseUrl) {
    let url: URL;
    try {
      url = new URL(opts.baseUrl);
    } catch {
      throw new InvalidOptions(`The endpoint "${opts.baseUrl}" is not a URL; write it like http://127.0.0.1:11434.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidOptions(`The endpoint "${opts.baseUrl}" must start with http:// or https://.`);
  }
  if (opts.timeoutMs !== undefined && !(opts.timeoutMs > 0)) throw new InvalidOptions(`The timeout must be a positive number of milliseconds, not ${opts.timeoutMs}.`);
  switch (opts.kind) {
    case 'ollama':
      return new OllamaProvider(opts);
    case 'openai':
      return new OpenAIProvider(opts);
    default:
      throw new InvalidOptions(`Unknown provider "${String((opts as { kind?: unknown }).kind)}"; use "ollama" or "openai".`);
  }
}

export { OllamaProvider, OLLAMA_LOGPROBS_SINCE } from './ollama';
export { OpenAIProvider } from './openai';
export { PoolingClient, type PoolingClientOptions, type PoolingResult } from './pooling';
