import { Command, Option } from 'commander';
import { TT_VERSION } from '../main/version';
import { registerStatusCommand } from './commands/status';
import { registerIngestCommand } from './commands/ingest';
import { registerEventsCommand } from './commands/events';
import { registerHookCommand } from './commands/hook';
import { registerSessionsCommand } from './commands/sessions';
import { registerReportCommand } from './commands/report';
import { registerDashboardCommand } from './commands/dashboard';
import { registerInferCommand } from './commands/infer';
import { registerStreamsCommand } from './commands/streams';
import { registerSettingsCommand } from './commands/settings';
import { registerSyncCommand } from './commands/sync';
import { registerTimesheetCommand } from './commands/timesheet';
import { registerAddCommand, registerEntriesCommand } from './commands/entries';
import { nonEmptyPathOption, RANGE_HELP } from './options';

/** The whole `tt` command tree. Each command lives in its own file under commands/. */
export function buildProgram(): Command {
  const program = new Command('tt')
    .description('tt — a time tracker for developers who work with AI coding agents')
    .version(TT_VERSION, '-V, --version', 'print the version')
    .addOption(
      new Option(
        '--data-dir <dir>',
        'where tt keeps its database (default: $TT_DATA_DIR or ~/.local/share/time-tracker)',
      ).argParser(nonEmptyPathOption),
    )
    .option('-v, --verbose', 'show stack traces and details on errors')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', `\n${RANGE_HELP}`)
    // Before any subcommand is added, so that they inherit it: usage errors anywhere in the
    // tree come back to runCli (exit 2) instead of commander exiting 1 on its own.
    .exitOverride();

  // In the order a person meets them: gather, group, review, read, then the plumbing.
  registerSessionsCommand(program);
  registerHookCommand(program);
  registerEventsCommand(program);
  registerInferCommand(program);
  registerStreamsCommand(program);
  registerReportCommand(program);
  registerTimesheetCommand(program);
  registerAddCommand(program);
  registerEntriesCommand(program);
  registerSyncCommand(program);
  registerDashboardCommand(program);
  registerSettingsCommand(program);
  registerStatusCommand(program);
  registerIngestCommand(program);
  return program;
}
