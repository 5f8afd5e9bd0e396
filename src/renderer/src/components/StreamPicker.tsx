import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { StreamSummary } from '../../../shared/api';
import { byLikelihood, likeness } from '../lib/picker-rank';
import { streamOptionLabel } from '../lib/stream-label';
import { useUi, type PickerRequest } from '../state/ui-store';

/** Enough matches to pick from at a glance; typing narrows the rest. Keeps the page small. */
const SHOWN_MATCHES = 50;
const NEW_STREAM = '\u0000new';

/**
 * The one place where merge and move targets are chosen: a combobox (type to filter, arrows,
 * Enter) over every stream. One instance for the whole page, opened on request, so a thousand
 * streams cost a thousand rows only while a person is picking, and no `<select>` lists them all
 * on every row.
 */
export function StreamPicker({ streams }: { streams: StreamSummary[] }) {
  const request = useUi((s) => s.picker);
  // A fresh picker (empty filter, first option) for every request.
  return request ? <PickerDialog key={keyOf(request)} request={request} streams={streams} /> : null;
}

const requestKeys = new WeakMap<PickerRequest, number>();
let lastKey = 0;
function keyOf(request: PickerRequest): number {
  let key = requestKeys.get(request);
  if (key === undefined) {
    key = ++lastKey;
    requestKeys.set(request, key);
  }
  return key;
}

function PickerDialog({ request, streams }: { request: PickerRequest; streams: StreamSummary[] }) {
  const openPicker = useUi((s) => s.openPicker);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  // Where focus was when the picker opened: Escape goes back there.
  const [opener] = useState(() => document.activeElement);

  const { shown, more } = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const excluded = new Set(request.excludeIds);
    const near = new Set(request.near ?? []);
    const names = new Map<string, number>();
    for (const s of streams) names.set(s.name, (names.get(s.name) ?? 0) + 1);
    const candidates = streams
      .filter((s) => !excluded.has(s.id))
      .map((s) => ({
        id: s.id,
        label: streamOptionLabel(s, (names.get(s.name) ?? 0) > 1),
        lastActivity: s.lastActivity ?? 0,
        likeness: likeness(s.places ?? [], near),
      }))
      .filter((s) => needle === '' || s.label.toLowerCase().includes(needle))
      .sort(byLikelihood);
    const shown: { id: string; label: string }[] = candidates.slice(0, SHOWN_MATCHES);
    if (request.allowNew) {
      shown.push({ id: NEW_STREAM, label: query.trim() ? `New stream "${query.trim()}"` : 'New stream' });
    }
    return { shown, more: Math.max(0, candidates.length - SHOWN_MATCHES) };
  }, [request, streams, query]);

  const activeIndex = Math.min(active, shown.length - 1);

  const close = (restore: boolean) => {
    openPicker(null);
    if (restore && opener instanceof HTMLElement) opener.focus({ preventScroll: true });
  };
  const choose = (index: number) => {
    const option = shown[index];
    if (!option) return;
    const target = option.id === NEW_STREAM ? null : option.id;
    const focusAfter = request.focusAfter;
    openPicker(null);
    request.apply(target, query.trim());
    settleFocus(() => focusAfter(target));
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + shown.length) % Math.max(1, shown.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(activeIndex);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    }
  };
  const optionId = (index: number) => `${listId}-${index}`;

  return (
    <div className="picker-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close(true)}>
      <div className="picker" role="dialog" aria-modal="true" aria-label={request.title} data-testid="picker">
        <p className="picker-title">{request.title}</p>
        <input
          role="combobox"
          aria-label={`${request.title} Type to filter streams`}
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={shown.length > 0 ? optionId(activeIndex) : undefined}
          autoFocus
          value={query}
          placeholder="Type to filter streams…"
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKey}
          onBlur={(e) => {
            if (!e.currentTarget.closest('.picker')?.contains(e.relatedTarget as Node | null)) close(false);
          }}
        />
        <ul id={listId} role="listbox" aria-label="Streams" className="picker-options">
          {shown.map((option, index) => (
            <li
              key={option.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              className={index === activeIndex ? 'active' : undefined}
              data-testid="picker-option"
              // Keep focus in the input: a click chooses, it does not blur.
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => choose(index)}
            >
              {option.label}
            </li>
          ))}
          {shown.length === 0 && <li className="muted">No stream matches “{query}”.</li>}
        </ul>
        {more > 0 && <p className="muted picker-more">{more} more: type to narrow</p>}
      </div>
    </div>
  );
}

/**
 * After an edit the views settle over a few renders (a merged row disappears, details close
 * after their stream empties); for about a second, whenever focus has fallen to the page,
 * put it on the target so a keyboard user carries on from there, not from the page top.
 */
function settleFocus(target: () => HTMLElement | null): void {
  let frames = 60;
  const settle = (): void => {
    if (document.activeElement === document.body || document.activeElement === null) {
      target()?.focus({ preventScroll: true });
    }
    if (--frames > 0) requestAnimationFrame(settle);
  };
  requestAnimationFrame(settle);
}
