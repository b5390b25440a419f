/** Scripted replies for the loopback model server: tokenising, stop sequences, judge verdicts. */

export interface ScriptToken { token: string; logprob: number; top?: { token: string; logprob: number }[] }
export interface ScriptReply {
  text: string;
  /** Tokens to emit; when given they win over `text` (their concatenation is the reply). */
  tokens?: ScriptToken[];
  /** Delay before the first token of this reply. */
  delayMs?: number;
  /** Delay between streamed tokens (lets tests cancel mid-stream). */
  tokenDelayMs?: number;
}

export type FinishReason = 'stop' | 'length';

export interface Emission {
  tokens: ScriptToken[];
  text: string;
  finish: FinishReason;
}

/** Words (with their leading space), punctuation and runs of whitespace, like a BPE tokenizer would roughly. */
export function tokensOf(text: string): ScriptToken[] {
  const pieces = text.match(/ ?\w+| ?[^\w\s]|\s+/gu) ?? [];
  return pieces.map((token) => ({ token, logprob: -0.05 }));
}

/**
 * A judge's first token ("Yes" or "No") whose top logprobs spread P(yes)=pYes over the variants
 * Yes / yes / " Yes" and No / no / " No", so a scorer that sums the variants recovers pYes exactly.
 */
export function judgeReply(pYes: number, word: 'Yes' | 'yes' = 'Yes'): ScriptReply {
  if (!(pYes >= 0 && pYes <= 1)) throw new Error(`judgeReply: pYes ${pYes} is not a probability`);
  const lower = word === 'yes';
  const variants: [string, number][] = [
    [lower ? 'yes' : 'Yes', 0.85 * pYes],
    [lower ? 'Yes' : 'yes', 0.1 * pYes],
    [' Yes', 0.05 * pYes],
    [lower ? 'no' : 'No', 0.85 * (1 - pYes)],
    [lower ? 'No' : 'no', 0.1 * (1 - pYes)],
    [' No', 0.05 * (1 - pYes)],
  ];
  const top = variants
    .filter(([, p]) => p > 0)
    .map(([token, p]) => ({ token, logprob: Math.log(p) }))
    .sort((a, b) => b.logprob - a.logprob);
  const chosen = top[0]!;
  return { text: chosen.token, tokens: [{ token: chosen.token, logprob: chosen.logprob, top }] };
}

export function normaliseReply(reply: ScriptReply | string): ScriptReply {
  return typeof reply === 'string' ? { text: reply } : reply;
}

/** What a real server would emit: cut at the first stop string (excluded) and after maxTokens tokens. */
export function emit(reply: ScriptReply, stop: string[], maxTokens?: number): Emission {
  const all = reply.tokens ?? tokensOf(reply.text);
  const full = all.map((t) => t.token).join('');
  const stopAt = Math.min(...stop.filter((s) => s.length > 0).map((s) => full.indexOf(s)).filter((i) => i >= 0), Infinity);
  const tokens: ScriptToken[] = [];
  let offset = 0;
  for (const tok of all) {
    if (maxTokens !== undefined && maxTokens >= 0 && tokens.length >= maxTokens) return done(tokens, 'length');
    if (offset + tok.token.length > stopAt) {
      const head = tok.token.slice(0, Math.max(0, stopAt - offset));
      if (head) tokens.push({ ...tok, token: head });
      return done(tokens, 'stop');
    }
    tokens.push(tok);
    offset += tok.token.length;
  }
  return done(tokens, 'stop');
}

function done(tokens: ScriptToken[], finish: FinishReason): Emission {
  return { tokens, text: tokens.map((t) => t.token).join(''), finish };
}

/** The alternatives reported for a token, at most k; the chosen token alone when the script gave none. */
export function topOf(tok: ScriptToken, k: number): { token: string; logprob: number }[] {
  const top = tok.top ?? [{ token: tok.token, logprob: tok.logprob }];
  return top.slice(0, Math.max(0, k));
}

export function approxTokenCount(text: string): number {
  return Math.ceil(text.length / 4);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
