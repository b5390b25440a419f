import { Ollama } from 'ollama';
import { Cancelled, ServerUnreachable, StepwiseError } from '../errors';
import { DEFAULT_OLLAMA_URL, type ProviderOptions } from './provider';

/** Pulls a model into Ollama, reporting progress (0..1 when known) and the server's status lines. */
export async function pullOllamaModel(
  opts: ProviderOptions,
  model: string,
  onProgress: (fraction: number | undefined, status: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const host = opts.baseUrl || DEFAULT_OLLAMA_URL;
  const client = new Ollama({ host, fetch: opts.fetch });
  const stream = await client.pull({ model, stream: true }).catch((err: unknown) => {
    if ((err as Error).message?.includes('fetch failed') || (err as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED') {
      throw new ServerUnreachable(host, 'ollama', err);
    }
    throw new StepwiseError('http-error', `Ollama could not pull ${model}: ${(err as Error).message}`, undefined, { cause: err });
  });
  const onAbort = () => stream.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const part of stream) {
      const fraction = part.total ? (part.completed ?? 0) / part.total : undefined;
      onProgress(fraction, part.status);
    }
  } catch (err) {
    if (signal?.aborted) throw new Cancelled();
    throw new StepwiseError('http-error', `Ollama could not pull ${model}: ${(err as Error).message}`, undefined, { cause: err });
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
