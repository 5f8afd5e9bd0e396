import { memo, useRef, type CSSProperties } from 'react';
import type { StreamSummary } from '../../../shared/api';
import { formatDateTime, formatDuration } from '../lib/time';
import { focusSoon } from '../lib/focus';
import { useUi } from '../state/ui-store';
import { ConfidenceBadge } from './ConfidenceBadge';
import { RenameInput } from './RenameInput';
import { OFFLINE_REASON, useOnline } from '../state/connection-store';

const SOURCE_TEXT = { directory: 'by project', llm: 'by Claude', user: 'by you' } as const;

/** Every row is this tall (one line, names cut with an ellipsis), so the list can be windowed. */
export const STREAM_ROW_HEIGHT = 38;

// One edit and one colour map for the whole list, handed to the rows: a hook per row (a
// query and a mutation observer each) made drawing 100+ rows slow.
export interface RowActions {
  confirm(stream: StreamSummary): void;
  merge(stream: StreamSummary): void;
  rename(stream: StreamSummary, name: string): void;
}

/** One stream of the list: name, badges, totals and its edits. Cells are few: 100+ rows are drawn. */
export const StreamRow = memo(function StreamRow({
  stream,
  index,
  top,
  color,
  current,
  twin,
  confirming,
  renamingTo,
  actions,
}: {
  stream: StreamSummary;
  /** Its place in the list (1 is the header row), for assistive technology: not every row is drawn. */
  index: number;
  /** Where the windowed list puts it, in px from the list's top. */
  top: number;
  color: string;
  /** The row the keyboard is on: its controls are the list's one Tab stop. */
  current: boolean;
  twin: boolean;
  confirming: boolean;
  /** The new name while a rename is on its way to the service. */
  renamingTo: string | null;
  actions: RowActions;
}) {
  const selected = useUi((s) => s.selectedStreamId === stream.id);
  const select = useUi((s) => s.select);
  const focusStream = useUi((s) => s.focusStream);
  const editing = useUi((s) => s.renamingStreamId === stream.id);
  const setRenaming = useUi((s) => s.setRenaming);
  const tabIndex = current ? 0 : -1;
  // While tt does not answer, edits are off and say why (nothing would be saved).
  const online = useOnline();
  const offlineTitle = online ? undefined : OFFLINE_REASON;
  // A keyboard user lands back on the stream's name, not at the top of the page.
  const nameButton = useRef<HTMLButtonElement>(null);

  return (
    <div
      role="row"
      aria-rowindex={index}
      className={['stream-row', selected && 'selected', current && 'current'].filter(Boolean).join(' ')}
      style={{ transform: `translateY(${top}px)` }}
      data-testid="stream-row"
      data-stream-id={stream.id}
      data-stream-name={stream.name}
      onFocus={() => focusStream(stream.id)}
    >
      <div role="cell" className="stream-name-cell" style={{ '--swatch': color } as CSSProperties}>
        {editing ? (
          <RenameInput
            name={stream.name}
            onSave={(name) => actions.rename(stream, name)}
            onDone={() => {
              setRenaming(null);
              focusSoon(() => nameButton.current);
            }}
            onBlur={() => setRenaming(null)}
          />
        ) : (
          <button
            type="button"
            ref={nameButton}
            tabIndex={tabIndex}
            className="link-button stream-name"
            onClick={() => select(selected ? null : stream.id)}
            onDoubleClick={() => online && setRenaming(stream.id)}
            aria-pressed={selected}
            title={`${renamingTo ?? stream.name}: show its sessions (double-click or e to rename)`}
          >
            {renamingTo ?? stream.name}
          </button>
        )}
        {/* Two streams with one name (Claude may name two days' work alike): when each was last active tells them apart. */}
        {!editing && stream.lastActivity !== null && twin && (
          <span className="muted twin-hint" data-testid="twin-hint">
            last active {formatDateTime(stream.lastActivity)}
          </span>
        )}
      </div>
      <div role="cell">
        <ConfidenceBadge confidence={stream.confidence} reviewed={stream.reviewed} />
      </div>
      <div role="cell" className="muted">
        {SOURCE_TEXT[stream.source]}
      </div>
      <div role="cell" className="num" data-testid="direct-total" data-ms={stream.directMs}>
        {formatDuration(stream.directMs)}
      </div>
      <div role="cell" className="num" data-testid="delegated-total" data-ms={stream.delegatedMs}>
        {formatDuration(stream.delegatedMs)}
      </div>
      <div role="cell" className="num muted" data-testid="waiting-total" data-ms={stream.waitingMs}>
        {formatDuration(stream.waitingMs)}
      </div>
      <div role="cell" className="actions">
        <button
          type="button"
          tabIndex={tabIndex}
          onClick={() => setRenaming(stream.id)}
          disabled={!online}
          title={offlineTitle}
          aria-label={`Rename ${stream.name}`}
          aria-keyshortcuts="e"
        >
          Rename
        </button>
        {!stream.reviewed && (
          <button
            type="button"
            tabIndex={tabIndex}
            onClick={() => actions.confirm(stream)}
            disabled={confirming || !online}
            aria-label={`Confirm ${stream.name}`}
            aria-keyshortcuts="c"
            title={
              offlineTitle ??
              'Mark as reviewed: this stream is right, and inferring again keeps its sessions in it'
            }
          >
            Confirm
          </button>
        )}
        <button
          type="button"
          tabIndex={tabIndex}
          onClick={() => actions.merge(stream)}
          disabled={!online}
          title={offlineTitle}
          aria-label={`Merge ${stream.name} into…`}
          aria-haspopup="dialog"
          aria-keyshortcuts="m"
        >
          Merge…
        </button>
      </div>
    </div>
  );
});
