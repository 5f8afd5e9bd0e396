import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

/** Up to this many options are made at once; more wait until the picker is reached. */
const EAGER_OPTIONS = 30;

/**
 * A stream picker that acts only when asked: choosing a target shows the action's button.
 * A native select fires `change` on every arrow key while closed, so acting on `change`
 * merged or moved at the first ArrowDown of a keyboard user looking at the list.
 */
export function TargetPicker(props: {
  /** Names the select for screen readers, e.g. 'Merge "api" into another stream'. */
  label: string;
  placeholder: string;
  /** The button's text once a target is chosen, e.g. 'Merge'. */
  action: string;
  /** The button's name for screen readers, given the chosen target's label. */
  actionLabel: (target: string) => string;
  options: { id: string; label: string }[];
  disabled?: boolean;
  onApply: (id: string) => void;
  /** Where focus goes when the edit removes this picker (its row, its session) from the page. */
  focusAfter?: (id: string) => HTMLElement | null;
}) {
  const [chosen, setChosen] = useState('');
  // Many options are made when the picker is first reached: a list of 100 streams with a
  // picker on every row would otherwise build 10,000 options before the page first paints.
  const [reached, setReached] = useState(props.options.length <= EAGER_OPTIONS);
  const reach = () => setReached(true);
  const applied = useRef<string | null>(null);
  const focusAfter = useRef(props.focusAfter);
  useEffect(() => {
    focusAfter.current = props.focusAfter;
  });
  useEffect(
    () => () => {
      const id = applied.current;
      if (id === null) return;
      // After the refetch has removed us: a keyboard user carries on from there, not from the page
      // top. The views settle over a few renders (the details may close after the stream empties),
      // so for about a second, whenever focus has fallen to the page, put it back on the target.
      let frames = 60;
      const settle = (): void => {
        if (document.activeElement === document.body || document.activeElement === null) {
          focusAfter.current?.(id)?.focus();
        }
        if (--frames > 0) requestAnimationFrame(settle);
      };
      requestAnimationFrame(settle);
    },
    [],
  );
  const chosenLabel = props.options.find((o) => o.id === chosen)?.label;
  const onKey = (event: KeyboardEvent<HTMLSelectElement>) => {
    if (event.key === 'Escape' && chosen) {
      event.stopPropagation();
      setChosen('');
    }
  };
  return (
    <span className="target-picker">
      <select
        aria-label={props.label}
        value={chosen}
        disabled={props.disabled}
        onChange={(e) => setChosen(e.target.value)}
        onKeyDown={onKey}
        onFocus={reach}
        onPointerDown={reach}
        onMouseEnter={reach}
      >
        <option value="">{props.placeholder}</option>
        {(reached || chosen) &&
          props.options.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
      </select>
      {chosen && chosenLabel !== undefined && (
        <button
          type="button"
          className="primary"
          disabled={props.disabled}
          aria-label={props.actionLabel(chosenLabel)}
          onClick={() => {
            applied.current = chosen;
            props.onApply(chosen);
            setChosen('');
          }}
        >
          {props.action}
        </button>
      )}
    </span>
  );
}
