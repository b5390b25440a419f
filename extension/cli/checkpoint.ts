import { readFileSync } from 'node:fs';

/**
 * Reads the results an interrupted eval saved, one JSON line each, keeping those `accept` recognises.
 * A line cut short by a kill is skipped: that item is simply run again.
 */
export function readCheckpoint<T extends { id: string }>(path: string, accept: (record: T) => boolean): Map<string, T> {
  const done = new Map<string, T>();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return done;
  }
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const record = JSON.parse(line) as T;
      if (accept(record)) done.set(record.id, record);
    } catch {
      continue;
    }
  }
  return done;
}
