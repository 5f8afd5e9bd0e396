import type { Report, ReportRow } from './api';
import { toCsv } from './csv';

// A report as a file: the rows `tt report --csv/--json` prints and the app's Export saves, so
// a spreadsheet gets the same numbers from either.

const MINUTE_MS = 60_000;

/** The report with ISO times and the time zone its days were cut in. */
export function reportJson(report: Report, timeZone: string) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return { ...report, start: iso(report.start), end: iso(report.end), timeZone };
}

/** One line per row, then the total; minutes with two decimals. */
export function reportCsv(report: Report): string {
  const minutes = (ms: number) => Math.round((ms / MINUTE_MS) * 100) / 100;
  const line = (row: ReportRow) => [
    row.key,
    row.name,
    minutes(row.directMs),
    minutes(row.delegatedMs),
    minutes(row.waitingMs),
    row.delegationRatio === null ? null : Math.round(row.delegationRatio * 100) / 100,
    row.sessions,
    Math.round(row.attentionShare * 10_000) / 10_000,
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
    ],
    ...report.rows.map(line),
    line(report.total),
  ]);
}
