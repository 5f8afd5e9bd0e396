import { useImperativeHandle, useMemo, useRef, type CSSProperties, type Ref } from 'react';
import {
  defaultRangeExtractor,
  useWindowVirtualizer,
  type Range as ItemRange,
} from '@tanstack/react-virtual';
import type { StreamSummary } from '../../../shared/api';
import { useDocumentTop } from '../lib/use-document-top';
import { heightVariable } from '../lib/use-height-variable';
import { formatDuration } from '../lib/time';
import { FIGURES } from '../../../shared/wording';
import { textWidth } from '../lib/text-width';
import { STREAM_ROW_HEIGHT, StreamRow, type RowActions } from './StreamRow';

/** Rows drawn beyond the window's edges, so a short scroll or j/k finds them already there. */
const OVERSCAN = 8;
/** A number cell's padding, either side, and the list's font size (styles.css). */
const CELL_PADDING = 16;
const CELL_FONT = 14;

/**
 * Each figure column as wide as its widest value in the whole list (rows are windowed: the
 * rows drawn cannot size it), and never narrower than its heading: no figure is ever cut.
 */
function figureColumns(rows: StreamSummary[]): CSSProperties {
  const widest = (key: 'directMs' | 'delegatedMs' | 'waitingMs', heading: string) => {
    let text = '';
    let most = -1;
    for (const row of rows) {
      if (row[key] > most) {
        most = row[key];
        text = formatDuration(row[key]);
      }
    }
    // The longest text is the largest value's, but "<1m" outruns "0m": both are measured.
    const width = Math.max(
      textWidth(text, CELL_FONT),
      textWidth('<1m', CELL_FONT),
      textWidth(heading, 12, 500),
    );
    return `${Math.ceil(width) + CELL_PADDING + 2}px`;
  };
  return {
    '--direct-width': widest('directMs', FIGURES.direct.name),
    '--delegated-width': widest('delegatedMs', FIGURES.delegated.name),
    '--waiting-width': widest('waitingMs', FIGURES.waiting.name),
  } as CSSProperties;
}

/** The sticky toolbar covers the top of the window: a row scrolled to must land below it (and a little more). */
const toolbarRoom = () => (heightVariable('--toolbar-height') ?? 64) + 8;

export interface StreamTableHandle {
  /** Scrolls the row of `id` into view; true when it is drawn already (it can take focus now). */
  reveal(id: string): boolean;
}

/**
 * The stream list's rows, windowed: only those on screen (and a few either side) are drawn, the
 * page keeps the height of them all and scrolls as usual. The keyboard's row is always drawn, so
 * the list's one Tab stop and a focused row never vanish while scrolling.
 */
export function StreamTable(props: {
  rows: StreamSummary[];
  current: string | null;
  colorOf: (id: string) => string;
  nameCounts: ReadonlyMap<string, number>;
  confirmingId: string | null;
  renaming: { id: string; name: string } | null;
  actions: RowActions;
  handle: Ref<StreamTableHandle>;
}) {
  const { rows, current } = props;
  const body = useRef<HTMLDivElement>(null);
  const bodyTop = useDocumentTop(body);
  const currentIndex = rows.findIndex((s) => s.id === current);
  const columns = useMemo(() => figureColumns(rows), [rows]);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => STREAM_ROW_HEIGHT,
    getItemKey: (index) => rows[index]!.id,
    overscan: OVERSCAN,
    scrollMargin: bodyTop,
    scrollPaddingStart: toolbarRoom(),
    // The toasts sit at the window's foot: a row scrolled to lands above them.
    scrollPaddingEnd: (heightVariable('--toasts-height') ?? 0) + 16,
    rangeExtractor: (range: ItemRange) => {
      const indexes = defaultRangeExtractor(range);
      if (currentIndex < 0 || indexes.includes(currentIndex)) return indexes;
      return currentIndex < indexes[0]! ? [currentIndex, ...indexes] : [...indexes, currentIndex];
    },
  });
  useImperativeHandle(props.handle, () => ({
    reveal(id) {
      const index = rows.findIndex((s) => s.id === id);
      if (index < 0) return false;
      virtualizer.scrollToIndex(index, { align: 'auto' });
      return body.current?.querySelector(`[aria-rowindex="${index + 2}"]`) != null;
    },
  }));

  return (
    <div
      role="table"
      className="streams-table"
      aria-label="Streams"
      aria-rowcount={rows.length + 1}
      data-testid="streams-table"
      style={columns}
    >
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="stream-row stream-head">
          <div role="columnheader">Stream</div>
          <div role="columnheader">Confidence</div>
          <div role="columnheader">Source</div>
          {(['direct', 'delegated', 'waiting'] as const).map((figure) => (
            <div key={figure} role="columnheader" className="num" title={FIGURES[figure].meaning}>
              {FIGURES[figure].name}
            </div>
          ))}
          <div role="columnheader">
            <span className="visually-hidden">Actions</span>
          </div>
        </div>
      </div>
      <div
        role="rowgroup"
        ref={body}
        className="streams-body"
        style={{ height: virtualizer.getTotalSize() }}
        data-testid="streams-body"
      >
        {virtualizer.getVirtualItems().map((item) => {
          const stream = rows[item.index]!;
          return (
            <StreamRow
              key={stream.id}
              stream={stream}
              index={item.index + 2}
              top={item.start - bodyTop}
              color={props.colorOf(stream.id)}
              current={stream.id === current}
              twin={(props.nameCounts.get(stream.name) ?? 0) > 1}
              confirming={props.confirmingId === stream.id}
              renamingTo={props.renaming?.id === stream.id ? props.renaming.name : null}
              actions={props.actions}
            />
          );
        })}
      </div>
    </div>
  );
}
