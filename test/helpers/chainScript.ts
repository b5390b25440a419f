import type { ScriptReply, ScriptRequest } from '../servers/modelServer';

/**
 * Chain problems ("Start with 7. Add 3, then multiply the result by 2, ...") and a scripted policy that continues any
 * partial solution one step at a time and slips (adds 1 to 3 to a result) at a steady rate, decided by the request's
 * seed. From a correct prefix some rollouts reach the answer; from a wrong one, none does.
 */
export interface ChainProblem {
  text: string;
  start: number;
  ops: { sign: '+' | '-' | '*'; n: number }[];
  answer: number;
}

const WORDS = { '+': 'add', '-': 'subtract', '*': 'multiply the result by' } as const;

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const apply = (v: number, op: ChainProblem['ops'][number]) => (op.sign === '+' ? v + op.n : op.sign === '-' ? v - op.n : v * op.n);

export function chainProblems(count: number, seed: number, length = 6): ChainProblem[] {
  const rnd = random(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  return Array.from({ length: count }, (_, i) => {
    const start = int(2, 19);
    const ops = Array.from({ length }, (_, k) => {
      const sign = (['+', '-', '*'] as const)[(int(0, 2) + k) % 3]!;
      return { sign, n: sign === '*' ? int(2, 3) : int(2, 30) };
    });
    const clauses = ops.map((op) => `${WORDS[op.sign]} ${op.n}`).join(', then ');
    const text = `Puzzle ${i + 1}: start with ${start}. Then ${clauses}. What number do you end with?`;
    return { text, start, ops, answer: ops.reduce(apply, start) };
  });
}

function stepText(k: number, before: number, op: ChainProblem['ops'][number], after: number, last: boolean): string {
  const sym = op.sign === '*' ? '\\times' : op.sign;
  return `## Step ${k + 1}: $${before} ${sym} ${op.n} = ${after}$.${last ? ` The answer is $\\boxed{${after}}$.` : ''}`;
}

/** The solution's steps; with `slipAt`, step `slipAt` adds `slipBy` to its result and the rest follow on from it. */
export function chainSolution(p: ChainProblem, slipAt?: number, slipBy = 2): string[] {
  let v = p.start;
  return p.ops.map((op, k) => {
    const next = apply(v, op) + (k === slipAt ? slipBy : 0);
    const text = stepText(k, v, op, next, k === p.ops.length - 1);
    v = next;
    return text;
  });
}

export function chainDocument(p: ChainProblem, steps: readonly string[], answerLine?: string): string {
  return `## Problem\n${p.text}\n${answerLine ? `\nAnswer: ${answerLine}\n` : ''}\n## Solution\n${steps.join('\n\n')}\n`;
}

/** The scripted policy: the next step after the prefix in the request, slipping with probability `slipRate`. */
export function chainPolicy(problems: readonly ChainProblem[], slipRate: number) {
  return (req: ScriptRequest): ScriptReply => {
    const user = req.messages.find((m) => m.role === 'user')?.content ?? '';
    const p = problems.find((q) => user.includes(q.text));
    if (!p) return { text: 'I do not know this problem.' };
    const last = req.messages.at(-1)!;
    const prefix = last.role === 'assistant' ? last.content.split('\n\n').filter((s) => s.trim()) : [];
    const k = prefix.length;
    const v = k === 0 ? p.start : Number(/= (-?\d+)\$/.exec(prefix[k - 1]!)?.[1] ?? NaN);
    if (k >= p.ops.length) return { text: `The answer is $\\boxed{${v}}$.` };
    const u = random((req.seed ?? 0) * 7 + 13)();
    const slip = u < slipRate ? 1 + Math.floor(u * 1000) % 3 : 0;
    const next = apply(v, p.ops[k]!) + slip;
    return { text: stepText(k, v, p.ops[k]!, next, k === p.ops.length - 1) };
  };
}
