import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { TtError } from './errors';

export const DATABASE_FILE_NAME = 'tt.db';

/**
 * Where tt keeps its data: `--data-dir`, else `TT_DATA_DIR`, else
 * `$XDG_DATA_HOME/time-tracker`, else `~/.local/share/time-tracker`.
 * The app and the CLI resolve it the same way so that they share one database.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv, flag?: string): string {
  if (flag) return resolve(flag);
  if (env.TT_DATA_DIR) return resolve(env.TT_DATA_DIR);
  const xdg = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(resolve(xdg), 'time-tracker');
}

/** Creates the data directory if needed and proves it is writable, or says why not. */
export function ensureDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new TtError(
      'storage',
      `cannot create the data directory ${dir}: ${reason(error)}`,
      'choose another one with --data-dir or TT_DATA_DIR',
      { cause: error },
    );
  }
  if (!statSync(dir).isDirectory()) {
    throw new TtError('storage', `the data directory ${dir} is not a directory`);
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new TtError(
      'storage',
      `the data directory ${dir} is not writable: ${reason(error)}`,
      'fix its permissions, or choose another one with --data-dir or TT_DATA_DIR',
      { cause: error },
    );
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a parent of it is a file, not a directory';
    case 'EEXIST':
      return 'a file of that name is in the way';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return (error as Error).message;
  }
}
