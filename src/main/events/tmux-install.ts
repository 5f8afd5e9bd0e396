// `tt hook tmux --install`: the hook configuration goes into a file of tt's own, and the
// person's tmux config gets one line that sources it — added once, however often this runs.
import { existsSync, mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { readOutsideText } from '../outside-file';

const MAX_TMUX_CONFIG_BYTES = 16 << 20;
import { dirname, join } from 'node:path';
import { TtError } from '../errors';
import { PRIVATE_FILE_MODE } from '../private-files';
import { fileErrorReason } from '../file-error-reason';
import { tmuxQuote } from './tmux-config';

export const TMUX_HOOKS_FILE_NAME = 'tmux-hooks.conf';

export interface TmuxInstallResult {
  hooksFile: string;
  tmuxConfig: string;
  /** false when the config already sourced the hooks file */
  added: boolean;
  /** true when the tmux config did not exist and was created */
  created: boolean;
}

/** ~/.tmux.conf or $XDG_CONFIG_HOME/tmux/tmux.conf, whichever exists; ~/.tmux.conf when neither does. */
export function userTmuxConfigPath(env: NodeJS.ProcessEnv, home: string): string {
  const classic = join(home, '.tmux.conf');
  const xdg = join(env.XDG_CONFIG_HOME || join(home, '.config'), 'tmux', 'tmux.conf');
  if (existsSync(classic)) return classic;
  if (existsSync(xdg)) return xdg;
  return classic;
}

/**
 * Hooks installed by an earlier tt passed pane values through `#{q:…}`, which
 * leaves a newline bare for sh: a directory with a line break in its name could run a program.
 * Those hooks keep running until reinstalled, so every command says so until they are.
 */
export function outdatedHooksNotice(dataDir: string): string | null {
  let installed: string;
  try {
    // Read on every command: a FIFO in its place must not stall them all.
    const text = readOutsideText(join(dataDir, TMUX_HOOKS_FILE_NAME), MAX_TMUX_CONFIG_BYTES);
    if (text === null) return null;
    installed = text;
  } catch {
    return null; // not installed (or unreadable): nothing to say
  }
  if (!installed.includes('#{q:')) return null;
  return (
    'the tmux hooks in this data directory come from an older tt and hand directory names to the ' +
    'shell unsafely: run `tt hook tmux --install`, then `tmux source-file ~/.tmux.conf`'
  );
}

export function sourceLine(hooksFile: string): string {
  return `source-file -q ${tmuxQuote(hooksFile)}`;
}

export function installTmuxHooks(options: {
  config: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  home: string;
}): TmuxInstallResult {
  const hooksFile = join(options.dataDir, TMUX_HOOKS_FILE_NAME);
  writeFileSync(hooksFile, options.config, { mode: PRIVATE_FILE_MODE });

  const tmuxConfig = userTmuxConfigPath(options.env, options.home);
  const line = sourceLine(hooksFile);
  try {
    const created = !existsSync(tmuxConfig);
    // The person's own file: a FIFO or a device in its place is refused, never waited on.
    const existing = created ? '' : readOutsideText(tmuxConfig, MAX_TMUX_CONFIG_BYTES);
    if (existing === null) throw new Error(`${tmuxConfig} is larger than ${MAX_TMUX_CONFIG_BYTES} bytes`);
    if (existing.split('\n').some((l) => l.trim() === line)) {
      return { hooksFile, tmuxConfig, added: false, created: false };
    }
    mkdirSync(dirname(tmuxConfig), { recursive: true });
    const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
    appendFileSync(
      tmuxConfig,
      `${separator}# tt: record which pane has your attention (tt hook tmux --install)\n${line}\n`,
    );
    return { hooksFile, tmuxConfig, added: true, created };
  } catch (error) {
    // The person's own file (a directory, read-only, on a full disk): say how to finish by hand.
    throw new TtError(
      'external',
      `cannot update the tmux configuration ${tmuxConfig}: ${fileErrorReason(error)}`,
      `the hooks are in ${hooksFile}; add this line to your tmux configuration yourself:\n    ${line}`,
      { cause: error },
    );
  }
}
