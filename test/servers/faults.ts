/** Fault injection for the loopback model server: one hook, called for every request. */
import type { ScriptRequest } from './types';

export interface FaultRequest {
  method: string;
  path: string;
  body: unknown;
  /** How many requests this path has received, this one included (1 = first). */
  attempt: number;
  /** The parsed generation request, for generation routes. */
  script?: ScriptRequest;
}

/**
 * - 'reset': close the socket before any response byte (a connection reset).
 * - 'drop': send the first streamed chunk, then close the socket mid-stream.
 * - 'stall': send the first chunk (streams) or nothing, then go silent until the client gives up.
 * - 'malformed': send the first chunk, then a line that is not JSON.
 * - 'no-done': stream every token but end without the final done chunk / [DONE].
 * - 'bad-utf8': stream normally, but the first token's text carries bytes that are not UTF-8 (0xFF 0xFE, a lone 0xC3).
 * - 'split-utf8': stream normally, but write every chunk one byte at a time, splitting multi-byte characters.
 * - { status }: answer that HTTP status (with `Retry-After: retryAfter` seconds and `body` when given).
 */
export type Fault =
  | 'reset'
  | 'drop'
  | 'stall'
  | 'malformed'
  | 'no-done'
  | 'bad-utf8'
  | 'split-utf8'
  | { status: number; retryAfter?: number; body?: string };

export type FaultHook = (req: FaultRequest) => Fault | undefined;

/** Fault on the first `times` generation requests only, then behave. */
export function failFirst(times: number, fault: Fault): FaultHook {
  let seen = 0;
  return (req) => (req.script && ++seen <= times ? fault : undefined);
}
