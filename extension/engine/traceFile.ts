import { writeFileAtomic } from './files';
import type { SearchTrace } from './search/trace';
import type { SearchResult } from './search/types';
import type { VerifyResult } from './verdicts';

/** A search trace that also says how far its best path is verified (read back by `loadTrace` like any trace). */
export interface VerifiedSearchTrace extends SearchTrace {
  verification?: VerifyResult;
}

/** Writes the trace of a search with the verification of its best path, replacing an older file only when complete. */
export async function saveVerifiedTrace(result: SearchResult, verification: VerifyResult, path: string): Promise<void> {
  const trace: VerifiedSearchTrace = { version: 1, kind: 'search', createdAt: new Date().toISOString(), result, verification };
  await writeFileAtomic(path, JSON.stringify(trace, null, 2) + '\n');
}
