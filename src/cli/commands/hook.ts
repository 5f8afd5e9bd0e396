import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { TtError } from '../../main/errors';
import { INGEST_LOG_FILE_NAME } from '../../main/events/spool';
import { tmuxHookConfig } from '../../main/events/tmux-config';
import { installTmuxHooks } from '../../main/events/tmux-install';
import { ensureDataDir, resolveDataDir } from '../../main/paths';
import { printNotices, type GlobalOptions } from '../context';

export function registerHookCommand(program: Command): void {
  const hook = program.command('hook').description('set up the terminal hooks that record focus');
  hook
    .command('tmux')
    .description('print the tmux configuration that records pane focus and scrolling')
    .option('--install', 'write it to the data directory and source it from your tmux config (once)')
    .addHelpText(
      'after',
      '\nThe hooks run Node on out/main/ingest.js directly (absolute paths, the data directory\n' +
        'given explicitly), so they do not depend on the PATH tmux was started with.\n' +
        'After installing: `tmux source-file ~/.tmux.conf`, then detach and re-attach once\n' +
        '(tmux asks the terminal for focus events when a client attaches).',
    )
    .action((options: { install?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const dataDir = resolveDataDir(process.env, globals.dataDir);
      printNotices(ensureDataDir(dataDir));
      const config = tmuxHookConfig({
        node: process.execPath,
        ingestScript: ingestScriptPath(),
        dataDir,
        logFile: join(dataDir, INGEST_LOG_FILE_NAME),
      });
      if (!options.install) {
        process.stdout.write(config);
        return;
      }
      const result = installTmuxHooks({
        config,
        dataDir,
        env: process.env,
        home: process.env.HOME || homedir(),
      });
      const lines = [`wrote the tmux hooks to ${result.hooksFile}`];
      if (result.added)
        lines.push(`${result.created ? 'created' : 'updated'} ${result.tmuxConfig} to source them`);
      else lines.push(`${result.tmuxConfig} already sources them`);
      lines.push(
        'to start recording now:',
        `  tmux source-file ${result.tmuxConfig}`,
        '  then detach (prefix d) and re-attach (tmux attach) once, so that focus events reach tmux',
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

/** out/main/ingest.js, next to the built command line (which may sit in out/main/chunks). */
function ingestScriptPath(): string {
  for (const relative of ['./ingest.js', '../ingest.js']) {
    const candidate = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(candidate)) return candidate;
  }
  throw new TtError(
    'not-found',
    'the ingest program (out/main/ingest.js) is not built',
    'run `npm run build` in the tt folder',
  );
}
