// Option values every command reads the same way, with the same words when they are wrong.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { TIME_INPUT_HELP, parseTimeInput } from '../core/typed-time';
import { TtError } from '../main/errors';

/** A time option (ISO 8601 or a duration ago) as epoch milliseconds, or a usage error. */
export function timeOption(flag: string, value: string, now: number): number {
  const ms = parseTimeInput(value, now);
  if (ms === null) throw new TtError('input', `${flag} "${value}" is not a time`, `use ${TIME_INPUT_HELP}`);
  return ms;
}

/**
 * Every command names a range the same way: --since and --until. The spellings of older
 * versions (`report --from/--to`, `infer --start/--end`) are accepted everywhere, unlisted,
 * so that scripts keep working.
 */
const RANGE_SPELLINGS = { since: ['since', 'from', 'start'], until: ['until', 'to', 'end'] } as const;

/** The rule, said once, in `tt --help`. */
export const RANGE_HELP = `Ranges: every command that takes one says --since TIME and --until TIME;\nTIME is ${TIME_INPUT_HELP}.`;

/** Adds --since and --until (with the command's own words for them) and the hidden older spellings. */
export function addRangeOptions(command: Command, sinceHelp: string, untilHelp: string): Command {
  command.option('--since <time>', sinceHelp).option('--until <time>', untilHelp);
  for (const name of [...RANGE_SPELLINGS.since.slice(1), ...RANGE_SPELLINGS.until.slice(1)]) {
    command.addOption(new Option(`--${name} <time>`).hideHelp());
  }
  return command;
}

/** One end of a range as typed: the flag's spelling (for messages) and its value. */
export interface RangeFlag {
  flag: string;
  value: string;
}

/** The range a command was given, whichever spelling; two spellings of one end are a usage error. */
export function rangeFlags(options: object): { since?: RangeFlag; until?: RangeFlag } {
  const values = options as Record<string, unknown>;
  const pick = (names: readonly string[]): RangeFlag | undefined => {
    const given = names.filter((name) => typeof values[name] === 'string');
    if (given.length > 1) {
      throw new TtError('input', `--${given[0]} and --${given[1]} say the same thing; give one of them`);
    }
    return given[0] === undefined ? undefined : { flag: `--${given[0]}`, value: values[given[0]] as string };
  };
  return { since: pick(RANGE_SPELLINGS.since), until: pick(RANGE_SPELLINGS.until) };
}

/** A range's ends as epoch milliseconds; an end that is not after the start is a usage error. */
export function rangeOption(
  range: { since?: RangeFlag; until?: RangeFlag },
  now: number,
): { since?: number; until?: number } {
  const { since, until } = range;
  const ms = {
    since: since === undefined ? undefined : timeOption(since.flag, since.value, now),
    until: until === undefined ? undefined : timeOption(until.flag, until.value, now),
  };
  if (ms.since !== undefined && ms.until !== undefined && ms.until <= ms.since) {
    throw new TtError(
      'input',
      `${until!.flag} must be after ${since!.flag} (${until!.value} is not after ${since!.value})`,
    );
  }
  return ms;
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
