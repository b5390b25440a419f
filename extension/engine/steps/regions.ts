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

const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})/;

/** Every protected region of `text`, in order, not overlapping. */
export function findRegions(text: string): Region[] {
  const regions: Region[] = [];
  const lastIndex = new Map<string, number>();
  // Whether `closer` occurs at or after `from`: lastIndexOf once per closer keeps the scan linear.
  const closerAfter = (closer: string, from: number): boolean => {
    let last = lastIndex.get(closer);
    if (last === undefined) {
      last = text.lastIndexOf(closer);
      lastIndex.set(closer, last);
    }
    return last >= from;
  };

  let i = 0;
  const n = text.length;
  let lineStart = true;
  while (i < n) {
    if (lineStart) {
      const fence = matchFenceAt(text, i);
      if (fence) {
        const close = findFenceClose(text, i, fence);
        if (close !== null) {
          regions.push({ kind: 'fence', start: i + fence.indent, end: close });
          i = close;
          lineStart = false;
          continue;
        }
      }
    }
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      lineStart = true;
      i++;
      continue;
    }
    lineStart = false;
    if (c === 92 /* \ */) {
      const next = text[i + 1];
      if (next === '\\') {
        i += 2; // `\\` is a LaTeX line break, so `\\[2pt]` opens nothing
        continue;
      }
      if (next === '[' && closerAfter('\\]', i + 2)) {
        const close = findUnescaped(text, '\\]', i + 2);
        if (close >= 0) {
          regions.push({ kind: 'math', start: i, end: close + 2 });
          i = close + 2;
          continue;
        }
      }
      if (next === 'b' && text.startsWith('\\begin{', i)) {
        const nameEnd = text.indexOf('}', i + 7);
        if (nameEnd > 0 && nameEnd - i < 40) {
          const name = text.slice(i + 7, nameEnd);
          const end = closerAfter(`\\end{${name}}`, nameEnd) ? findEnvEnd(text, name, nameEnd + 1) : -1;
          if (end >= 0) {
            regions.push({ kind: 'math', start: i, end });
            i = end;
            continue;
          }
        }
      }
      i += 2; // an escaped character (`\$`, `\]`, ...) is never an opener
      continue;
    }
    if (c === 36 /* $ */ && text.charCodeAt(i + 1) === 36 && closerAfter('$$', i + 2)) {
      const close = text.indexOf('$$', i + 2);
      if (close >= 0) {
        regions.push({ kind: 'math', start: i, end: close + 2 });
        i = close + 2;
        continue;
      }
    }
    i++;
  }
  return regions;
}

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

/** Offset just past the closing fence line's marker, or null when the fence is never closed. */
function findFenceClose(text: string, openAt: number, fence: Fence): number | null {
  let lineStart = text.indexOf('\n', openAt);
  while (lineStart >= 0) {
    lineStart++;
    const close = matchFenceAt(text, lineStart);
    if (close && close.marker[0] === fence.marker[0] && close.marker.length >= fence.marker.length) {
      const lineEnd = text.indexOf('\n', lineStart);
      const end = lineEnd < 0 ? text.length : lineEnd;
      return rtrimEnd(text, lineStart, end);
    }
    lineStart = text.indexOf('\n', lineStart);
  }
  return null;
}

function rtrimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

function findUnescaped(text: string, needle: string, from: number): number {
  let at = text.indexOf(needle, from);
  while (at > 0 && isEscaped(text, at)) at = text.indexOf(needle, at + 1);
  return at;
}

/** True when the backslash at `at` is itself the second half of `\\`. */
function isEscaped(text: string, at: number): boolean {
  let slashes = 0;
  for (let k = at - 1; k >= 0 && text[k] === '\\'; k--) slashes++;
  return slashes % 2 === 1;
}

/** End offset of the `\end{name}` matching an already-open `\begin{name}`, nesting included. */
function findEnvEnd(text: string, name: string, from: number): number {
  const open = `\\begin{${name}}`;
  const close = `\\end{${name}}`;
  let depth = 1;
  let at = from;
  while (depth > 0) {
    const nextClose = text.indexOf(close, at);
    if (nextClose < 0) return -1;
    const nextOpen = text.indexOf(open, at);
    if (nextOpen >= 0 && nextOpen < nextClose) {
      depth++;
      at = nextOpen + open.length;
    } else {
      depth--;
      at = nextClose + close.length;
    }
  }
  return at;
}
