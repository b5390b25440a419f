/**
 * Base URLs as users write them, read the way the `ollama` CLI reads OLLAMA_HOST (envconfig.Host): no scheme means
 * http://, no port means the provider's default port (80/443 when the scheme is written), and the listen-everywhere
 * addresses 0.0.0.0 / :: mean this machine.
 */
import { InvalidOptions } from '../errors';

const DEFAULT_PORT = { ollama: '11434', openai: '8000' } as const;

/** A full http(s) URL for `raw`, or an InvalidOptions naming `label` (the flag or setting it came from). */
export function normalizeBaseUrl(raw: string, kind: 'ollama' | 'openai', label: string): string {
  const text = raw.trim();
  const schemeAt = text.indexOf('://');
  const scheme = schemeAt >= 0 ? text.slice(0, schemeAt).toLowerCase() : 'http';
  if (scheme !== 'http' && scheme !== 'https') throw new InvalidOptions(`${label} ${raw}: the URL must start with http:// or https://.`);
  const rest = schemeAt >= 0 ? text.slice(schemeAt + 3) : text;
  const slash = rest.indexOf('/');
  let hostport = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash) : '';
  if (!hostport) throw new InvalidOptions(`${label} ${raw}: no host; write it like http://127.0.0.1:11434.`);
  if (!/:\d+$/.test(hostport.replace(/^\[[^\]]*\]/, ''))) {
    // No port: the scheme's port when the scheme was written, else the provider's usual port.
    if (schemeAt < 0) hostport += `:${DEFAULT_PORT[kind]}`;
  }
  let url: URL;
  try {
    url = new URL(`${scheme}://${hostport}${path}`);
  } catch {
    throw new InvalidOptions(`${label} ${raw}: not a URL; write it like http://127.0.0.1:11434.`);
  }
  // Error messages name the endpoint, so it must never carry a secret.
  if (url.username || url.password) {
    throw new InvalidOptions(`${label}: the endpoint ${url.origin} has credentials in it; remove them and give the API key through the environment (CLI) or Stepwise: Set API Key (VS Code).`);
  }
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  if (url.hostname === '[::]') url.hostname = '[::1]';
  return url.toString().replace(/\/+$/, '');
}
