import { Command } from 'commander';
import { TT_VERSION } from '../main/version';
import { registerStatusCommand } from './commands/status';
import { registerSessionsCommand } from './commands/sessions';
import { registerDashboardCommand } from './commands/dashboard';

/** The whole `tt` command tree. Each command lives in its own file under commands/. */
export function buildProgram(): Command {
  const program = new Command('tt')
    .description('tt — a time tracker for developers who work with AI coding agents')
    .version(TT_VERSION, '-V, --version', 'print the version')
    .option(
      '--data-dir <dir>',
      'where tt keeps its database (default: $TT_DATA_DIR or ~/.local/share/time-tracker)',
    )
    .option('-v, --verbose', 'show stack traces and details on errors')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ showGlobalOptions: true });

  registerStatusCommand(program);
  registerSessionsCommand(program);
  registerDashboardCommand(program);
  return program;
}
