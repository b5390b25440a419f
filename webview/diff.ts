// A word diff of a step and its suggested correction. Formulas are single tokens: a changed formula is shown
// whole, removed and inserted, rather than as a diff of its LaTeX source.
import { segmentMath } from './segments';

export type DiffToken = { kind: 'text'; text: string } | { kind: 'math'; tex: string; display: boolean };
export interface DiffPart {
  op: 'same' | 'removed' | 'added';
  token: DiffToken;
}

export function diffTokens(text: string): DiffToken[] {
  const out: DiffToken[] = [];
  for (const seg of segmentMath(text)) {
    if (seg.kind === 'math') out.push(seg);
    else for (const w of seg.text.match(/\s+|[^\s]+/g) ?? []) out.push({ kind: 'text', text: w });
  }
  return out;
}

const key = (t: DiffToken) => (t.kind === 'text' ? (/^\s+$/.test(t.text) ? ' ' : t.text) : `${t.display ? '$$' : '$'}${t.tex}`);

/** Longest-common-subsequence diff of two token lists (steps are short; beyond 4,000×4,000 cells it gives up). */
export function wordDiff(before: string, after: string): { before: DiffPart[]; after: DiffPart[] } {
  const a = diffTokens(before);
  const b = diffTokens(after);
  if (a.length * b.length > 16_000_000) {
    return { before: a.map((token) => ({ op: 'removed', token })), after: b.map((token) => ({ op: 'added', token })) };
  }
  const ka = a.map(key);
  const kb = b.map(key);
  // lcs[i][j]: length of the LCS of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = ka[i] === kb[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const left: DiffPart[] = [];
  const right: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && ka[i] === kb[j]) {
      left.push({ op: 'same', token: a[i++] });
      right.push({ op: 'same', token: b[j++] });
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
      right.push({ op: 'added', token: b[j++] });
    } else {
      left.push({ op: 'removed', token: a[i++] });
    }
  }
  return { before: left, after: right };
}
