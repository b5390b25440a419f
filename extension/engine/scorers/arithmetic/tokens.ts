/**
 * Tokens of a step, plain text and inline LaTeX alike, each with its range in the step text.
 * Anything the checker does not understand becomes an `other` token, which ends a claim.
 */
export type TokenKind =
  | 'num' // 18, 4,000, 2.5, .5
  | 'op' // + - * / ^ (from ×, ·, \times, \cdot, ÷, \div, −, a spaced x, "times", "of" after a percent or fraction)
  | 'open' // ( [ { \left(
  | 'close'
  | 'percent' // % \%
  | 'fact' // 5! (only when it reads as a factorial)
  | 'frac' // \frac \dfrac \tfrac
  | 'sqrt' // \sqrt √ sqrt
  | 'boxed' // \boxed: transparent
  | 'eq' // =
  | 'approx' // ≈ \approx
  | 'word' // letters; `\text{...}` contents
  | 'unit' // a word marked as the unit of the number before it, or a degree sign
  | 'ellipsis' // ... \ldots \cdots
  | 'punct' // , ; : . ? !
  | 'sep' // math delimiters \( \) \[ \], =>, \implies, markdown **
  | 'other';

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  /** Whitespace (or nothing at all, at the start) precedes the token. */
  spaced: boolean;
  /** For `num`: value and decimals written; for `op`: the normalised operator. */
  value?: number;
  decimals?: number;
  op?: '+' | '-' | '*' | '/' | '^';
}

const NUMBER = /(?:\d{1,3}(?:(?:,|\{,\})\d{3})+(?!\d|,\d)|\d+)(?:\.\d+)?|\.\d+/y;
// "eggs/person/day" is one word: a rate written as a unit
const WORD = /[A-Za-z]+(?:\/[A-Za-z]+)*/y;
const DEGREES = /\^\s*(?:\\circ|\{\s*\\circ\s*\})/y;
const SPACE = /\s/;

// LaTeX commands mapped to a token kind (op carries its operator).
const COMMANDS: Record<string, Partial<Token> & { kind: TokenKind }> = {
  times: { kind: 'op', op: '*' },
  cdot: { kind: 'op', op: '*' },
  ast: { kind: 'op', op: '*' },
  div: { kind: 'op', op: '/' },
  frac: { kind: 'frac' },
  dfrac: { kind: 'frac' },
  tfrac: { kind: 'frac' },
  sqrt: { kind: 'sqrt' },
  boxed: { kind: 'boxed' },
  approx: { kind: 'approx' },
  '%': { kind: 'percent' },
  ldots: { kind: 'ellipsis' },
  cdots: { kind: 'ellipsis' },
  dots: { kind: 'ellipsis' },
  implies: { kind: 'sep' },
  Rightarrow: { kind: 'sep' },
  Longrightarrow: { kind: 'sep' },
  therefore: { kind: 'sep' },
  quad: { kind: 'sep' },
  qquad: { kind: 'sep' },
};
// Commands that only change spacing or size: skipped.
const INVISIBLE = new Set(['left', 'right', 'big', 'Big', 'bigl', 'bigr', 'Bigl', 'Bigr', 'displaystyle', 'textstyle', ',', ';', ':', '!', ' ', '$']);
// Commands whose braced argument is prose (units, words).
const TEXTLIKE = new Set(['text', 'textrm', 'mathrm', 'mbox', 'textit', 'textbf', 'mathbf', 'operatorname']);

/** Splits a step into tokens. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let spaced = true;
  const push = (t: Omit<Token, 'spaced'>) => {
    // One object shape for every token keeps this loop fast (spreads made it 100x slower).
    tokens.push({ kind: t.kind, text: t.text, start: t.start, end: t.end, spaced, value: t.value, decimals: t.decimals, op: t.op });
    spaced = false;
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === ' ' || ch === '~' || SPACE.test(ch)) {
      spaced = true;
      i++;
      continue;
    }
    if (ch === '$' || ch === '€' || ch === '£') {
      // Currency and inline-math delimiters alike: "$12 + $3 = $15" must read as 12 + 3 = 15.
      i++;
      continue;
    }
    NUMBER.lastIndex = i;
    const num = ch >= '0' && ch <= '9' || ch === '.' ? NUMBER.exec(src) : null;
    if (num) {
      const text = num[0];
      const plain = text.replace(/\{,\}|,/g, '');
      const dot = plain.indexOf('.');
      push({ kind: 'num', text, start: i, end: i + text.length, value: Number(plain), decimals: dot < 0 ? 0 : plain.length - dot - 1 });
      i += text.length;
      continue;
    }
    DEGREES.lastIndex = i;
    const degrees = ch === '^' ? DEGREES.exec(src) : null;
    if (degrees) {
      push({ kind: 'unit', text: degrees[0], start: i, end: i + degrees[0].length });
      i += degrees[0].length;
      continue;
    }
    if (ch === '\\') {
      i = readCommand(src, i, push, () => (spaced = true));
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(src);
    if (word) {
      const w = word[0];
      const kind: TokenKind = w === 'sqrt' ? 'sqrt' : 'word';
      push({ kind, text: w, start: i, end: i + w.length });
      i += w.length;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '**' || two === '=>' || two === '->') {
      push({ kind: 'sep', text: two, start: i, end: i + 2 });
      i += 2;
      continue;
    }
    if (two === '==' || two === '<=' || two === '>=' || two === '!=' || two === '=<') {
      push({ kind: 'other', text: two, start: i, end: i + 2 });
      i += 2;
      continue;
    }
    if (src.startsWith('...', i) || ch === '…') {
      const len = ch === '…' ? 1 : 3;
      push({ kind: 'ellipsis', text: src.slice(i, i + len), start: i, end: i + len });
      i += len;
      continue;
    }
    const sym = symbol(ch);
    push({ kind: sym.kind, op: sym.op, text: ch, start: i, end: i + 1 });
    i++;
  }
  return tokens;
}

function symbol(ch: string): Pick<Token, 'kind' | 'op'> {
  switch (ch) {
    case '+': return { kind: 'op', op: '+' };
    case '-': case '−': return { kind: 'op', op: '-' };
    case '*': case '×': case '·': case '∗': case '⋅': return { kind: 'op', op: '*' };
    case '/': case '÷': return { kind: 'op', op: '/' };
    case '^': return { kind: 'op', op: '^' };
    case '(': case '[': case '{': return { kind: 'open' };
    case ')': case ']': case '}': return { kind: 'close' };
    case '%': return { kind: 'percent' };
    case '=': return { kind: 'eq' };
    case '≈': return { kind: 'approx' };
    case '√': return { kind: 'sqrt' };
    case '°': return { kind: 'unit' };
    case '⇒': case '→': return { kind: 'sep' };
    case ',': case ';': case ':': case '.': case '?': case '!': return { kind: 'punct' };
    default: return { kind: 'other' };
  }
}

/** Reads one LaTeX command at `i` (a backslash); returns the index after it. */
function readCommand(src: string, i: number, push: (t: Omit<Token, 'spaced'>) => void, space: () => void): number {
  const next = src[i + 1] ?? '';
  if (next === '(' || next === ')' || next === '[' || next === ']') {
    push({ kind: 'sep', text: src.slice(i, i + 2), start: i, end: i + 2 });
    return i + 2;
  }
  if (next === '{' || next === '}' || next === '|' || next === '_' || next === '#' || next === '&') {
    push({ kind: 'other', text: src.slice(i, i + 2), start: i, end: i + 2 });
    return i + 2;
  }
  if (next === '%') {
    push({ kind: 'percent', text: '\\%', start: i, end: i + 2 });
    return i + 2;
  }
  const name = /^[A-Za-z]+/.exec(src.slice(i + 1, i + 40))?.[0] ?? next;
  const end = i + 1 + name.length;
  if ((name === 'left' || name === 'right') && /[([{)\]}]/.test(src[end] ?? '')) {
    // \left( reads as one bracket
    const sym = symbol(src[end]!);
    push({ kind: sym.kind, op: sym.op, text: src[end]!, start: i, end: end + 1 });
    return end + 1;
  }
  if (INVISIBLE.has(name)) {
    if (name !== 'left' && name !== 'right' && !name.startsWith('b') && !name.startsWith('B')) space();
    // `\left.` and `\right.` are invisible delimiters.
    return (name === 'left' || name === 'right') && src[end] === '.' ? end + 1 : end;
  }
  if (TEXTLIKE.has(name) && src[end] === '{') {
    const close = src.indexOf('}', end);
    if (close < 0) {
      push({ kind: 'other', text: src.slice(i, end), start: i, end });
      return end;
    }
    // Words inside \text{...} read like prose; anything else in there ends a claim.
    space();
    const inner = src.slice(end + 1, close);
    const re = /[A-Za-z]+(?:\/[A-Za-z]+)*|\S/g;
    for (let m = re.exec(inner); m; m = re.exec(inner)) {
      const at = end + 1 + m.index;
      const isWord = /[A-Za-z]/.test(m[0][0]!);
      if (at > end + 1 && /\s/.test(inner[m.index - 1] ?? '')) space();
      push({ kind: isWord ? 'word' : m[0] === '$' ? 'sep' : 'other', text: m[0], start: at, end: at + m[0].length });
    }
    space();
    return close + 1;
  }
  if (name === 'circ') {
    push({ kind: 'unit', text: '\\circ', start: i, end });
    return end;
  }
  const known = COMMANDS[name];
  push({ kind: known?.kind ?? 'other', op: known?.op, text: src.slice(i, end), start: i, end });
  return end;
}
