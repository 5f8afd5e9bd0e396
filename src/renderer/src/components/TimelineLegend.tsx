import { FIGURES } from '../../../shared/wording';

/** What the marks mean, the day view's idle-folding toggle, and the timeline's keys. */
export function TimelineLegend(props: { foldIdle: boolean | null; onToggleIdle: () => void }) {
  return (
    <div className="legend">
      <span className="legend-item" aria-hidden="true" title={FIGURES.direct.meaning}>
        <span className="legend-key legend-direct" /> {FIGURES.direct.legend}
      </span>
      <span className="legend-item" aria-hidden="true" title={FIGURES.delegated.meaning}>
        <span className="legend-key legend-delegated" /> {FIGURES.delegated.legend}
      </span>
      <span className="legend-item" aria-hidden="true" title={FIGURES.waiting.meaning}>
        <span className="legend-key legend-waiting" /> {FIGURES.waiting.legend}
      </span>
      <span className="legend-item" aria-hidden="true">
        <span className="legend-key legend-marker" /> session start
      </span>
      {props.foldIdle !== null && (
        <button
          type="button"
          className="fold-idle"
          aria-pressed={props.foldIdle}
          onClick={props.onToggleIdle}
          title="Idle stretches of 15 minutes or more are folded into narrow marked gaps"
          data-testid="fold-idle"
        >
          Fold idle time
        </button>
      )}
      <kbd className="keys" aria-hidden="true">
        ← → move · t today · d / w day, week · + − zoom · r review · Ctrl+Z undo
      </kbd>
    </div>
  );
}
