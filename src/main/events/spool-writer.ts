// Appending one event to the spool: what every tmux focus change costs. It must stay cheap
// (no SQLite, no subprocess, no network, nothing heavy imported) and must never disturb the
// terminal: the quiet variant logs failures to a file in the data directory instead.
import {
  appendFileSync,
  closeSync,
  fdatasyncSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { makePrivateDirectory } from '../paths';
import { PRIVATE_FILE_MODE } from '../private-files';
import { INGEST_LOG_FILE_NAME, LAST_EVENT_FILE_NAME, spoolPath, type SpooledEvent } from './spool';

/** Identical events closer together than this are one event (tmux fires several hooks per switch). */
export const REPEAT_WINDOW_MS = 500;

export type EventInput = Omit<SpooledEvent, 'ts'>;

/**
 * Appends the event as one line with a single write() on an O_APPEND descriptor, so lines
 * from concurrent hooks never interleave, then flushes it to disk. Returns 'repeat' (and
 * writes nothing) when the same event was appended less than 500 ms ago. A line torn by an
 * earlier short write (a full disk) is closed first, so it never swallows this one.
 */
export function appendEvent(dataDir: string, input: EventInput, now: number): 'appended' | 'repeat' {
  const key = JSON.stringify([input.type, input.pane, input.cwd, input.session, input.window]);
  const lastPath = join(dataDir, LAST_EVENT_FILE_NAME);
  if (isRepeat(lastPath, key, now)) return 'repeat';

  const fd = openAppend(dataDir, now);
  try {
    const line = Buffer.from(`${endsTorn(fd) ? '\n' : ''}${spoolLine(input, now)}\n`);
    const written = writeSync(fd, line);
    if (written < line.length) {
      // The next append starts on a fresh line; the reader skips this torn one.
      throw new Error(`wrote only ${written} of ${line.length} bytes (is the disk full?)`);
    }
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // Race-tolerant: two hooks at the same instant may both append; the importer's ids and
  // the 500 ms rule at worst keep both. A torn read of this file just means "not a repeat".
  writeFileSync(lastPath, `${now}\n${key}`, { mode: PRIVATE_FILE_MODE });
  return 'appended';
}

/** One event as the spool holds it: a line of JSON, without its newline. */
export function spoolLine(input: EventInput, now: number): string {
  const event: SpooledEvent = { ts: now, ...input };
  return JSON.stringify(event);
}

/** appendEvent that never throws: failures go to ingest.log in the data directory. */
export function appendEventQuietly(dataDir: string, input: EventInput, now: number): void {
  try {
    appendEvent(dataDir, input, now);
  } catch (error) {
    logIngestProblem(
      dataDir,
      `could not record ${input.type} for ${input.cwd ?? '?'}: ${String(error)}`,
      now,
    );
  }
}

export function logIngestProblem(dataDir: string, message: string, now: number): void {
  try {
    makePrivateDirectory(dataDir);
    appendFileSync(join(dataDir, INGEST_LOG_FILE_NAME), `${new Date(now).toISOString()} ${message}\n`, {
      mode: PRIVATE_FILE_MODE,
    });
  } catch {
    // Nowhere left to say it; the terminal must not hear about it.
  }
}

function isRepeat(lastPath: string, key: string, now: number): boolean {
  let last: string;
  try {
    last = readFileSync(lastPath, 'utf8');
  } catch {
    return false;
  }
  const newline = last.indexOf('\n');
  const lastTs = Number(last.slice(0, newline));
  return newline > 0 && last.slice(newline + 1) === key && now >= lastTs && now - lastTs < REPEAT_WINDOW_MS;
}

/** Whether the spool's last byte is not a newline: the end of a line torn by a failed write. */
function endsTorn(fd: number): boolean {
  const { size } = fstatSync(fd);
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  return readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
}

function openAppend(dataDir: string, now: number): number {
  const path = spoolPath(dataDir, now);
  try {
    return openSync(path, 'a+', PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    makePrivateDirectory(dataDir);
    return openSync(path, 'a+', PRIVATE_FILE_MODE);
  }
}
