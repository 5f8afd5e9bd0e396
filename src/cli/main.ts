import { CommanderError } from 'commander';
import { isTtError } from '../main/errors';
import { ExitCode, exitCodeFor } from './exit-codes';
import { buildProgram } from './program';

/** Runs `tt` with argv and returns the exit code; errors go to stderr, stacks only with --verbose. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed help, the version, or the usage error.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.ok;
      if (error.code === 'commander.help') return ExitCode.ok;
      return ExitCode.usage;
    }
    if (isTtError(error)) {
      process.stderr.write(`tt: ${error.message}\n`);
      if (error.hint) process.stderr.write(`    ${error.hint}\n`);
      if (verbose && error.cause)
        process.stderr.write(`${String((error.cause as Error).stack ?? error.cause)}\n`);
      return exitCodeFor(error.kind);
    }
    process.stderr.write(`tt: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
    if (verbose) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    else process.stderr.write('    run again with --verbose for details, and please report it\n');
    return ExitCode.failure;
  }
}

// `tt events | head`: once the reader has gone, there is nobody left to tell; stop quietly
// (the work itself, such as an import, is already committed).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(ExitCode.ok);
  throw error;
});

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`tt: ${String(error)}\n`);
    process.exitCode = ExitCode.failure;
  },
);
