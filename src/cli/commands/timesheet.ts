import type { Command } from 'commander';
import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { startOfMonth } from 'date-fns/startOfMonth';
import { resolveReportPeriod } from '../../core/time/report-period';
import { TIME_INPUT_HELP } from '../../core/typed-time';
import { TtError } from '../../main/errors';
import {
  TIMESHEET_MEASURES,
  TIMESHEET_ROUNDINGS,
  type Timesheet,
  type TimesheetMeasure,
  type TimesheetQuery,
} from '../../shared/api';
import {
  timesheetCaption,
  timesheetCsv,
  timesheetJson,
  timesheetMarkdown,
} from '../../shared/timesheet-export';
import { printJson, withService } from '../context';
import { formatTable } from '../format';
import { importPendingEvents } from '../import-notes';
import { addRangeOptions, rangeFlags } from '../options';

const FORMATS = ['table', 'csv', 'json', 'md'] as const;

interface TimesheetOptions {
  by: string;
  measure: string;
  round?: string;
  project: string[];
  format: string;
}

function oneOf<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  const found = choices.find((choice) => choice === value);
  if (found === undefined) {
    throw new TtError(
      'input',
      `${flag} must be one of ${choices.map((c) => `"${c}"`).join(', ')}, not "${value}"`,
    );
  }
  return found;
}

/** "15m", "15", "0.25h" → 15; only the roundings a timesheet offers. */
function roundingOption(value: string): TimesheetQuery['roundMinutes'] {
  const match = /^(\d+)\s*m?$/i.exec(value.trim());
  const minutes = match ? Number(match[1]) : NaN;
  const rounding = TIMESHEET_ROUNDINGS.find((r) => r === minutes);
  if (rounding === undefined) {
    throw new TtError(
      'input',
      `--round must be one of ${TIMESHEET_ROUNDINGS.map((r) => `${r}m`).join(', ')}, not "${value}"`,
    );
  }
  return rounding;
}

export function registerTimesheetCommand(program: Command): void {
  const command = program
    .command('timesheet')
    .description('hours per day and project (or stream), with what was done, to bill from')
    .addHelpText(
      'after',
      `
Measures:
  direct     your own attention (pane focus, scrolling, prompts, time added by hand), one
             stream at a time: it never adds up past the wall clock. The default.
  active     when you or an agent worked on the project (the union of both).
  delegated  agents working; agents in different streams add up, as in \`tt report\`.

Without --round, a project's hours summed over the days equal what \`tt report --by project\`
prints for the same range (hours to two decimals, rounded on the running total). --round rounds
each row up, and says so. Rates: \`tt settings set rate.<project> 120\` adds an amount column and a
total to the CSV and Markdown. Descriptions are the streams' names and sessions' titles, with
secrets redacted as in the prompt sent to Claude. The default range is this month.

Example:
  tt timesheet --since 2026-03-01 --until 2026-04-01 --project 'client-*' --round 15m --format csv`,
    );
  addRangeOptions(
    command,
    `the start (default: the first of this month): ${TIME_INPUT_HELP}`,
    'the end (default: the end of this month)',
  )
    .option('--by <what>', 'one row per day and "project" or "stream"', 'project')
    .option('--measure <measure>', `what is counted: ${TIMESHEET_MEASURES.join(', ')}`, 'direct')
    .option('--round <minutes>', `round each row up: ${TIMESHEET_ROUNDINGS.map((r) => `${r}m`).join(', ')}`)
    .option(
      '--project <name>',
      'only this project (a name or glob such as "client-*"; repeat for more)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--format <format>', `${FORMATS.join(', ')}`, 'table')
    .action(async (options: TimesheetOptions, cmd: Command) => {
      const by = oneOf('--by', options.by, ['project', 'stream'] as const);
      const measure: TimesheetMeasure = oneOf('--measure', options.measure, TIMESHEET_MEASURES);
      const outputFormat = oneOf('--format', options.format, FORMATS);
      const roundMinutes = options.round === undefined ? undefined : roundingOption(options.round);
      const range = rangeFlags(options);
      const now = Date.now();
      let period: { start: number; end: number };
      if (range.since === undefined && range.until === undefined) {
        const start = startOfMonth(now).getTime();
        period = { start, end: addMonths(start, 1).getTime() };
      } else {
        const resolved = resolveReportPeriod(range, now);
        if (!resolved.ok)
          throw new TtError('input', resolved.error, 'run `tt timesheet --help` for the options');
        period = resolved.period;
      }
      await withService(cmd, async (service) => {
        await importPendingEvents(service);
        const sheet = await service.timesheet({
          ...period,
          by,
          measure,
          ...(roundMinutes === undefined ? {} : { roundMinutes }),
          ...(options.project.length > 0 ? { projects: options.project } : {}),
        });
        if (outputFormat === 'json') printJson(timesheetJson(sheet, timeZone()));
        else if (outputFormat === 'csv') process.stdout.write(timesheetCsv(sheet));
        else if (outputFormat === 'md') process.stdout.write(timesheetMarkdown(sheet));
        else process.stdout.write(timesheetText(sheet));
        if (sheet.redacted > 0) {
          process.stderr.write(
            `tt: ${sheet.redacted} secret${sheet.redacted === 1 ? '' : 's'} redacted from the descriptions\n`,
          );
        }
      });
    });
}

function timeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function timesheetText(sheet: Timesheet): string {
  const rates = sheet.total.amount !== null;
  const header = [
    'date',
    'project',
    ...(sheet.by === 'stream' ? ['stream'] : []),
    'hours',
    ...(rates ? ['amount'] : []),
    'description',
  ];
  const rows = sheet.rows.map((row) => [
    row.date,
    row.project,
    ...(sheet.by === 'stream' ? [row.stream ?? ''] : []),
    row.hours.toFixed(2),
    ...(rates ? [row.amount === null ? '—' : row.amount.toFixed(2)] : []),
    row.description,
  ]);
  const lines = [
    `${format(sheet.start, 'yyyy-MM-dd HH:mm')} – ${format(sheet.end, 'yyyy-MM-dd HH:mm')} (${timeZone()})`,
    timesheetCaption(sheet),
    '',
  ];
  if (sheet.rows.length === 0) lines.push('No time recorded in this range.', '');
  else lines.push(formatTable(header, rows), '');
  lines.push(
    formatTable(
      ['project', 'hours', ...(rates ? ['rate', 'amount'] : [])],
      [
        ...sheet.projects.map((p) => [
          p.project,
          p.hours.toFixed(2),
          ...(rates
            ? [p.rate === null ? '—' : String(p.rate), p.amount === null ? '—' : p.amount.toFixed(2)]
            : []),
        ]),
        ['Total', sheet.total.hours.toFixed(2), ...(rates ? ['', sheet.total.amount!.toFixed(2)] : [])],
      ],
    ),
  );
  return `${lines.join('\n')}\n`;
}
