import { useModal } from '../lib/use-modal';
import { useRef, useState, type FormEvent } from 'react';
import type { ManualEntry, StreamSummary } from '../../../shared/api';
import { useApi } from '../api/ApiContext';
import { useEdit, useManualEntries } from '../api/queries';
import { dayKey, formatClock, formatDuration, parseDayKey, type Range } from '../lib/time';

// Time added by hand, in the app: a form (day, start, end, stream, note) and the range's
// entries, each with its start and end to change, or to delete. Every change is an edit:
// its toast offers Undo, and sync carries it to the other machines.

/** "14:30" on `day` as epoch ms (local time), or null when incomplete. */
function at(day: string, time: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) return null;
  const date = parseDayKey(day);
  date.setHours(Number(match[1]), Number(match[2]), 0, 0);
  return date.getTime();
}

export function ManualEntryButton({ range, streams }: { range: Range; streams: StreamSummary[] }) {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useModal(dialog, open);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid="add-time">
        Add time…
      </button>
      <dialog
        ref={dialog}
        className="settings"
        aria-labelledby="manual-heading"
        onClose={() => setOpen(false)}
      >
        <header className="section-header">
          <h2 id="manual-heading">Time added by hand</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={() => setOpen(false)}>
            ×
          </button>
        </header>
        {open && <ManualEntryForm range={range} streams={streams} onDone={() => setOpen(false)} />}
        {open && <ManualEntryList range={range} />}
      </dialog>
    </>
  );
}

function ManualEntryForm({
  range,
  streams,
  onDone,
}: {
  range: Range;
  streams: StreamSummary[];
  onDone: () => void;
}) {
  const api = useApi();
  const add = useEdit(
    (input: Parameters<typeof api.addManualEntry>[0]) => api.addManualEntry(input),
    'Adding time',
  );
  const live = streams;
  const [day, setDay] = useState(dayKey(range.start));
  const [from, setFrom] = useState('09:00');
  const [to, setTo] = useState('10:00');
  const [streamId, setStreamId] = useState(live[0]?.id ?? '');
  const [note, setNote] = useState('');
  const start = at(day, from);
  const end = at(day, to);
  const problem =
    start === null || end === null
      ? 'Give a start and an end.'
      : end <= start
        ? 'The end must be after the start.'
        : streamId === ''
          ? 'Choose a stream.'
          : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problem !== null) return;
    add.mutate(
      { start: start!, end: end!, streamId, ...(note.trim() ? { note: note.trim() } : {}) },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="manual-form" onSubmit={submit} data-testid="manual-form">
      <label>
        Day <input type="date" value={day} onChange={(e) => setDay(e.target.value)} required />
      </label>
      <label>
        From <input type="time" value={from} onChange={(e) => setFrom(e.target.value)} required />
      </label>
      <label>
        To <input type="time" value={to} onChange={(e) => setTo(e.target.value)} required />
      </label>
      <label>
        Stream{' '}
        <select value={streamId} onChange={(e) => setStreamId(e.target.value)} required>
          {live.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Note{' '}
        <input
          type="text"
          value={note}
          maxLength={2000}
          onChange={(e) => setNote(e.target.value)}
          placeholder="a meeting, a call…"
        />
      </label>
      <p className="muted" aria-live="polite">
        {problem ?? `${formatDuration(end! - start!)} of direct time, marked as added by hand.`}
      </p>
      <button type="submit" disabled={problem !== null || add.isPending}>
        Add
      </button>
    </form>
  );
}

function ManualEntryList({ range }: { range: Range }) {
  const entries = useManualEntries(range);
  if (!entries.data || entries.data.length === 0)
    return <p className="muted">No time added by hand in this range.</p>;
  return (
    <ul className="manual-list" aria-label="Time added by hand in this range">
      {entries.data.map((entry) => (
        <ManualEntryItem key={entry.id} entry={entry} />
      ))}
    </ul>
  );
}

function ManualEntryItem({ entry }: { entry: ManualEntry }) {
  const api = useApi();
  const update = useEdit(
    (input: { id: string; start: number; end: number }) => api.updateManualEntry(input),
    'Changing time',
  );
  const remove = useEdit((input: { id: string }) => api.deleteManualEntry(input), 'Deleting time');
  const day = dayKey(entry.start);
  const [from, setFrom] = useState(formatClock(entry.start));
  const [to, setTo] = useState(formatClock(entry.end));
  const start = at(day, from);
  const end = at(day, to);
  const label = `${entry.streamName}${entry.note ? `: ${entry.note}` : ''}`;
  return (
    <li data-testid="manual-entry">
      <span>
        {day} {label}
      </span>
      <input
        type="time"
        aria-label={`Start of ${label}`}
        value={from}
        onChange={(e) => setFrom(e.target.value)}
      />
      <input type="time" aria-label={`End of ${label}`} value={to} onChange={(e) => setTo(e.target.value)} />
      <button
        type="button"
        disabled={
          start === null || end === null || end <= start || (start === entry.start && end === entry.end)
        }
        onClick={() => update.mutate({ id: entry.id, start: start!, end: end! })}
      >
        Save
      </button>
      <button type="button" onClick={() => remove.mutate({ id: entry.id })} aria-label={`Delete ${label}`}>
        Delete
      </button>
    </li>
  );
}
