import { useState } from 'react';
import { TIMESHEET_MEASURES, type TimesheetMeasure, type TimesheetQuery } from '../../../shared/api';
import {
  timesheetCaption,
  timesheetCsv,
  timesheetJson,
  timesheetMarkdown,
} from '../../../shared/timesheet-export';
import { useTimesheet } from '../api/queries';
import { dayKey, type Range } from '../lib/time';
import { useUi } from '../state/ui-store';
import { saveFile } from './ExportButtons';

// Insights → Timesheet: the rows `tt timesheet` prints, for the range on screen and the
// project filter, with Export as CSV, Markdown or JSON (the same files the CLI writes).

const ROUNDINGS = [0, 6, 15, 30] as const;

export function TimesheetView({ range }: { range: Range }) {
  const project = useUi((s) => s.project);
  const [by, setBy] = useState<'project' | 'stream'>('project');
  const [measure, setMeasure] = useState<TimesheetMeasure>('direct');
  const [round, setRound] = useState<(typeof ROUNDINGS)[number]>(0);
  const query: TimesheetQuery = {
    start: range.start,
    end: range.end,
    by,
    measure,
    ...(round === 0 ? {} : { roundMinutes: round }),
    ...(project ? { projects: [project] } : {}),
  };
  const sheet = useTimesheet(query);
  const data = sheet.data;
  const rates = data?.total.amount != null;
  const name = `tt-timesheet-${dayKey(range.start)}-to-${dayKey(range.end - 1)}`;
  return (
    <section className="timesheet" aria-labelledby="timesheet-title" data-testid="timesheet">
      <div className="insights-head">
        <h2 id="timesheet-title">Timesheet</h2>
        <label>
          Rows{' '}
          <select value={by} onChange={(e) => setBy(e.target.value as 'project' | 'stream')}>
            <option value="project">per day and project</option>
            <option value="stream">per day and stream</option>
          </select>
        </label>
        <label>
          Measure{' '}
          <select value={measure} onChange={(e) => setMeasure(e.target.value as TimesheetMeasure)}>
            {TIMESHEET_MEASURES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label>
          Round up{' '}
          <select
            value={round}
            onChange={(e) => setRound(Number(e.target.value) as (typeof ROUNDINGS)[number])}
          >
            {ROUNDINGS.map((r) => (
              <option key={r} value={r}>
                {r === 0 ? 'no' : `${r} min`}
              </option>
            ))}
          </select>
        </label>
        {data && (
          <span className="export-buttons" role="group" aria-label="Export the timesheet">
            <button type="button" onClick={() => saveFile(timesheetCsv(data), 'text/csv', `${name}.csv`)}>
              Export CSV
            </button>
            <button
              type="button"
              onClick={() => saveFile(timesheetMarkdown(data), 'text/markdown', `${name}.md`)}
            >
              Export Markdown
            </button>
            <button
              type="button"
              onClick={() =>
                saveFile(
                  `${JSON.stringify(timesheetJson(data, Intl.DateTimeFormat().resolvedOptions().timeZone), null, 2)}\n`,
                  'application/json',
                  `${name}.json`,
                )
              }
            >
              Export JSON
            </button>
          </span>
        )}
      </div>
      {sheet.isError && (
        <p role="alert" className="error-banner">
          {sheet.error.message}
        </p>
      )}
      {data && (
        <table className="totals-table" data-testid="timesheet-table">
          <caption>{timesheetCaption(data)}</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Project</th>
              {by === 'stream' && <th scope="col">Stream</th>}
              <th scope="col">Hours</th>
              {rates && <th scope="col">Amount</th>}
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={`${row.date}|${row.project}|${row.streamId ?? ''}`}>
                <td>{row.date}</td>
                <td>{row.project}</td>
                {by === 'stream' && <td>{row.stream}</td>}
                <td className="num">{row.hours.toFixed(2)}</td>
                {rates && <td className="num">{row.amount === null ? '—' : row.amount.toFixed(2)}</td>}
                <td>{row.description}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {data.projects.map((p) => (
              <tr key={p.project} data-testid="timesheet-project" data-project={p.project}>
                <th scope="row">Total</th>
                <td>{p.project}</td>
                {by === 'stream' && <td />}
                <td className="num">{p.hours.toFixed(2)}</td>
                {rates && <td className="num">{p.amount === null ? '—' : p.amount.toFixed(2)}</td>}
                <td />
              </tr>
            ))}
            <tr>
              <th scope="row">Total</th>
              <td />
              {by === 'stream' && <td />}
              <td className="num" data-testid="timesheet-total">
                {data.total.hours.toFixed(2)}
              </td>
              {rates && <td className="num">{data.total.amount!.toFixed(2)}</td>}
              <td />
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
