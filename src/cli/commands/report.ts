import type { Command } from 'commander';
import { format } from 'date-fns/format';
import { resolveReportPeriod, type ReportPeriod } from '../../core/time/report-period';
import { TIME_INPUT_HELP } from '../../core/typed-time';
import { TtError } from '../../main/errors';
import type { Report, ReportRow } from '../../shared/api';
import { REPORT_GROUPINGS } from '../../shared/report-groupings';
import { printJson, withService } from '../context';
import { importPendingEvents } from '../import-notes';
import { reportCsv, reportJson, sessionReportCsv, sessionReportJson } from '../../shared/report-export';
import type { SessionReportRow } from '../../shared/api';
import { formatDuration, formatLocalTime, formatTable } from '../format';
import { addRangeOptions, rangeFlags } from '../options';

interface ReportOptions {
  day?: string | boolean;
  week?: string | boolean;
  lastWeek?: boolean;
  by: string;
  json?: boolean;
  csv?: boolean;
  sessions?: boolean;
}

export function registerReportCommand(program: Command): void {
  const report = program
    .command('report')
    .description(
      'direct and delegated time per stream, for a day, a week (the default) or a range, in local time',
    )
    .option('--day [date]', 'the day that contains date (default: today)')
    .option('--week [date]', 'the week, Monday to Sunday, that contains date (default: this week)')
    .option('--last-week', 'last week, Monday to Sunday');
  addRangeOptions(report, `the start of a range: ${TIME_INPUT_HELP}`, 'the end of a range (default: now)')
    .option('--by <what>', `one row per ${REPORT_GROUPINGS.join(', per ')}`, 'stream')
    .option('--json', 'print machine-readable JSON')
    .option('--csv', 'print CSV for a spreadsheet')
    .option(
      '--sessions',
      'one row per session instead (id, agent, project, branch, stream, start, end, direct, delegated, waiting, title)',
    )
    .addHelpText(
      'after',
      `
Direct time is your attention (pane focus, scrolling, prompts), one stream at a time; delegated
time is agents working, and agents in different streams add up; waiting is agents idle because
they need you (finished, or asking), and never adds to the other two. ratio = delegated / direct;
attention = the share of all direct time. Activity with no stream is listed as Unassigned
(key "" in --json and --csv). See "How time is counted" in the README.`,
    )
    .action(async (options: ReportOptions, command: Command) => {
      const by = REPORT_GROUPINGS.find((grouping) => grouping === options.by);
      if (by === undefined) {
        const choices = REPORT_GROUPINGS.map((grouping) => `"${grouping}"`).join(', ');
        throw new TtError('input', `--by must be one of ${choices}, not "${options.by}"`);
      }
      if (options.json && options.csv) throw new TtError('input', 'choose one of --json and --csv');
      const resolved = resolveReportPeriod({ ...options, ...rangeFlags(options) }, Date.now());
      if (!resolved.ok) throw new TtError('input', resolved.error, 'run `tt report --help` for the options');
      const { period } = resolved;
      await withService(command, async (service) => {
        await importPendingEvents(service);
        if (options.sessions) {
          const rows = await service.sessionReport({ start: period.start, end: period.end });
          if (options.csv) process.stdout.write(sessionReportCsv(rows));
          else if (options.json) printJson(sessionReportJson(rows));
          else process.stdout.write(sessionsText(rows, period));
          return;
        }
        const report = await service.report({
          start: period.start,
          end: period.end,
          by,
        });
        if (options.json) printJson(reportJson(report, timeZone()));
        else if (options.csv) process.stdout.write(reportCsv(report));
        else process.stdout.write(reportText(report, period));
      });
    });
}

function timeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function describePeriod({ start, end, kind }: ReportPeriod): string {
  const last = end - 1;
  if (kind === 'day') return format(start, 'EEEE d MMMM yyyy');
  if (kind === 'week') return `Week of ${format(start, 'EEE d MMM')} – ${format(last, 'EEE d MMM yyyy')}`;
  return `${format(start, 'yyyy-MM-dd HH:mm')} – ${format(end, 'yyyy-MM-dd HH:mm')}`;
}

function reportText(report: Report, period: ReportPeriod): string {
  const cells = (row: ReportRow) => [
    row.name,
    formatDuration(row.directMs),
    formatDuration(row.delegatedMs),
    formatDuration(row.waitingMs),
    row.delegationRatio === null ? '—' : `${row.delegationRatio.toFixed(1)}×`,
    String(row.sessions),
    `${Math.round(row.attentionShare * 100)}%`,
  ];
  const header = [report.by, 'direct', 'delegated', 'waiting', 'ratio', 'sessions', 'attention'];
  const lines = [`${describePeriod(period)} (${timeZone()})`, ''];
  if (report.rows.length === 0) lines.push('No activity recorded in this period.', '');
  lines.push(formatTable(header, [...report.rows.map(cells), cells(report.total)]));
  return `${lines.join('\n')}\n`;
}

function sessionsText(rows: readonly SessionReportRow[], period: ReportPeriod): string {
  const lines = [`${describePeriod(period)} (${timeZone()})`, ''];
  if (rows.length === 0) lines.push('No session worked in this period.', '');
  lines.push(
    formatTable(
      ['session', 'agent', 'project', 'stream', 'start', 'direct', 'delegated', 'waiting', 'title'],
      rows.map((row) => [
        row.sessionId.slice(0, 8),
        row.agent,
        row.project ?? '—',
        row.stream,
        formatLocalTime(row.start),
        formatDuration(row.directMs),
        formatDuration(row.delegatedMs),
        formatDuration(row.waitingMs),
        row.title,
      ]),
    ),
  );
  return `${lines.join('\n')}\n`;
}
