import { describeError, type CliIO } from './common';
import { EXIT, EXIT_CODES_HELP, exitCodeForError } from './exitCodes';
import { runEval } from './eval';
import { runVerify } from './verify';

const HELP = `stepwise: verified stepwise reasoning from the command line

Usage:
  stepwise verify FILE [options]             score every step of a worked solution
  stepwise solve FILE --strategy S [...]     solve a problem by PRM-guided step search
  stepwise correct FILE [...]                suggest a correction for the first weak step
  stepwise eval processbench FILE.json       the official ProcessBench metric
  stepwise eval bestofn FILE.jsonl           accuracy against N for vote, PRM-best, PRM-weighted vote
  stepwise eval longcot FILE                 error sections in long chains of thought (DeltaBench layout)

Options:
  --version                    print the version
  -h, --help                   this help

Run "stepwise COMMAND --help" for a command's options. Use - for FILE to read stdin.

${EXIT_CODES_HELP}`;

type Command = (argv: string[], io: CliIO) => Promise<number>;

async function loadCommand(name: string): Promise<Command | undefined> {
  switch (name) {
    case 'verify':
      return runVerify;
    case 'eval':
      return runEval;
    case 'solve':
      return (await import('./solve')).runSolve;
    case 'correct':
      return (await import('./correct')).runCorrect;
    default:
      return undefined;
  }
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(HELP + '\n');
    return name ? 0 : EXIT.failed;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const command = await loadCommand(name);
  if (!command) {
    io.stderr(`Unknown command "${name}".\n\n${HELP}\n`);
    return EXIT.failed;
  }
  try {
    return await command(rest, io);
  } catch (err) {
    const code = exitCodeForError(err, io.signal);
    io.stderr(code === EXIT.cancelled ? '\nCancelled.\n' : `stepwise: ${describeError(err)}\n`);
    return code;
  }
}

declare const STEPWISE_VERSION: string | undefined;
const VERSION = typeof STEPWISE_VERSION === 'string' ? STEPWISE_VERSION : 'dev';

if (require.main === module) {
  // Only Stepwise writes to the terminal: a bundled client's console logging would corrupt --json output.
  if (!process.env.STEPWISE_DEBUG) for (const k of ['log', 'info', 'debug', 'warn'] as const) console[k] = () => undefined;
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    // First Ctrl-C stops cleanly and keeps partial results; a second one exits at once.
    if (++interrupts > 1) process.exit(130);
    controller.abort();
  });
  const io: CliIO = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    signal: controller.signal,
    isTTY: Boolean(process.stderr.isTTY),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`stepwise: ${describeError(err)}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}
