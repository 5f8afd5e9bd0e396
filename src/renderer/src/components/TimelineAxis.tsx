import { format } from 'date-fns/format';
import { dayKey, formatDuration, type Range } from '../lib/time';
import type { TimeScale } from '../lib/timeline-geometry';
import { useUi } from '../state/ui-store';

const TICKS_HEIGHT = 28;
/** The day heads' row, with its top border. */
const DAY_HEADS_HEIGHT = 35;

/** How tall the axis is (its bottom border included): the lanes start below it. */
export const axisHeight = (withDays: boolean): number => TICKS_HEIGHT + (withDays ? DAY_HEADS_HEIGHT : 0) + 1;

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
}) {
  const { range, scale, days } = props;
  const openDay = (day: Range) => {
    const ui = useUi.getState();
    ui.setView('day');
    ui.setDay(dayKey(day.start));
  };
  return (
    <div className="timeline-axis" style={{ width: props.width, height: axisHeight(days.length > 0) }}>
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
        <div className="day-heads" data-testid="day-heads">
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
                title={`Open ${name}: direct · delegated`}
                aria-label={`Open ${name}: direct ${formatDuration(totals.directMs)}, delegated ${formatDuration(totals.delegatedMs)}`}
                data-testid="day-head"
              >
                <span className="day-head-name">{format(day.start, 'EEE d')}</span>
                <span className="day-head-totals">
                  {formatDuration(totals.directMs)} · {formatDuration(totals.delegatedMs)}
                </span>
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
