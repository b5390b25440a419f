import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InvalidOptions } from '../engine';

/** The first line of a checkpoint: what run wrote it, so shards can be merged into the report a single run writes. */
export interface CheckpointHeader {
  stepwise: 'checkpoint';
  kind: 'processbench' | 'bestofn';
  /** The data file, as given. */
  file: string;
  /** Items in the whole run (all shards), after --limit. */
  items: number;
  /** 1-based shard and the number of shards ("1/1" for an unsharded run). */
  shard: string;
  /** Whatever else the report needs (threshold, scorer, settings): identical across the shards of one run. */
  settings: Record<string, unknown>;
}

/** A record as saved: the result and its position in the whole run. */
type Saved<T> = T & { index?: number };

/**
 * Reads the results an interrupted eval saved, one JSON line each, keeping those `accept` recognises.
 * A line cut short by a kill is skipped: that item is simply run again.
 */
export function readCheckpoint<T extends { id: string }>(path: string, accept: (record: T) => boolean): Map<string, T> {
  const done = new Map<string, T>();
  for (const { record } of readRecords<T>(path)) if (accept(record)) done.set(record.id, record);
  return done;
}

/** Every record of a checkpoint with its index in the whole run, and the header when there is one. */
export function readCheckpointFile<T extends { id: string }>(path: string): { header?: CheckpointHeader; records: { index?: number; record: T }[] } {
  let header: CheckpointHeader | undefined;
  const records: { index?: number; record: T }[] = [];
  for (const line of lines(path)) {
    if ((line as Partial<CheckpointHeader>).stepwise === 'checkpoint') header = line as CheckpointHeader;
  }
  records.push(...readRecords<T>(path));
  return { header, records };
}

function readRecords<T extends { id: string }>(path: string): { index?: number; record: T }[] {
  return lines(path)
    .filter((l): l is Saved<T> => typeof (l as { id?: unknown }).id === 'string')
    .map(({ index, ...record }) => ({ index, record: record as unknown as T }));
}

function lines(path: string): object[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const out: object[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line);
      if (value && typeof value === 'object') out.push(value);
    } catch {
      continue;
    }
  }
  return out;
}

/**
 * Where the checkpoint goes: a folder given as --checkpoint holds the default file name; the folder must be writable.
 * The file is created (with its header) before the first request, so a stopped run always points at a file that exists.
 */
export function openCheckpoint(given: string | undefined, defaultPath: string, header: CheckpointHeader, fresh: boolean): { path: string; note?: string } {
  let path = given ?? defaultPath;
  let note: string | undefined;
  if (given !== undefined && statSync(given, { throwIfNoEntry: false })?.isDirectory()) {
    path = join(given, defaultPath.split('/').pop()!);
    note = `--checkpoint ${given} is a folder: the checkpoint is ${path}.`;
  }
  try {
    mkdirSync(dirname(path), { recursive: true });
    const exists = statSync(path, { throwIfNoEntry: false });
    if (fresh || !exists || exists.size === 0) writeFileSync(path, JSON.stringify(header) + '\n');
  } catch (err) {
    throw new InvalidOptions(`--checkpoint ${path}: cannot write there (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  return { path, note };
}

export function appendCheckpoint(path: string, record: object, index: number): void {
  appendFileSync(path, JSON.stringify({ ...record, index }) + '\n');
}
