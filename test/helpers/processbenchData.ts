import { existsSync } from 'node:fs';
import path from 'node:path';

/** ProcessBench lives beside the repository (../shared/data/processbench); a worktree elsewhere finds it at /work/shared. */
export const PROCESSBENCH_DIR = [path.resolve(__dirname, '../../../shared/data/processbench'), '/work/shared/data/processbench'].find((d) =>
  existsSync(path.join(d, 'gsm8k.json')),
) ?? path.resolve(__dirname, '../../../shared/data/processbench');
