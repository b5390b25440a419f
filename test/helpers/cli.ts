import { main } from '../../extension/cli/main';
import type { CliIO } from '../../extension/cli/common';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output, as a user would from a shell. */
export async function runCli(argv: string[], opts: { env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: opts.env ?? {},
    signal: opts.signal ?? new AbortController().signal,
    isTTY: false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A loopback port where nothing listens. */
export const CLOSED_URL = 'http://127.0.0.1:9';
