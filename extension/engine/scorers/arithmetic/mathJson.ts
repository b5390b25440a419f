// Numeric evaluation of the MathJSON compute-engine's parser gives (non-canonical form, which is ten times faster to
// get than the canonical one). Only plain algebra is understood; anything else is unreadable (undefined).

export type MathJson = number | string | { num: string } | MathJson[];

type Env = Readonly<Record<string, number>>;

const NAMED: Record<string, number> = { Pi: Math.PI, Half: 0.5 };

/** A function of the variables, or undefined when the expression uses anything beyond plain algebra. */
export function compileJson(json: MathJson): ((env: Env) => number) | undefined {
  if (typeof json === 'number') return () => json;
  if (typeof json === 'string') {
    if (json in NAMED) return () => NAMED[json]!;
    return /^[a-z]$/.test(json) ? (env) => env[json] ?? NaN : undefined;
  }
  if (!Array.isArray(json)) {
    const n = Number(json.num);
    return Number.isFinite(n) ? () => n : undefined;
  }
  const [head, ...args] = json;
  const parts = args.map((a) => compileJson(a));
  if (parts.some((p) => p === undefined)) return undefined;
  const f = parts as ((env: Env) => number)[];
  switch (head) {
    case 'Add':
      return (e) => f.reduce((s, g) => s + g(e), 0);
    case 'Multiply':
    case 'InvisibleOperator':
      return (e) => f.reduce((s, g) => s * g(e), 1);
    case 'Subtract':
      return f.length === 2 ? (e) => f[0]!(e) - f[1]!(e) : f.length === 1 ? (e) => -f[0]!(e) : undefined;
    case 'Negate':
      return f.length === 1 ? (e) => -f[0]!(e) : undefined;
    case 'Divide':
    case 'Rational':
      return f.length === 2 ? (e) => f[0]!(e) / f[1]!(e) : undefined;
    case 'Power':
      return f.length === 2 ? (e) => Math.pow(f[0]!(e), f[1]!(e)) : undefined;
    case 'Square':
      return f.length === 1 ? (e) => f[0]!(e) ** 2 : undefined;
    case 'Sqrt':
      return f.length === 1 ? (e) => Math.sqrt(f[0]!(e)) : undefined;
    case 'Root':
      return f.length === 2 ? (e) => rootOf(f[0]!(e), f[1]!(e)) : undefined;
    case 'Delimiter':
      return f.length === 1 ? f[0] : undefined;
    default:
      return undefined;
  }
}

function rootOf(x: number, n: number): number {
  if (x < 0 && Number.isInteger(n) && n % 2 === 1) return -Math.pow(-x, 1 / n);
  return Math.pow(x, 1 / n);
}
