// Option values every command reads the same way, with the same words when they are wrong.
import { InvalidArgumentError } from 'commander';
import { TIME_INPUT_HELP, parseTimeInput } from '../core/time-input';
import { TtError } from '../main/errors';

/** A time option (ISO 8601 or a duration ago) as epoch milliseconds, or a usage error. */
export function timeOption(flag: string, value: string, now: number): number {
  const ms = parseTimeInput(value, now);
  if (ms === null) throw new TtError('input', `${flag} "${value}" is not a time`, `use ${TIME_INPUT_HELP}`);
  return ms;
}

/** --since and --until as a range; an --until that is not after --since is a usage error. */
export function sinceUntilOptions(
  since: string | undefined,
  until: string | undefined,
  now: number,
): { since?: number; until?: number } {
  const range = {
    since: since === undefined ? undefined : timeOption('--since', since, now),
    until: until === undefined ? undefined : timeOption('--until', until, now),
  };
  if (range.since !== undefined && range.until !== undefined && range.until <= range.since) {
    throw new TtError('input', `--until must be after --since (${until} is not after ${since})`);
  }
  return range;
}

/** A count such as --limit: whole digits, at least 1, or a usage error. */
export function positiveIntOption(flag: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new TtError('input', `${flag} must be a positive whole number, not "${value}"`);
  }
  return n;
}

/** A directory option: `--root "$UNSET"` must not quietly mean the current directory or the default. */
export function nonEmptyPathOption(value: string): string {
  if (value.trim() === '') {
    throw new InvalidArgumentError('an empty directory name; leave the option out for the default');
  }
  return value;
}
