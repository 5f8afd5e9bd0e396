import type { Report, ReportRow, SessionReportRow } from './api';
import { toCsv } from './csv';

// A report as a file: the rows `tt report --csv/--json` prints and the app's Export saves, so
// a spreadsheet gets the same numbers from either.

const MINUTE_MS = 60_000;

/** The report with ISO times and the time zone its days were cut in. */
export function reportJson(report: Report, timeZone: string) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return { ...report, start: iso(report.start), end: iso(report.end), timeZone };
}

const minutes = (ms: number) => Math.round((ms / MINUTE_MS) * 100) / 100;

/** One line per row, then the total; minutes with two decimals; per stream, its project last. */
export function reportCsv(report: Report): string {
  const withProject = report.by === 'stream';
  const line = (row: ReportRow) => [
    row.key,
    row.name,
    minutes(row.directMs),
    minutes(row.delegatedMs),
    minutes(row.waitingMs),
    row.delegationRatio === null ? null : Math.round(row.delegationRatio * 100) / 100,
    row.sessions,
    Math.round(row.attentionShare * 10_000) / 10_000,
    ...(withProject ? [row.project ?? null] : []),
  ];
  return toCsv([
    [
      report.by,
      'name',
      'direct_minutes',
      'delegated_minutes',
      'waiting_minutes',
      'delegation_ratio',
      'sessions',
      'attention_share',
      ...(withProject ? ['project'] : []),
    ],
    ...report.rows.map(line),
    line(report.total),
  ]);
}

/** One line per session: what it was, where it ran, and its share of the range's time. */
export function sessionReportCsv(rows: readonly SessionReportRow[]): string {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return toCsv([
    [
      'session_id',
      'agent',
      'project',
      'branch',
      'stream',
      'start',
      'end',
      'direct_minutes',
      'delegated_minutes',
      'waiting_minutes',
      'title',
    ],
    ...rows.map((row) => [
      row.sessionId,
      row.agent,
      row.project,
      row.branch,
      row.stream,
      iso(row.start),
      iso(row.end),
      minutes(row.directMs),
      minutes(row.delegatedMs),
      minutes(row.waitingMs),
      row.title,
    ]),
  ]);
}

/** The session rows with ISO times, as `tt report --sessions --json` prints them. */
export function sessionReportJson(rows: readonly SessionReportRow[]) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return rows.map((row) => ({ ...row, start: iso(row.start), end: iso(row.end) }));
}
