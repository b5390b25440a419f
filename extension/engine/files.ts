// Writing results without losing them: a file is replaced only by a complete new one.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InvalidOptions } from './errors';

/** Writes `path` through a temporary file in the same folder and a rename, so readers never see half a file. */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data, 'utf8');
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/**
 * Checks, before any model is asked, that a file can be written at `path` (its folder exists and is writable, and
 * it is not a folder). `what` names it in the message ("--trace").
 */
export async function checkWritableFile(path: string, what: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) throw new InvalidOptions(`${what} ${path}: that is a folder; give a file path, e.g. ${join(path, 'trace.json')}.`);
  await checkWritableFolder(dirname(path), what, path);
}

/** Checks that `folder` exists (or can be created) and is writable. */
export async function checkWritableFolder(folder: string, what: string, shown = folder, create = false): Promise<void> {
  const info = await stat(folder).catch(() => undefined);
  if (info && !info.isDirectory()) throw new InvalidOptions(`${what} ${shown}: ${folder} is a file, not a folder.`);
  if (!info) {
    if (!create) throw new InvalidOptions(`${what} ${shown}: the folder ${folder} does not exist.`);
    try {
      await mkdir(folder, { recursive: true });
    } catch (err) {
      throw new InvalidOptions(`${what} ${shown}: cannot create the folder ${folder} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
    }
    return;
  }
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw new InvalidOptions(`${what} ${shown}: the folder ${folder} is not writable.`);
  }
}

/** "Could not write the search trace to /x/t.json (ENOENT: no such folder)." */
export function describeWriteFailure(what: string, path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : code === 'ENOSPC' ? 'the disk is full' : (err as Error)?.message ?? String(err);
  return `Could not write ${what} to ${path} (${why}); it was not written.`;
}
