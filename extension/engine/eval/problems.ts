/** Problems with reference answers for `eval bestofn`: MATH-500 style and GSM8K style, as JSONL or a JSON array. */
import { readFile } from 'node:fs/promises';
import { InvalidOptions } from '../errors';
import { extractAnswer } from '../steps/answers';

export interface EvalProblem {
  id: string;
  problem: string;
  /** The reference final answer. */
  reference: string;
}

type RawRecord = Record<string, unknown>;

/**
 * The reference answer of one record: `answer` (a GSM8K answer keeps only what follows its last `####`),
 * else the last `\boxed{}` of `solution`.
 */
export function referenceAnswer(record: RawRecord): string | undefined {
  const answer = record.answer;
  if (typeof answer === 'number' && Number.isFinite(answer)) return String(answer);
  if (typeof answer === 'string' && answer.trim()) {
    const hashes = answer.lastIndexOf('####');
    return (hashes >= 0 ? answer.slice(hashes + 4) : answer).trim() || undefined;
  }
  if (typeof record.solution === 'string') return extractAnswer(record.solution);
  return undefined;
}

function toProblem(record: unknown, index: number, where: string): EvalProblem {
  if (!record || typeof record !== 'object' || Array.isArray(record)) throw new InvalidOptions(`${where}: expected an object with a problem and its answer.`);
  const r = record as RawRecord;
  const text = typeof r.problem === 'string' ? r.problem : r.question;
  if (typeof text !== 'string' || !text.trim()) throw new InvalidOptions(`${where}: no "problem" or "question" text.`);
  const reference = referenceAnswer(r);
  if (reference === undefined) throw new InvalidOptions(`${where}: no reference answer ("answer", or a \\boxed{} in "solution").`);
  const rawId = r.id ?? r.unique_id ?? r.idx;
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : String(index + 1);
  return { id, problem: text.trim(), reference };
}

/** The file as one JSON value, or undefined when it is JSONL (several values). A broken array is an error. */
function parseWhole(trimmed: string, source: string): unknown {
  try {
    return JSON.parse(trimmed);
  } catch (err) {
    if (trimmed.startsWith('[')) throw new InvalidOptions(`${source} is not valid JSON: ${(err as Error).message}`);
    return undefined;
  }
}

/** Parses JSONL (one problem a line) or a JSON array (or `{ data: [...] }`). */
export function parseEvalProblems(text: string, source: string): EvalProblem[] {
  const trimmed = text.trim();
  const whole = trimmed.startsWith('[') || trimmed.startsWith('{') ? parseWhole(trimmed, source) : undefined;
  const items = Array.isArray(whole) ? whole : (whole as { data?: unknown } | undefined)?.data;
  let problems: EvalProblem[];
  if (Array.isArray(items)) {
    problems = items.map((it, i) => toProblem(it, i, `${source} item ${i + 1}`));
  } else {
    problems = [];
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch (err) {
        throw new InvalidOptions(`${source} line ${i + 1} is not valid JSON: ${(err as Error).message}`);
      }
      problems.push(toProblem(record, problems.length, `${source} line ${i + 1}`));
    });
  }
  if (problems.length === 0) throw new InvalidOptions(`${source} holds no problems.`);
  const seen = new Set<string>();
  for (const p of problems) {
    // Checkpoints are keyed by id: two problems with one id would share results.
    if (seen.has(p.id)) throw new InvalidOptions(`${source}: the id "${p.id}" appears twice.`);
    seen.add(p.id);
  }
  return problems;
}

export async function loadEvalProblems(path: string): Promise<EvalProblem[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InvalidOptions(`Cannot read ${path}: ${(err as Error).message}`);
  }
  return parseEvalProblems(text, path);
}
