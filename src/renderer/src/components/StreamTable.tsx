import { useImperativeHandle, useRef, type Ref } from 'react';
import {
  defaultRangeExtractor,
  useWindowVirtualizer,
  type Range as ItemRange,
} from '@tanstack/react-virtual';
import type { StreamSummary } from '../../../shared/api';
import { useDocumentTop } from '../lib/use-document-top';
import { heightVariable } from '../lib/use-height-variable';
import { STREAM_ROW_HEIGHT, StreamRow, type RowActions } from './StreamRow';

/** Rows drawn beyond the window's edges, so a short scroll or j/k finds them already there. */
const OVERSCAN = 8;
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
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => STREAM_ROW_HEIGHT,
    getItemKey: (index) => rows[index]!.id,
    overscan: OVERSCAN,
    scrollMargin: bodyTop,
    scrollPaddingStart: toolbarRoom(),
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
    >
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="stream-row stream-head">
          <div role="columnheader">Stream</div>
          <div role="columnheader">Confidence</div>
          <div role="columnheader">Source</div>
          <div role="columnheader" className="num">
            Direct
          </div>
          <div role="columnheader" className="num">
            Delegated
          </div>
          <div role="columnheader" className="num" title="Agents idle because they needed you">
            Waiting
          </div>
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
