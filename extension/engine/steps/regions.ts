// Finds the spans that must never be cut by a blank line: display math ($$…$$, \[…\],
// \begin{env}…\end{env}) and fenced code blocks. One left-to-right pass; an opener whose
// closer never appears later is treated as plain text, so a stray `$$` cannot swallow the rest.

export type RegionKind = 'math' | 'fence';

export interface Region {
  kind: RegionKind;
  /** Offset of the opener's first character. */
  start: number;
  /** Offset just past the closer. */
  end: number;
}

/** Every protected region of `text`, in order, not overlapping. Linear in the text length. */
export function findRegions(text: string): Region[] {
  const tokens = tokenize(text);
  const dollars = new Cursor(tokens.filter((t) => t.kind === '$$').map((t) => t.at));
  const bracketOpens = new Cursor(tokens.filter((t) => t.kind === '\\[').map((t) => t.at));
  const bracketCloses = new Cursor(tokens.filter((t) => t.kind === '\\]').map((t) => t.at));
  const envEnds = matchEnvironments(tokens);
  const fenceCloses = matchFences(tokens);

  const regions: Region[] = [];
  let after = 0; // tokens before this offset lie inside a region already taken
  for (const token of tokens) {
    if (token.at < after) continue;
    let end = -1;
    if (token.kind === 'fence') {
      end = fenceCloses.get(token.at) ?? -1;
    } else if (token.kind === '$$') {
      const close = dollars.firstAfter(token.at);
      end = close < 0 ? -1 : close + 2;
    } else if (token.kind === '\\[') {
      const close = bracketCloses.firstAfter(token.at);
      // `\[` never nests: another opener before the closer means this one was left open.
      const reopen = bracketOpens.firstAfter(token.at);
      end = close >= 0 && (reopen < 0 || reopen > close) ? close + 2 : -1;
    } else if (token.kind === 'begin') {
      end = envEnds.get(token.at) ?? -1;
    }
    if (end < 0) continue;
    regions.push({ kind: token.kind === 'fence' ? 'fence' : 'math', start: token.at + (token.indent ?? 0), end });
    after = end;
  }
  return regions;
}

interface Token {
  kind: 'fence' | '$$' | '\\[' | '\\]' | 'begin' | 'end';
  at: number;
  /** Environment name, or the fence marker (```` ``` ````, `~~~~`). */
  name?: string;
  indent?: number;
  /** For a fence line: offset past the marker line's last non-space character. */
  lineEnd?: number;
}

/** Sorted offsets, queried with ever-increasing positions: amortised O(1) per query. */
class Cursor {
  private next = 0;
  constructor(private readonly offsets: number[]) {}
  firstAfter(position: number): number {
    while (this.next < this.offsets.length && this.offsets[this.next] <= position) this.next++;
    return this.next < this.offsets.length ? this.offsets[this.next] : -1;
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let lineStart = true;
  for (let i = 0; i < n; ) {
    if (lineStart) {
      lineStart = false;
      const fence = matchFenceAt(text, i);
      if (fence) {
        const newline = text.indexOf('\n', i);
        const lineEnd = newline < 0 ? n : newline;
        tokens.push({ kind: 'fence', at: i, name: fence.marker, indent: fence.indent, lineEnd: rtrimEnd(text, i, lineEnd) });
        i = lineEnd; // a fence line holds no math
        continue;
      }
    }
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      lineStart = true;
      i++;
    } else if (c === 92 /* \ */) {
      const next = text[i + 1];
      if (next === '[') tokens.push({ kind: '\\[', at: i });
      else if (next === ']') tokens.push({ kind: '\\]', at: i });
      else if ((next === 'b' || next === 'e') && (text.startsWith('\\begin{', i) || text.startsWith('\\end{', i))) {
        const nameStart = i + (next === 'b' ? 7 : 5);
        const nameEnd = text.indexOf('}', nameStart);
        if (nameEnd > 0 && nameEnd - nameStart < 32) {
          tokens.push({ kind: next === 'b' ? 'begin' : 'end', at: i, name: text.slice(nameStart, nameEnd) });
          i = nameEnd + 1;
          continue;
        }
      }
      // `\\` is a LaTeX line break (so `\\[2pt]` opens nothing), `\$` an escaped dollar.
      i += 2;
    } else if (c === 36 /* $ */ && text.charCodeAt(i + 1) === 36) {
      tokens.push({ kind: '$$', at: i });
      i += 2;
    } else {
      i++;
    }
  }
  return tokens;
}

/** `\begin{x}` offset → end of its matching `\end{x}`; the innermost begin wins when one is left open. */
function matchEnvironments(tokens: Token[]): Map<number, number> {
  const open = new Map<string, Token[]>();
  const ends = new Map<number, number>();
  for (const token of tokens) {
    if (token.kind !== 'begin' && token.kind !== 'end') continue;
    const name = token.name as string;
    const stack = open.get(name) ?? [];
    open.set(name, stack);
    if (token.kind === 'begin') stack.push(token);
    else {
      const begin = stack.pop();
      if (begin) ends.set(begin.at, token.at + 6 + name.length);
    }
  }
  return ends;
}

/** Fence line offset → end of its closing fence line (same character, at least as long). */
function matchFences(tokens: Token[]): Map<number, number> {
  const closes = new Map<number, number>();
  let open: Token | null = null;
  for (const token of tokens) {
    if (token.kind !== 'fence') continue;
    const marker = token.name as string;
    if (!open) open = token;
    else if (marker[0] === (open.name as string)[0] && marker.length >= (open.name as string).length) {
      closes.set(open.at, token.lineEnd as number);
      open = null;
    }
  }
  return closes;
}

const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})/;

interface Fence {
  indent: number;
  marker: string;
}

function matchFenceAt(text: string, at: number): Fence | null {
  const first = text.charCodeAt(at);
  // Cheap rejection before the regex: a fence line starts with a space, ` or ~.
  if (first !== 32 && first !== 96 && first !== 126) return null;
  const m = FENCE_LINE.exec(text.slice(at, at + 64));
  if (!m) return null;
  return { indent: m[0].length - m[1].length, marker: m[1] };
}

function rtrimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}
