import { useMemo, useState, type KeyboardEvent } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import type { Insights, InsightsBucket, InsightsRow, ActivityCalendar } from '../../../shared/api';
import { useActivityCalendar, useInsights } from '../api/queries';
import { streamColor } from '../lib/color-scale';
import { dayKey, formatDuration, parseDayKey, yearBefore, type Range } from '../lib/time';
import { useUi } from '../state/ui-store';

// Where a range went: totals per project, stream, agent and machine; direct time per project
// over time; a year of active days; and weekly trends of leverage and waiting. Every figure
// comes from the service's one allocation of the range (the timeline's and `tt report`'s).
// Each chart has a table beside it, which is what a keyboard or a screen reader reads.

const HOUR_MS = 3_600_000;
/** A chart as wide as its points need (so a few bars stay bars), within what the page can hold. */
const chartWidth = (points: number, pxPerPoint: number) =>
  Math.max(480, Math.min(1100, 120 + points * pxPerPoint));
type Measure = 0 | 1 | 2;
const MEASURES: { label: string; index: Measure }[] = [
  { label: 'Direct', index: 0 },
  { label: 'Delegated', index: 1 },
  { label: 'Waiting', index: 2 },
];

export function InsightsPage({ range }: { range: Range }) {
  const project = useUi((s) => s.project);
  const insights = useInsights(range, project);
  return (
    <section className="insights" aria-labelledby="insights-title" data-testid="insights">
      <div className="insights-head">
        <h2 id="insights-title">Insights</h2>
        <RangePresets />
        <ProjectFilter projects={insights.data?.projects.map((p) => p.name) ?? []} />
      </div>
      {insights.isError && (
        <p role="alert" className="error-banner">
          {insights.error.message}
        </p>
      )}
      {insights.isPending && <p className="muted">Loading…</p>}
      {insights.data && <InsightsBody data={insights.data} />}
      <YearCalendar range={range} project={project} />
    </section>
  );
}

function InsightsBody({ data }: { data: Insights }) {
  const { totals } = data;
  return (
    <>
      <p className="totals" data-testid="insights-totals">
        <span>
          Direct <strong data-testid="insights-direct">{formatDuration(totals.directMs)}</strong>
        </span>
        <span>
          Delegated <strong>{formatDuration(totals.delegatedMs)}</strong>
        </span>
        <span>
          Waiting <strong>{formatDuration(totals.waitingMs)}</strong>
        </span>
        <span>
          Active <strong>{formatDuration(totals.activeMs)}</strong>
        </span>
        {totals.manualMs > 0 && (
          <span>
            Added by hand <strong>{formatDuration(totals.manualMs)}</strong>
          </span>
        )}
      </p>
      <ProjectChart data={data} />
      <div className="insights-tables">
        <TotalsTable title="Projects" rows={data.projects} testId="insights-projects" />
        <TotalsTable title="Streams" rows={data.streams} testId="insights-streams" />
        <TotalsTable title="Agents" rows={data.agents} testId="insights-agents" />
        <TotalsTable title="Machines" rows={data.machines} testId="insights-machines" />
      </div>
      <Trends data={data} />
    </>
  );
}

/** Ranges people ask about, as From/To on the toolbar (so they stay in the URL). */
function RangePresets() {
  const setCustomRange = useUi((s) => s.setCustomRange);
  const choose = (days: number) => {
    const today = parseDayKey(dayKey(Date.now()));
    setCustomRange(dayKey(addDays(today, -(days - 1)).getTime()), dayKey(today.getTime()));
  };
  return (
    <span className="segmented" role="group" aria-label="Range">
      <button type="button" onClick={() => choose(28)}>
        4 weeks
      </button>
      <button type="button" onClick={() => choose(91)}>
        3 months
      </button>
      <button type="button" onClick={() => choose(365)}>
        12 months
      </button>
    </span>
  );
}

function ProjectFilter({ projects }: { projects: string[] }) {
  const project = useUi((s) => s.project);
  const setProject = useUi((s) => s.setProject);
  const names = project && !projects.includes(project) ? [project, ...projects] : projects;
  return (
    <select
      aria-label="Filter by project"
      value={project ?? ''}
      onChange={(event) => setProject(event.target.value || null)}
      data-testid="insights-project"
    >
      <option value="">All projects</option>
      {[...names].sort().map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  );
}

/** Opens a chart's bucket (a day, a week, a month) on the timeline. */
function openOnTimeline(bucket: { start: number; end: number }, unit: Insights['unit']): void {
  const ui = useUi.getState();
  if (unit === 'day') ui.goTo('day', dayKey(bucket.start));
  else if (unit === 'week') ui.goTo('week', dayKey(bucket.start));
  else ui.setCustomRange(dayKey(bucket.start), dayKey(bucket.end - 1));
  ui.setPage('timeline');
}

function bucketLabel(bucket: InsightsBucket, unit: Insights['unit']): string {
  if (unit === 'day') return format(bucket.start, 'EEE d MMM');
  if (unit === 'week') return `Week of ${format(bucket.start, 'd MMM')}`;
  return format(bucket.start, 'MMM yyyy');
}

function ProjectChart({ data }: { data: Insights }) {
  const [measure, setMeasure] = useState<Measure>(0);
  const projects = data.projects.map((p) => p.name);
  const colours = useMemo(() => new Map(projects.map((name, i) => [name, streamColor(i)])), [projects]);
  const rows = data.buckets.map((bucket) => {
    const row: Record<string, number | string> = { label: bucketLabel(bucket, data.unit) };
    for (const name of projects) row[name] = (bucket.projects[name]?.[measure] ?? 0) / HOUR_MS;
    return row;
  });
  const measureName = MEASURES[measure]!.label.toLowerCase();
  return (
    <figure className="insights-chart" aria-labelledby="chart-caption">
      <figcaption id="chart-caption">
        {MEASURES[measure]!.label} time per project, by {data.unit}{' '}
        <span className="segmented" role="group" aria-label="Measure">
          {MEASURES.map((m) => (
            <button
              key={m.label}
              type="button"
              aria-pressed={measure === m.index}
              onClick={() => setMeasure(m.index)}
            >
              {m.label}
            </button>
          ))}
        </span>
      </figcaption>
      <div className="chart-frame" data-testid="insights-chart" data-buckets={data.buckets.length}>
        <BarChart width={chartWidth(data.buckets.length, 48)} height={260} data={rows} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={12} />
          <YAxis unit="h" width={48} niceTicks="snap125" />
          <Tooltip formatter={(value) => formatDuration(Number(value) * HOUR_MS)} />
          {projects.length <= 12 && <Legend />}
          {projects.map((name) => (
            <Bar
              key={name}
              dataKey={name}
              stackId="projects"
              fill={colours.get(name)}
              isAnimationActive={false}
              cursor="pointer"
              className="chart-bar"
              onClick={(_, index) => {
                const bucket = data.buckets[index];
                if (bucket) openOnTimeline(bucket, data.unit);
              }}
            />
          ))}
        </BarChart>
      </div>
      <details className="chart-table">
        <summary>The chart as a table</summary>
        <table data-testid="insights-chart-table">
          <caption>
            {MEASURES[measure]!.label} time per project and {data.unit}; open one on the timeline
          </caption>
          <thead>
            <tr>
              <th scope="col">{data.unit}</th>
              {projects.map((name) => (
                <th key={name} scope="col">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.buckets.map((bucket, i) => (
              <tr key={bucket.start}>
                <th scope="row">
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => openOnTimeline(bucket, data.unit)}
                    aria-label={`Open ${bucketLabel(bucket, data.unit)} on the timeline`}
                    data-testid={`bucket-${i}`}
                  >
                    {bucketLabel(bucket, data.unit)}
                  </button>
                </th>
                {projects.map((name) => (
                  <td key={name} className="num">
                    {formatDuration(bucket.projects[name]?.[measure] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <p className="visually-hidden">
        {projects.length} projects over {data.buckets.length} {data.unit}s of {measureName} time.
      </p>
    </figure>
  );
}

type SortKey = 'name' | 'directMs' | 'delegatedMs' | 'waitingMs';
const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'directMs', label: 'Direct' },
  { key: 'delegatedMs', label: 'Delegated' },
  { key: 'waitingMs', label: 'Waiting' },
];

function TotalsTable({ title, rows, testId }: { title: string; rows: InsightsRow[]; testId: string }) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'directMs',
    descending: true,
  });
  const sorted = useMemo(() => {
    const list = [...rows];
    list.sort((a, b) => {
      const order =
        sort.key === 'name'
          ? a.name.localeCompare(b.name)
          : (a[sort.key] as number) - (b[sort.key] as number);
      return sort.descending ? -order : order;
    });
    return list;
  }, [rows, sort]);
  return (
    <table className="totals-table" data-testid={testId}>
      <caption>{title}</caption>
      <thead>
        <tr>
          {COLUMNS.map((column) => (
            <th
              key={column.key}
              scope="col"
              aria-sort={sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
            >
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  setSort({
                    key: column.key,
                    descending: sort.key === column.key ? !sort.descending : column.key !== 'name',
                  })
                }
              >
                {column.label}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.length === 0 && (
          <tr>
            <td colSpan={4} className="muted">
              Nothing in this range.
            </td>
          </tr>
        )}
        {sorted.map((row) => (
          <tr key={row.key} data-name={row.name}>
            <th scope="row">
              {row.name}
              {row.project && row.project !== row.name ? (
                <span className="muted"> · {row.project}</span>
              ) : null}
            </th>
            <td className="num" data-testid="direct">
              {formatDuration(row.directMs)}
              {row.manualMs > 0 && (
                <span className="manual-mark" title={`${formatDuration(row.manualMs)} added by hand`}>
                  {' '}
                  ✎
                </span>
              )}
            </td>
            <td className="num">{formatDuration(row.delegatedMs)}</td>
            <td className="num">{formatDuration(row.waitingMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Trends({ data }: { data: Insights }) {
  const rows = data.trends.map((week) => ({
    label: format(week.start, 'd MMM'),
    leverage: week.leverage === null ? null : Math.round(week.leverage * 100) / 100,
    waiting: Math.round((week.waitingMs / HOUR_MS) * 100) / 100,
  }));
  return (
    <figure className="insights-chart" aria-labelledby="trends-caption">
      <figcaption id="trends-caption">
        Per week: agent leverage (delegated ÷ direct) and time agents waited on you
      </figcaption>
      <LineChart width={chartWidth(rows.length, 40)} height={200} data={rows} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={12} />
        <YAxis yAxisId="leverage" width={40} niceTicks="snap125" />
        <YAxis yAxisId="waiting" orientation="right" unit="h" width={48} niceTicks="snap125" />
        <Tooltip />
        <Legend />
        <Line
          yAxisId="leverage"
          dataKey="leverage"
          name="leverage (×)"
          stroke="#3b6fb6"
          isAnimationActive={false}
          connectNulls
        />
        <Line
          yAxisId="waiting"
          dataKey="waiting"
          name="waiting (h)"
          stroke="#c0703a"
          isAnimationActive={false}
        />
      </LineChart>
      <details className="chart-table">
        <summary>The trends as a table</summary>
        <table data-testid="insights-trends-table">
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col">Direct</th>
              <th scope="col">Delegated</th>
              <th scope="col">Leverage</th>
              <th scope="col">Waiting on you</th>
            </tr>
          </thead>
          <tbody>
            {data.trends.map((week) => (
              <tr key={week.start}>
                <th scope="row">{format(week.start, 'd MMM yyyy')}</th>
                <td className="num">{formatDuration(week.directMs)}</td>
                <td className="num">{formatDuration(week.delegatedMs)}</td>
                <td className="num">{week.leverage === null ? '—' : `${week.leverage.toFixed(1)}×`}</td>
                <td className="num">{formatDuration(week.waitingMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function level(ms: number, max: number): number {
  if (ms <= 0 || max <= 0) return 0;
  return Math.min(4, 1 + Math.floor((ms / max) * 4 - 1e-9));
}

/**
 * A contribution graph of active time: a column per week, a cell per day, each a button that
 * opens the day. One cell is in the tab order; arrow keys move a day (↑↓) or a week (←→).
 */
function YearCalendar({ range, project }: { range: Range; project: string | null }) {
  const year = useMemo(() => yearBefore(range), [range]);
  const calendar = useActivityCalendar(year, project);
  if (!calendar.data) return null;
  return <CalendarGrid calendar={calendar.data} />;
}

function CalendarGrid({ calendar }: { calendar: ActivityCalendar }) {
  const days = calendar.days;
  const max = days.reduce((most, d) => Math.max(most, d.activeMs), 0);
  const lastActive = days.findLastIndex((d) => d.activeMs > 0);
  const [focused, setFocused] = useState(lastActive >= 0 ? lastActive : days.length - 1);
  const open = (date: string) => {
    const ui = useUi.getState();
    ui.goTo('day', date);
    ui.setPage('timeline');
  };
  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowUp: -1, ArrowDown: 1, ArrowLeft: -7, ArrowRight: 7 }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = Math.min(days.length - 1, Math.max(0, focused + step));
    setFocused(next);
    (event.currentTarget.querySelector(`[data-index="${next}"]`) as HTMLElement | null)?.focus();
  };
  const activeDays = days.filter((d) => d.activeMs > 0).length;
  return (
    <figure className="year-calendar" aria-labelledby="calendar-caption">
      <figcaption id="calendar-caption">
        Active time per day, {format(calendar.start, 'd MMM yyyy')} – {format(calendar.end - 1, 'd MMM yyyy')}
        : {activeDays} active days. Choose a day to open it.
      </figcaption>
      <div
        className="calendar-grid"
        role="group"
        aria-label="Days of the year"
        onKeyDown={move}
        data-testid="calendar"
      >
        {days.map((day, i) => {
          const label = `${format(day.start, 'EEE d MMM yyyy')}: ${formatDuration(day.activeMs)} active`;
          return (
            <button
              key={day.date}
              type="button"
              className={`cell level-${level(day.activeMs, max)}`}
              style={i === 0 ? { gridRowStart: ((new Date(day.start).getDay() + 6) % 7) + 1 } : undefined}
              tabIndex={i === focused ? 0 : -1}
              aria-label={label}
              title={label}
              data-index={i}
              data-date={day.date}
              data-active-ms={day.activeMs}
              onFocus={() => setFocused(i)}
              onClick={() => open(day.date)}
            />
          );
        })}
      </div>
    </figure>
  );
}
