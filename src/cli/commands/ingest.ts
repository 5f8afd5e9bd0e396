import { resolve } from 'node:path';
import type { Command } from 'commander';
import { resolveDataDir } from '../../main/paths';
import { TtError } from '../../main/errors';
import { SPOOLED_EVENT_TYPES, isSpooledEventType } from '../../main/events/spool';
import { appendEventQuietly } from '../../main/events/spool-writer';
import type { GlobalOptions } from '../context';

interface IngestOptions {
  pane?: string;
  cwd?: string;
  session?: string;
  window?: string;
}

// The documented face of `tt ingest`. Well-formed calls never get here: bin/tt.js hands them
// to out/main/ingest.js (no commander, no SQLite); this is for --help, bad usage, and a
// build without the fast path. Like it, it never fails once the arguments are right.
export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description('record a terminal event (run by the tmux hooks; see `tt hook tmux`)')
    .argument('<type>', `the event: ${SPOOLED_EVENT_TYPES.join(' or ')}`)
    .option('--pane <id>', 'the tmux pane id, e.g. %3')
    .option('--cwd <dir>', "the pane's current directory")
    .option('--session <name>', 'the tmux session name')
    .option('--window <index>', 'the tmux window index')
    .addHelpText(
      'after',
      '\nEvents are appended to a file in the data directory and imported (with their project)\n' +
        'by `tt events` or the app. A repeated identical event within 500 ms is recorded once.',
    )
    .action((type: string, options: IngestOptions, command: Command) => {
      if (!isSpooledEventType(type)) {
        throw new TtError('input', `unknown event type "${type}"`, `use ${SPOOLED_EVENT_TYPES.join(' or ')}`);
      }
      if (options.window !== undefined && options.window !== '' && !/^\d{1,9}$/.test(options.window)) {
        throw new TtError(
          'input',
          `--window "${options.window}" is not a window index`,
          'use a number, e.g. 0',
        );
      }
      const globals = command.optsWithGlobals<GlobalOptions>();
      const orNull = (value: string | undefined) => (value === undefined || value === '' ? null : value);
      appendEventQuietly(
        resolveDataDir(process.env, globals.dataDir),
        {
          type,
          pane: orNull(options.pane),
          cwd: options.cwd ? resolve(options.cwd) : null,
          session: orNull(options.session),
          window: orNull(options.window) === null ? null : Number(options.window),
        },
        Date.now(),
      );
    });
}
