import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { TtError } from './errors';
import { tightenDataDir } from './private-files';

export const DATABASE_FILE_NAME = 'tt.db';

/** Only the owner may list or enter tt's directories. */
export const PRIVATE_DIR_MODE = 0o700;

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

/**
 * Makes `dir` and any missing parents, one level at a time, each 0700. Node's recursive mkdir
 * loops forever where the kernel answers ENOENT for a parent that exists (`/proc/1/nope`);
 * going step by step turns that into an error that names the directory that refused.
 */
export function makePrivateDirectory(dir: string): void {
  const chain: string[] = [];
  for (let path = resolve(dir); ; path = dirname(path)) {
    chain.push(path);
    if (dirname(path) === path) break;
  }
  for (const path of chain.reverse()) {
    const existing = statSync(path, { throwIfNoEntry: false });
    if (existing?.isDirectory()) continue;
    if (existing) throw Object.assign(new Error(`${path} is a file`), { code: 'ENOTDIR', path });
    try {
      mkdirSync(path, { mode: PRIVATE_DIR_MODE });
    } catch (error) {
      // Another process made it a moment ago: fine.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statSync(path).isDirectory()) continue;
      throw Object.assign(error as Error, { path });
    }
  }
}

/**
 * Creates the data directory if needed (0700) and proves it is writable, or says why not.
 * A directory (or a file of tt's in it) that others can read is tightened; the notices
 * returned say so, for the front end to tell the person once.
 */
export function ensureDataDir(dir: string): string[] {
  try {
    makePrivateDirectory(dir);
  } catch (error) {
    throw new TtError(
      'storage',
      `cannot create the data directory ${dir}: ${reason(error, dir)}`,
      'choose another one with --data-dir or TT_DATA_DIR',
      { cause: error },
    );
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new TtError(
      'storage',
      `the data directory ${dir} is not writable: ${reason(error, dir)}`,
      'fix its permissions, or choose another one with --data-dir or TT_DATA_DIR',
      { cause: error },
    );
  }
  return tightenDataDir(dir);
}

function reason(error: unknown, dir: string): string {
  const { code, path } = error as NodeJS.ErrnoException;
  const at = path && path !== dir ? ` (at ${path})` : '';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `permission denied${at}`;
    case 'ENOTDIR':
      return path === dir
        ? 'a file of that name is in the way'
        : `a parent of it is a file, not a directory${at}`;
    case 'ENOENT':
      return `the system refused to make ${path ?? dir} in ${dirname(path ?? dir)} (no such file or directory)`;
    case 'EEXIST':
      return 'a file of that name is in the way';
    case 'EROFS':
      return `the file system is read-only${at}`;
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return (error as Error).message;
  }
}
