import { format } from 'date-fns/format';
import { dayKey, formatDuration, type Range } from '../lib/time';
import type { TimeScale } from '../lib/timeline-geometry';
import { useUi } from '../state/ui-store';
import { textWidth } from '../lib/text-width';

const TICKS_HEIGHT = 28;

/**
 * How a day's head shows its totals, so that no figure is ever cut: on one line after the day's
 * name when they fit, stacked beneath it when only that fits, else only the name (the figures are
 * then read out and shown on hover, and zooming in brings them back).
 */
export type DayHeadLayout = 'none' | 'inline' | 'stacked' | 'name';

/** The day heads' row, with its top border. */
const DAY_HEADS_HEIGHT: Record<DayHeadLayout, number> = { none: 0, inline: 35, stacked: 49, name: 35 };
/** A day head's padding and border, beside its text. */
const DAY_HEAD_CHROME = 14;
const DAY_HEAD_FONT = 12;

/** How tall the axis is (its bottom border included): the lanes start below it. */
export const axisHeight = (layout: DayHeadLayout): number => TICKS_HEIGHT + DAY_HEADS_HEIGHT[layout] + 1;

/** The one layout for every head (the widest day's figures decide), so the row is one height. */
export function dayHeadLayout(
  days: Range[],
  totalsByDay: { directMs: number; delegatedMs: number }[],
  pxPerMs: number,
): DayHeadLayout {
  if (days.length === 0) return 'none';
  const room =
    days.reduce((least, d) => Math.min(least, (d.end - d.start) * pxPerMs), Infinity) - DAY_HEAD_CHROME;
  const width = (text: string) => textWidth(text, DAY_HEAD_FONT);
  let inline = 0;
  let stacked = 0;
  days.forEach((day, i) => {
    const totals = totalsByDay[i]!;
    const direct = formatDuration(totals.directMs);
    const delegated = formatDuration(totals.delegatedMs);
    inline = Math.max(inline, width(`${direct} · ${delegated}`), width(format(day.start, 'EEE d')));
    stacked = Math.max(stacked, width(direct), width(delegated), width(format(day.start, 'EEE d')));
  });
  if (inline <= room) return 'inline';
  if (stacked <= room) return 'stacked';
  return 'name';
}

/**
 * The sticky time axis: ticks and their labels, and in a view of a few days one head per day
 * with its direct and delegated totals, which opens that day.
 */
export function TimelineAxis(props: {
  range: Range;
  scale: TimeScale;
  width: number;
  ticks: { at: number; label: string; major: boolean }[];
  days: Range[];
  totalsByDay: { directMs: number; delegatedMs: number }[];
  layout: DayHeadLayout;
}) {
  const { range, scale, days } = props;
  const openDay = (day: Range) => {
    const ui = useUi.getState();
    ui.setView('day');
    ui.setDay(dayKey(day.start));
  };
  return (
    <div className="timeline-axis" style={{ width: props.width, height: axisHeight(props.layout) }}>
      <svg width={props.width} height={TICKS_HEIGHT} aria-hidden="true">
        {props.ticks.map((tick) => {
          const x = scale.toX(tick.at);
          return (
            <g key={tick.at}>
              <line
                x1={x}
                x2={x}
                y1={tick.major ? 4 : 16}
                y2={TICKS_HEIGHT}
                className={tick.major ? 'tick major' : 'tick'}
              />
              {(!tick.major || days.length === 0) && (
                <text
                  x={x + 4}
                  y={tick.major ? 14 : 22}
                  className={tick.major ? 'tick-label major' : 'tick-label'}
                >
                  {tick.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {days.length > 0 && (
        <div className={`day-heads day-heads-${props.layout}`} data-testid="day-heads">
          {days.map((day, i) => {
            const totals = props.totalsByDay[i]!;
            const name = format(day.start, 'EEEE d MMMM');
            return (
              <button
                key={day.start}
                type="button"
                className="day-head"
                style={{
                  left: (day.start - range.start) * scale.pxPerMs,
                  width: (day.end - day.start) * scale.pxPerMs,
                }}
                onClick={() => openDay(day)}
                title={`Open ${name}: direct ${formatDuration(totals.directMs)} · delegated ${formatDuration(totals.delegatedMs)}`}
                data-testid="day-head"
              >
                {/* Its name is its text: the day, then its figures, each said with its word. */}
                <span className="day-head-name">{format(day.start, 'EEE d')}</span>
                <span className="day-head-totals">
                  <span className="day-head-figure">
                    <span className="visually-hidden">direct </span>
                    {formatDuration(totals.directMs)}
                  </span>
                  <span className="day-head-figure">
                    <span className="visually-hidden">delegated </span>
                    {formatDuration(totals.delegatedMs)}
                  </span>
                </span>
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
