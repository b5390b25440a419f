// The `Stepwise` output channel, and a fetch that logs every model request at debug level (never headers or keys).
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Stepwise', { log: true });
  return channel;
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}

/** Strips credentials and query strings from a URL before it reaches the log. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    return u.toString();
  } catch {
    return '(unparsable url)';
  }
}

export const loggingFetch: typeof fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
  const method = init?.method ?? (typeof input === 'object' && 'method' in input ? input.method : 'GET');
  const started = Date.now();
  const out = log();
  out.debug(`→ ${method} ${redactUrl(url)}`);
  try {
    const response = await fetch(input, init);
    out.debug(`← ${response.status} ${method} ${redactUrl(url)} (${Date.now() - started} ms to headers)`);
    return response;
  } catch (err) {
    out.debug(`✗ ${method} ${redactUrl(url)} after ${Date.now() - started} ms: ${(err as Error)?.name ?? 'error'}`);
    throw err;
  }
};
