import { Cancelled, isCancellation, type VerifyOutcome } from '../engine';

/**
 * Exit codes, as eslint's: 0 nothing wrong found, 1 a wrong step found, 2 the command could not run (bad options,
 * unreadable input, unreachable server, missing model, unwritable output), 3 the result is unverified or incomplete
 * (some or all steps got no verdict), 130 cancelled.
 */
export const EXIT = { clean: 0, wrongStep: 1, failed: 2, unverified: 3, cancelled: 130 } as const;

export const EXIT_CODES_HELP = `Exit codes:
  0  every step got a verdict and none is wrong (solve: the best solution is verified)
  1  a wrong step was found (solve: the best solution failed verification)
  2  the command could not run: bad options, unreadable input, server or model problem,
     an output that cannot be written
  3  unverified or incomplete: some steps (or all) got no verdict
  130 cancelled (Ctrl-C); what finished is kept`;

export function exitCodeFor(outcome: VerifyOutcome): number {
  switch (outcome) {
    case 'no-wrong-step':
      return EXIT.clean;
    case 'wrong-step':
      return EXIT.wrongStep;
    case 'incomplete':
    case 'unverified':
      return EXIT.unverified;
  }
}

/** The exit code for an error that stopped a command. */
export function exitCodeForError(err: unknown, signal?: AbortSignal): number {
  return isCancellation(err, signal) || err instanceof Cancelled ? EXIT.cancelled : EXIT.failed;
}
