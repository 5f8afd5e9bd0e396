import type { Timesheet, TimesheetRow } from './api';
import { toCsv } from './csv';

// A timesheet as a file: the same rows for `tt timesheet --format csv|md|json` and the app's
// Export, so a client gets the same figures from either.

const MEASURE_WORDS: Record<Timesheet['measure'], string> = {
  direct: 'direct time (your attention)',
  active: 'active time (you or an agent working)',
  delegated: 'delegated time (agents working)',
};

/** "Hours of direct time (your attention), each row rounded up to 15 minutes." */
export function timesheetCaption(sheet: Timesheet): string {
  const rounding =
    sheet.roundMinutes === null
      ? 'to two decimals, rows adding up to each total'
      : `each row rounded up to ${sheet.roundMinutes} minutes`;
  return `Hours of ${MEASURE_WORDS[sheet.measure]}, ${rounding}.`;
}

function hasRates(sheet: Timesheet): boolean {
  return sheet.total.amount !== null;
}

function columns(sheet: Timesheet): string[] {
  return [
    'date',
    'project',
    ...(sheet.by === 'stream' ? ['stream'] : []),
    'hours',
    'description',
    ...(hasRates(sheet) ? ['rate', 'amount'] : []),
  ];
}

function cells(sheet: Timesheet, row: TimesheetRow): (string | number | null)[] {
  return [
    row.date,
    row.project,
    ...(sheet.by === 'stream' ? [row.stream ?? ''] : []),
    row.hours.toFixed(2),
    row.description,
    ...(hasRates(sheet) ? [row.rate, row.amount === null ? null : row.amount.toFixed(2)] : []),
  ];
}

function totalCells(sheet: Timesheet): (string | number | null)[] {
  return [
    'Total',
    '',
    ...(sheet.by === 'stream' ? [''] : []),
    sheet.total.hours.toFixed(2),
    timesheetCaption(sheet),
    ...(hasRates(sheet) ? ['', sheet.total.amount!.toFixed(2)] : []),
  ];
}

export function timesheetCsv(sheet: Timesheet): string {
  return toCsv([columns(sheet), ...sheet.rows.map((row) => cells(sheet, row)), totalCells(sheet)]);
}

/** A Markdown table (pipes and line breaks in cells escaped), the caption under it. */
export function timesheetMarkdown(sheet: Timesheet): string {
  const cell = (value: string | number | null) =>
    String(value ?? '')
      .replace(/\\/g, '\\\\')
      .replace(/\|/g, '\\|')
      .replace(/\r?\n/g, ' ');
  const line = (values: (string | number | null)[]) => `| ${values.map(cell).join(' | ')} |`;
  const header = columns(sheet);
  const total = totalCells(sheet).map((value, i) =>
    i === 0 ? '**Total**' : header[i] === 'description' ? '' : value,
  );
  return [
    line(header),
    `|${header.map((name) => (name === 'hours' || name === 'amount' || name === 'rate' ? ' ---: ' : ' --- ')).join('|')}|`,
    ...sheet.rows.map((row) => line(cells(sheet, row))),
    line(total),
    '',
    timesheetCaption(sheet),
    '',
  ].join('\n');
}

/** The timesheet with ISO times and the time zone its days were cut in. */
export function timesheetJson(sheet: Timesheet, timeZone: string) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return { ...sheet, start: iso(sheet.start), end: iso(sheet.end), timeZone };
}
