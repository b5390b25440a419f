import type { Token } from './tokens';

/**
 * Evaluates one side of a claim: a closed grammar of numbers, + - * / ^, parentheses, percent, factorial,
 * \frac, \sqrt and \boxed. Values are intervals so a decimal written rounded (0.33 for 1/3) keeps its
 * precision. Anything outside the grammar, or ambiguous, yields `undefined`: the checker then says nothing.
 */
export interface Interval {
  lo: number;
  hi: number;
}

export interface Side {
  value: Interval;
  /** Operators and functions applied; 0 for a bare number such as `12` or `$36` or `25%`. */
  operations: number;
  /** A bare number as written: its value, decimals and percent sign. */
  literal?: { value: number; decimals: number; percent: boolean };
  /** The first number written, for run-on chains like `3 + 4 = 7 * 2 = 14`. */
  firstNumber?: number;
  /** A bare number with a unit word after it (`5 hours`). */
  hasUnit: boolean;
  hasPercent: boolean;
}

class Unreadable extends Error {}

const exact = (x: number): Interval => ({ lo: x, hi: x });

export function evaluateSide(tokens: readonly Token[]): Side | undefined {
  try {
    const parser = new SideParser(tokens);
    const value = parser.expression();
    if (parser.pos !== tokens.length) return undefined;
    if (parser.implicit && parser.slashes) return undefined; // 1/2(10): 0.05 or 5?
    if (!Number.isFinite(value.v.lo) || !Number.isFinite(value.v.hi)) return undefined;
    return {
      value: value.v,
      operations: parser.operations,
      literal: parser.operations === 0 ? parser.lastLiteral : undefined,
      firstNumber: parser.firstNumber,
      hasUnit: parser.units > 0,
      hasPercent: parser.percents > 0,
    };
  } catch (err) {
    if (err instanceof Unreadable) return undefined;
    throw err;
  }
}

interface Value {
  v: Interval;
  percent: boolean;
}

const PAIRS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

class SideParser {
  pos = 0;
  operations = 0;
  units = 0;
  percents = 0;
  implicit = false;
  slashes = false;
  firstNumber?: number;
  lastLiteral?: Side['literal'];

  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private take(): Token {
    const t = this.tokens[this.pos++];
    if (!t) throw new Unreadable();
    return t;
  }

  expression(): Value {
    let left = this.term();
    for (let t = this.peek(); t?.kind === 'op' && (t.op === '+' || t.op === '-'); t = this.peek()) {
      this.pos++;
      const right = this.term();
      // 80 + 10%: ambiguous (90 or 88)
      if (left.percent !== right.percent) throw new Unreadable();
      this.operations++;
      left = { v: t.op === '+' ? add(left.v, right.v) : sub(left.v, right.v), percent: left.percent };
    }
    return left;
  }

  private term(): Value {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t?.kind === 'op' && (t.op === '*' || t.op === '/')) {
        this.pos++;
        if (t.op === '/' && t.text !== '÷' && !t.text.startsWith('\\')) this.slashes = true;
        const right = this.unary();
        this.operations++;
        left = { v: t.op === '*' ? mul(left.v, right.v) : div(left.v, right.v), percent: false };
      } else if (t && ((!t.spaced && t.kind === 'open' && t.text !== '{') || (t.kind === 'sqrt' && (!t.spaced || t.text === '\\sqrt')))) {
        // Only glued brackets: "2(3 + 4)" multiplies, "0.20 (20 cents)" is an aside
        this.implicit = true;
        const right = this.unary();
        this.operations++;
        left = { v: mul(left.v, right.v), percent: false };
      } else {
        return left;
      }
    }
  }

  private unary(): Value {
    const t = this.peek();
    if (t?.kind === 'op' && (t.op === '-' || t.op === '+')) {
      this.pos++;
      const inner = this.unary();
      return t.op === '-' ? { v: { lo: -inner.v.hi, hi: -inner.v.lo }, percent: inner.percent } : inner;
    }
    const base = this.postfix();
    const caret = this.peek();
    if (caret?.kind === 'op' && caret.op === '^') {
      this.pos++;
      const exponent = this.unary();
      this.operations++;
      return { v: power(base.v, exponent.v), percent: false };
    }
    return base;
  }

  private postfix(): Value {
    let value = this.primary();
    for (let t = this.peek(); t; t = this.peek()) {
      if (t.kind === 'percent') {
        this.pos++;
        this.percents++;
        if (this.lastLiteral) this.lastLiteral = { ...this.lastLiteral, percent: true };
        value = { v: { lo: value.v.lo / 100, hi: value.v.hi / 100 }, percent: true };
      } else if (t.kind === 'fact') {
        this.pos++;
        this.operations++;
        value = { v: factorial(value.v), percent: false };
      } else if (t.kind === 'unit') {
        this.pos++;
        this.units++;
      } else {
        return value;
      }
    }
    return value;
  }

  private primary(): Value {
    const t = this.take();
    switch (t.kind) {
      case 'num': {
        const x = t.value!;
        const d = t.decimals!;
        this.firstNumber ??= x;
        this.lastLiteral = { value: x, decimals: d, percent: false };
        // Two or more decimals may be a rounded value (0.33, 3.14); one decimal (2.5) is taken as exact.
        const u = d >= 2 ? 0.5 * 10 ** -d : 0;
        return { v: { lo: x - u, hi: x + u }, percent: false };
      }
      case 'open':
        return this.group(t);
      case 'boxed':
        return this.group(this.take(), '{');
      case 'frac': {
        const num = this.group(this.take(), '{');
        const den = this.group(this.take(), '{');
        this.operations++;
        return { v: div(num.v, den.v), percent: false };
      }
      case 'sqrt': {
        this.operations++;
        let next = this.take();
        let degree = 2;
        if (next.text === '[') {
          const d = this.expression();
          if (this.take().text !== ']' || d.v.lo !== d.v.hi || !Number.isInteger(d.v.lo) || d.v.lo < 2) throw new Unreadable();
          degree = d.v.lo;
          next = this.take();
        }
        // √16 takes the number right after it; \sqrt needs braces or parentheses.
        const arg = t.text === '√' && next.kind === 'num' ? (this.pos--, this.primary()) : this.group(next);
        return { v: root(arg.v, degree), percent: false };
      }
      default:
        throw new Unreadable();
    }
  }

  /** A parenthesised or braced group; `open` is the token already taken. */
  private group(open: Token, only?: string): Value {
    if (open.kind !== 'open' || (only && open.text !== only)) throw new Unreadable();
    const inner = this.expression();
    const close = this.take();
    if (close.kind !== 'close' || close.text !== PAIRS[open.text]) throw new Unreadable();
    return inner;
  }
}

function add(a: Interval, b: Interval): Interval {
  return { lo: a.lo + b.lo, hi: a.hi + b.hi };
}
function sub(a: Interval, b: Interval): Interval {
  return { lo: a.lo - b.hi, hi: a.hi - b.lo };
}
function mul(a: Interval, b: Interval): Interval {
  const c = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
  return { lo: Math.min(...c), hi: Math.max(...c) };
}
function div(a: Interval, b: Interval): Interval {
  if (b.lo <= 0 && b.hi >= 0) throw new Unreadable();
  return mul(a, { lo: 1 / b.hi, hi: 1 / b.lo });
}
function power(base: Interval, e: Interval): Interval {
  if (e.lo !== e.hi) throw new Unreadable();
  const n = e.lo;
  if (!Number.isInteger(n) && base.lo < 0) throw new Unreadable();
  if (Math.abs(n) > 1000) throw new Unreadable();
  const c = [base.lo ** n, base.hi ** n];
  if (base.lo < 0 && base.hi > 0 && n > 0) c.push(0);
  return { lo: Math.min(...c), hi: Math.max(...c) };
}
function root(a: Interval, degree: number): Interval {
  if (a.lo < 0) throw new Unreadable();
  return { lo: a.lo ** (1 / degree), hi: a.hi ** (1 / degree) };
}
function factorial(a: Interval): Interval {
  if (a.lo !== a.hi || !Number.isInteger(a.lo) || a.lo < 0 || a.lo > 170) throw new Unreadable();
  let f = 1;
  for (let k = 2; k <= a.lo; k++) f *= k;
  return exact(f);
}
