import { readFile, writeFile } from 'node:fs/promises';
import { InvalidOptions } from '../errors';
import { STRATEGIES, type SearchResult } from './types';

export interface SearchTrace {
  version: 1;
  kind: 'search';
  createdAt: string;
  result: SearchResult;
}

export async function saveTrace(result: SearchResult, path: string): Promise<void> {
  const trace: SearchTrace = { version: 1, kind: 'search', createdAt: new Date().toISOString(), result };
  await writeFile(path, JSON.stringify(trace, null, 2) + '\n', 'utf8');
}

/** Reads a trace written by `saveTrace`; a file that is not one gets an error saying what is wrong. */
export async function loadTrace(path: string): Promise<SearchTrace> {
  const text = await readFile(path, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InvalidOptions(`${path} is not a search trace: it is not valid JSON (${(err as Error).message}).`);
  }
  return parseTrace(data, path);
}

export function parseTrace(data: unknown, source = 'The trace'): SearchTrace {
  const bad = (what: string) => new InvalidOptions(`${source} is not a Stepwise search trace: ${what}.`);
  if (typeof data !== 'object' || data === null) throw bad('it is not a JSON object');
  const t = data as Partial<SearchTrace>;
  if (t.kind !== 'search') throw bad(`"kind" is ${JSON.stringify(t.kind)}, expected "search"`);
  if (t.version !== 1) throw bad(`version ${JSON.stringify(t.version)} is not supported (this Stepwise reads version 1)`);
  const r = t.result as Partial<SearchResult> | undefined;
  if (!r || typeof r !== 'object') throw bad('"result" is missing');
  if (!STRATEGIES.includes(r.strategy as never)) throw bad(`unknown strategy ${JSON.stringify(r.strategy)}`);
  if (typeof r.problem !== 'string' || !Array.isArray(r.nodes) || !Array.isArray(r.steps) || !Array.isArray(r.bestPath)) {
    throw bad('"result" lacks problem, nodes, steps or bestPath');
  }
  const ids = new Set<string>();
  for (const n of r.nodes) {
    if (typeof n?.id !== 'string' || (n.parentId !== null && typeof n.parentId !== 'string')) throw bad('a node lacks its id or parentId');
    if (n.parentId !== null && !ids.has(n.parentId)) throw bad(`node ${n.id} refers to parent ${n.parentId}, which comes later or is missing`);
    ids.add(n.id);
  }
  for (const id of r.bestPath) if (!ids.has(id)) throw bad(`the best path names node ${id}, which is not in the tree`);
  return t as SearchTrace;
}
