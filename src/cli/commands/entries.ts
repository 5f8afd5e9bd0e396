import type { Command } from 'commander';
import { TIME_INPUT_HELP } from '../../core/typed-time';
import { TtError } from '../../main/errors';
import type { ManualEntry } from '../../shared/api';
import { printJson, withService } from '../context';
import { formatDuration, formatLocalTime, formatTable, isoOrNull } from '../format';
import { rangeOption, rangeFlags, timeOption, addRangeOptions } from '../options';

// Time added by hand: `tt add` makes an entry, `tt entries` lists, changes and deletes them.
// Each is an edit like any other: `tt streams undo` takes it back, and sync carries it.

interface AddOptions {
  start?: string;
  end?: string;
  stream?: string;
  project?: string;
  note?: string;
  json?: boolean;
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined)
    throw new TtError('input', `${flag} is required`, 'run `tt add --help` for the options');
  return value;
}

export function registerAddCommand(program: Command): void {
  program
    .command('add')
    .description(
      'add time by hand (a meeting, a call, work away from the terminal): direct time, marked as such',
    )
    .option('--start <time>', `when it started: ${TIME_INPUT_HELP}`)
    .option('--end <time>', 'when it ended')
    .option('--stream <id>', 'the stream it belongs to (id or unique prefix, see `tt streams list`)')
    .option('--project <name>', 'or the project it belongs to (its own stream, made when there is none)')
    .option('--note <text>', 'what it was (goes into the timesheet’s description)')
    .option('--json', 'print the new entry as JSON')
    .addHelpText(
      'after',
      `
An entry counts as direct time on its stream in every view, report and timesheet, and replaces
what focus and prompts said for those minutes. It lasts at most 24 hours and may not overlap
another entry. \`tt streams undo\` takes it back; \`tt entries\` lists, changes and deletes entries.

Example:
  tt add --start 2026-03-02T14:00 --end 2026-03-02T15:00 --project spotter --note "design review"`,
    )
    .action(async (options: AddOptions, command: Command) => {
      const now = Date.now();
      const start = timeOption('--start', required(options.start, '--start'), now);
      const end = timeOption('--end', required(options.end, '--end'), now);
      if (end <= start)
        throw new TtError(
          'input',
          `--end must be after --start (${options.end} is not after ${options.start})`,
        );
      if ((options.stream === undefined) === (options.project === undefined)) {
        throw new TtError('input', 'give --stream or --project (one of them)');
      }
      await withService(command, async (service) => {
        const result = await service.addManualEntry({
          start,
          end,
          ...(options.stream === undefined ? {} : { streamId: options.stream }),
          ...(options.project === undefined ? {} : { project: options.project }),
          ...(options.note === undefined ? {} : { note: options.note }),
        });
        if (options.json) {
          const [entry] = (await service.listManualEntries({ start, end })).filter((e) => e.id === result.id);
          printJson(entry ? entryJson(entry) : { id: result.id });
        } else {
          process.stdout.write(
            `${result.description} (entry ${result.id.slice(0, 8)}; \`tt streams undo\` takes it back)\n`,
          );
        }
      });
    });
}

function entryJson(entry: ManualEntry) {
  return { ...entry, start: isoOrNull(entry.start), end: isoOrNull(entry.end) };
}

export function registerEntriesCommand(program: Command): void {
  const entries = program
    .command('entries')
    .description('time added by hand: list, edit, delete (`tt add` adds)');

  addRangeOptions(
    entries
      .command('list', { isDefault: true })
      .description('entries in a range (default: the last 30 days)'),
    `the start: ${TIME_INPUT_HELP}`,
    'the end (default: now)',
  )
    .option('--json', 'print machine-readable JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const now = Date.now();
      const range = rangeOption(rangeFlags(options), now);
      const start = range.since ?? now - 30 * 86_400_000;
      const end = range.until ?? now;
      await withService(command, async (service) => {
        const list = await service.listManualEntries({ start, end });
        if (options.json) return printJson(list.map(entryJson));
        if (list.length === 0) return void process.stdout.write('No time added by hand in this range.\n');
        process.stdout.write(
          `${formatTable(
            ['id', 'start', 'end', 'length', 'stream', 'note'],
            list.map((e) => [
              e.id.slice(0, 8),
              formatLocalTime(e.start),
              formatLocalTime(e.end),
              formatDuration(e.end - e.start),
              e.streamName,
              e.note,
            ]),
          )}\n`,
        );
      });
    });

  entries
    .command('edit')
    .description("change an entry's start, end or note")
    .argument('<id>', 'the entry (id or unique prefix)')
    .option('--start <time>', 'the new start')
    .option('--end <time>', 'the new end')
    .option('--note <text>', 'the new note')
    .action(
      async (id: string, options: { start?: string; end?: string; note?: string }, command: Command) => {
        const now = Date.now();
        if (options.start === undefined && options.end === undefined && options.note === undefined) {
          throw new TtError('input', 'give --start, --end or --note');
        }
        const update = {
          id,
          ...(options.start === undefined ? {} : { start: timeOption('--start', options.start, now) }),
          ...(options.end === undefined ? {} : { end: timeOption('--end', options.end, now) }),
          ...(options.note === undefined ? {} : { note: options.note }),
        };
        await withService(command, async (service) => {
          const result = await service.updateManualEntry(update);
          process.stdout.write(`${result.description}\n`);
        });
      },
    );

  entries
    .command('delete')
    .description('delete an entry (`tt streams undo` brings it back)')
    .argument('<id>', 'the entry (id or unique prefix)')
    .action(async (id: string, _options: unknown, command: Command) => {
      await withService(command, async (service) => {
        const result = await service.deleteManualEntry({ id });
        process.stdout.write(`${result.description}\n`);
      });
    });
}
