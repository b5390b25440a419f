// The LaTeX math of a step, cut into the relation chains it states (`a = b = c`), with offsets into the step.
// Only what is written inside math delimiters is read: prose is the arithmetic checker's business.

export interface MathChain {
  /** The sides, as LaTeX, with their offsets in the step. */
  sides: { latex: string; start: number; end: number }[];
  /** Where the chain starts and ends in the step. */
  start: number;
  end: number;
  /** Prose (and math) between the previous chain's end and this chain's start. */
  before: string;
}

const DISPLAY = /\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|\\begin\{(align\*?|aligned|equation\*?|gather\*?)\}([\s\S]+?)\\end\{\4\}|(?<![\\$])\$([^$\n]+?)\$(?!\d)/g;

/** Cuts between statements: `\implies`, `\quad`, `\text{...}`, commas and semicolons at the top level, line breaks. */
const CUT_WORDS = /\\(?:implies|Rightarrow|Longrightarrow|iff|Leftrightarrow|therefore|because|quad|qquad|text|textbf|mathrm|mbox)\b|\\\\|\n/y;

export function mathChains(step: string): MathChain[] {
  const chains: MathChain[] = [];
  let last = 0;
  for (const m of step.matchAll(DISPLAY)) {
    const bodyIndex = [1, 2, 3, 5, 6].find((g) => m[g] !== undefined)!;
    const bodyStart = m.index! + m[0].indexOf(m[bodyIndex]!);
    // Align columns and environment names become spaces: same length, so offsets hold.
    const body = m[bodyIndex]!.replace(/\\(?:begin|end)\{[a-z]+\*?\}/g, (env) => ' '.repeat(env.length)).replace(/&/g, ' ');
    let previous: MathChain | undefined;
    for (const piece of pieces(body, bodyStart)) {
      // An align line opening with "=" goes on with the chain of the line before.
      if (previous && piece.text.startsWith('=')) {
        const more = splitChain(`x${piece.text}`, piece.start - 1);
        if (more) {
          previous.sides.push(...more.sides.slice(1));
          previous.end = more.end;
          last = more.end;
          continue;
        }
      }
      const chain = splitChain(piece.text, piece.start);
      previous = chain ? { ...chain, before: step.slice(last, chain.start) } : undefined;
      if (!previous) continue;
      chains.push(previous);
      last = previous.end;
    }
  }
  return chains;
}

/** Top-level statements of one math span. */
function pieces(body: string, offset: number): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let depth = 0;
  let from = 0;
  const push = (to: number) => {
    const raw = body.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    if (raw.trim()) out.push({ text: raw.trim(), start: offset + from + lead });
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '{' || ch === '(' || ch === '[') depth++;
    else if (ch === '}' || ch === ')' || ch === ']') depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    if (ch === ',' || ch === ';') {
      push(i);
      from = i + 1;
      continue;
    }
    CUT_WORDS.lastIndex = i;
    const cut = CUT_WORDS.exec(body);
    if (cut && cut.index === i) {
      push(i);
      // `\text{...}` is prose: skip its braces too.
      let end = i + cut[0].length;
      if (/^\\(?:text|textbf|mathrm|mbox)$/.test(cut[0]) && body[end] === '{') end = closing(body, end) + 1;
      from = end;
      i = end - 1;
    }
  }
  push(body.length);
  return out;
}

function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length - 1;
}

/** Splits `a = b = c` at top-level `=` signs (not `\leq`, `\neq`, `==`); undefined without one. */
function splitChain(text: string, start: number): Omit<MathChain, 'before'> | undefined {
  if (/\\(?:neq|ne|leq?|geq?|approx|sim|equiv|pm|mp)\b|[<>≤≥≠≈]/.test(text)) return undefined;
  const sides: MathChain['sides'] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (ch === '{' || ch === '(' || ch === '[') depth++;
    else if (ch === '}' || ch === ')' || ch === ']') depth--;
    if (i === text.length || (ch === '=' && depth === 0)) {
      const raw = text.slice(from, i);
      const lead = raw.length - raw.trimStart().length;
      sides.push({ latex: raw.trim(), start: start + from + lead, end: start + from + lead + raw.trim().length });
      from = i + 1;
    }
  }
  if (sides.length < 2 || sides.some((s) => !s.latex)) return undefined;
  return { sides, start: sides[0]!.start, end: sides[sides.length - 1]!.end };
}
