/** Reading Node/undici network failures, which hide their code a few `cause`s deep. */

const REFUSED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

function codes(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 5) return [];
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown[] };
  const own = typeof e.code === 'string' ? [e.code] : [];
  return [...own, ...codes(e.cause, depth + 1), ...(e.errors ?? []).flatMap((x) => codes(x, depth + 1))];
}

/** Nothing listens there: the server is not running or the host is wrong. */
export function isConnectionRefused(err: unknown): boolean {
  return codes(err).some((c) => REFUSED.has(c));
}

/** The connection closed under us (before or during the response). */
export function isConnectionReset(err: unknown): boolean {
  if (codes(err).some((c) => RESET.has(c))) return true;
  const message = (err as Error | null)?.message ?? '';
  return message === 'terminated' || /other side closed|socket hang up/i.test(message);
}

/** undici's generic wrapper ("fetch failed") around any network failure. */
export function isFetchFailure(err: unknown): boolean {
  return err instanceof TypeError && /fetch failed/i.test(err.message);
}
