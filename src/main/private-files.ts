import { chmodSync, closeSync, constants, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// tt's files hold prompts, paths and an encrypted key: only their owner may read them. New
// files are created 0600 in a 0700 directory; older ones, made before tt cared, are tightened.

/** Only the owner may read or write tt's files. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * The files tt keeps in its data directory: the database (with SQLite's WAL, shared-memory and
 * journal files), the focus spool, the ingest log, the encrypted key, the tmux hooks, the
 * running dashboard's address and the kept dashboard secret. Only these are tightened: the directory may be one the person
 * shares with other things.
 */
const TT_FILE =
  /^(tt\.db(-wal|-shm|-journal)?|events-\d{4}-\d{2}\.jsonl|events\.last|ingest\.log|anthropic-key\.enc(\.tmp)?|tmux-hooks\.conf|dashboard\.json|dashboard-secret|desktop\.json)$/;

/**
 * Creates `path` empty and 0600 if nothing is there. Done before SQLite opens the database:
 * SQLite gives the -wal and -shm files the mode of the database file. Whatever is already
 * there is never opened here (a FIFO would block an open for writing): the database's open
 * says what it is.
 */
export function createPrivateFile(path: string): void {
  try {
    closeSync(openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

const octal = (mode: number): string => `0${(mode & 0o777).toString(8)}`;

/**
 * Takes group and other access away from the data directory and tt's files in it. Returns
 * what it changed, in words (empty when all was private already), so the person hears it once.
 * A shared directory (sticky, like /tmp) is left alone and reported instead.
 */
export function tightenDataDir(dir: string): string[] {
  const notices: string[] = [];
  const stats = statSync(dir);
  if ((stats.mode & 0o077) !== 0) {
    if ((stats.mode & 0o1000) !== 0) {
      notices.push(
        `the data directory ${dir} is shared (${octal(stats.mode)}, sticky): others may see tt's file names; choose a private one with --data-dir`,
      );
    } else {
      try {
        chmodSync(dir, 0o700);
        notices.push(`made the data directory ${dir} private: it was ${octal(stats.mode)}, it is now 0700`);
      } catch (error) {
        notices.push(
          `could not make the data directory ${dir} private (${octal(stats.mode)}): ${(error as Error).message}`,
        );
      }
    }
  }
  const tightened: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!TT_FILE.test(name)) continue;
    const path = join(dir, name);
    const file = statSync(path, { throwIfNoEntry: false });
    if (!file?.isFile() || (file.mode & 0o077) === 0) continue;
    try {
      chmodSync(path, PRIVATE_FILE_MODE);
      tightened.push(`${name} (was ${octal(file.mode)})`);
    } catch (error) {
      notices.push(`could not make ${path} private: ${(error as Error).message}`);
    }
  }
  if (tightened.length > 0) notices.push(`made tt's files private (0600): ${tightened.join(', ')}`);
  return notices;
}
