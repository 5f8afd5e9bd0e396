import type { Command } from 'commander';
import type { EventQuery, EventRecord, EventType } from '../../shared/api';
import { TIME_INPUT_HELP } from '../../core/typed-time';
import { TtError } from '../../main/errors';
import { printJson, withService } from '../context';
import { importPendingEvents } from '../import-notes';
import { formatLocalTime, formatTable, isoOrNull } from '../format';
import { addRangeOptions, positiveIntOption, rangeFlags, rangeOption } from '../options';

const EVENT_TYPES: EventType[] = ['pane-focus', 'scroll', 'idle-start', 'idle-end'];

interface EventsOptions {
  type?: string;
  limit?: string;
  json?: boolean;
}

export function registerEventsCommand(program: Command): void {
  const events = program
    .command('events')
    .description('import pending terminal events and list them with their project, and away periods');
  addRangeOptions(
    events,
    `from this time (default without --until: 1d, the last 24 hours); ${TIME_INPUT_HELP}`,
    'up to this time (default: now)',
  )
    .option('--type <type>', `only events of this type: ${EVENT_TYPES.join(', ')}`)
    .option('--limit <n>', 'show at most n events (the most recent)')
    .option('--json', 'print machine-readable JSON')
    .action(async (options: EventsOptions, command: Command) => {
      const now = Date.now();
      const range = rangeFlags(options);
      const query: EventQuery = {
        // Without a range, the last day; with only --until, everything before it.
        ...rangeOption(
          {
            since: range.since ?? (range.until === undefined ? { flag: '--since', value: '1d' } : undefined),
            until: range.until,
          },
          now,
        ),
        type: typeOption(options.type),
      };
      const limit = options.limit === undefined ? undefined : positiveIntOption('--limit', options.limit);
      await withService(command, async (service) => {
        const imported = await importPendingEvents(service);
        let events = await service.listEvents(query);
        if (limit !== undefined) events = events.slice(-limit);
        if (options.json) {
          printJson(events.map((event) => ({ ...event, ts: isoOrNull(event.ts) })));
          return;
        }
        if (events.length === 0) {
          // Events waiting in a spool file tt could not read are not "no events".
          process.stdout.write(
            imported.warnings.length > 0
              ? 'no events imported in this range; some may be waiting (see the problems above)\n'
              : 'no events in this range (is the tmux hook installed? see `tt hook tmux`)\n',
          );
          return;
        }
        process.stdout.write(
          `${formatTable(['time', 'type', 'project', 'workspace', 'via', 'pane', 'directory'], events.map(row))}\n`,
        );
      });
    });
}

function row(event: EventRecord): string[] {
  const pane = [event.tmuxSession, event.windowIndex, event.paneId].filter((part) => part !== null).join(':');
  return [
    formatLocalTime(event.ts),
    event.detail === null ? event.type : `${event.type === 'idle-start' ? 'away' : 'back'} (${event.detail})`,
    event.projectName ?? '—',
    event.workspaceName ?? '—',
    event.identitySource ?? '—',
    pane || '—',
    event.cwd ?? '—',
  ];
}

function typeOption(value: string | undefined): EventType | undefined {
  if (value === undefined) return undefined;
  if (!(EVENT_TYPES as string[]).includes(value)) {
    throw new TtError(
      'input',
      `--type "${value}" is not an event type`,
      `use one of ${EVENT_TYPES.join(', ')}`,
    );
  }
  return value as EventType;
}
