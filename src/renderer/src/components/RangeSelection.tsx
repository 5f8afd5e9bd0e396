import { useEffect, useRef, useState, type PointerEvent, type ReactNode } from 'react';
import type { SessionMarker } from '../../../shared/api';
import { useApi } from '../api/ApiContext';
import { useEdit } from '../api/queries';
import { formatSpan } from '../lib/time';
import { useUi, type PickerRequest } from '../state/ui-store';
import { assignRequest } from './UnassignedList';

/** Below this many pixels a press is a click (on a session), not a drag. */
const DRAG_THRESHOLD_PX = 4;
const MINUTE = 60_000;

/** The projects whose sessions on the lane overlap [start, end). */
export function projectsIn(sessions: readonly SessionMarker[], start: number, end: number): string[] {
  const projects = new Set<string>();
  for (const s of sessions) {
    if (s.projectName && s.start < end && (s.end ?? s.start) >= start) projects.add(s.projectName);
  }
  return [...projects].sort();
}

/**
 * An unassigned lane's drag-to-assign: dragging across it draws a translucent range, and on
 * release the one stream picker asks where that project's unassigned time in the range goes
 * (an existing stream or a new one). Escape cancels the drag; the picker's Escape cancels the
 * assignment. The lane's blocks are its children, so a drag may start on a session too.
 */
export function RangeSelection(props: {
  sessions: readonly SessionMarker[];
  width: number;
  height: number;
  toTime: (x: number) => number;
  children: ReactNode;
}) {
  const api = useApi();
  const openPicker = useUi((s) => s.openPicker);
  const picker = useUi((s) => s.picker);
  const toast = useUi((s) => s.toast);
  const [drag, setDrag] = useState<{ from: number; to: number; moved: boolean } | null>(null);
  // The picker request this drag opened: the range stays drawn while that picker asks.
  const [asked, setAsked] = useState<PickerRequest | null>(null);
  const shown = asked === null || picker === asked ? drag : null;
  // Whether the last press was a drag: its click must not reach a session block.
  const dragged = useRef(false);
  const assign = useEdit(
    (input: { project: string; start: number; end: number; streamId?: string; newName?: string }) =>
      api.assignUnassigned(input),
    'Assigning',
  );

  useEffect(() => {
    if (!drag || asked) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setDrag(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [drag, asked]);

  const xOf = (event: PointerEvent<SVGGElement>): number => {
    const svg = event.currentTarget.ownerSVGElement;
    const left = svg ? svg.getBoundingClientRect().left : 0;
    return Math.max(0, Math.min(props.width, event.clientX - left));
  };
  const onPointerDown = (event: PointerEvent<SVGGElement>) => {
    if (event.button !== 0 || (asked && picker === asked)) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const x = xOf(event);
    dragged.current = false;
    setAsked(null);
    setDrag({ from: x, to: x, moved: false });
  };
  const onPointerMove = (event: PointerEvent<SVGGElement>) => {
    if (!drag || asked) return;
    const x = xOf(event);
    setDrag({ ...drag, to: x, moved: drag.moved || Math.abs(x - drag.from) >= DRAG_THRESHOLD_PX });
  };
  const onPointerUp = async (event: PointerEvent<SVGGElement>) => {
    if (!drag || asked) return;
    event.currentTarget.releasePointerCapture(event.pointerId);
    if (!drag.moved) return setDrag(null);
    dragged.current = true;
    // Whole minutes, outward: the range the picker names is the range assigned.
    const start = Math.floor(props.toTime(Math.min(drag.from, drag.to)) / MINUTE) * MINUTE;
    const end = Math.ceil(props.toTime(Math.max(drag.from, drag.to)) / MINUTE) * MINUTE;
    // Sessions and focus events alike: time with no session in it can be assigned too.
    const groups = await api.listUnassigned({ start, end }).catch(() => []);
    const projects = [
      ...new Set([...projectsIn(props.sessions, start, end), ...groups.map((g) => g.project)]),
    ].sort();
    if (projects.length !== 1) {
      setDrag(null);
      toast({
        tone: 'info',
        title:
          projects.length === 0 ? 'Nothing unassigned in that range' : 'That range holds several projects',
        detail:
          projects.length === 0
            ? 'Drag across the sessions or focus time to assign.'
            : `${projects.join(', ')}: drag across one project's time, or use the Unassigned list.`,
      });
      return;
    }
    const project = projects[0]!;
    const request = assignRequest(project, `Assign ${project} ${formatSpan(start, end)} to…`, (target) =>
      assign.mutate({ project, start, end, ...target }),
    );
    setAsked(request);
    openPicker(request);
  };

  const x0 = shown ? Math.min(shown.from, shown.to) : 0;
  return (
    <g
      className="range-selectable"
      data-testid="range-selectable"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={(event) => void onPointerUp(event)}
      onPointerCancel={() => !asked && setDrag(null)}
      // A drag that ended on a session is not a click on it (nor on the lane).
      onClickCapture={(event) => dragged.current && event.stopPropagation()}
    >
      <rect className="range-hit" x={0} y={0} width={props.width} height={props.height} />
      {props.children}
      {shown?.moved && (
        <rect
          className="range-selection"
          data-testid="range-selection"
          x={x0}
          y={1}
          width={Math.abs(shown.to - shown.from)}
          height={props.height - 2}
        />
      )}
    </g>
  );
}
