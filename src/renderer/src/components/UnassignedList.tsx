import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/ApiContext';
import { useEdit, useTimeline } from '../api/queries';
import { formatDuration } from '../../../shared/wording';
import { streamNameButton } from '../lib/focus';
import type { Range } from '../lib/time';
import { useUi, type PickerRequest } from '../state/ui-store';

/**
 * The range's activity that no stream holds, one group per project; each group can be given to
 * a stream, or to a new one, from the picker. Its focus events go with its sessions.
 */
export function UnassignedList({ range }: { range: Range }) {
  const api = useApi();
  const openPicker = useUi((s) => s.openPicker);
  const groups = useQuery({
    // Under 'streams': every edit and inference makes it stale with the stream list.
    queryKey: ['streams', 'unassigned', range.start, range.end],
    queryFn: () => api.listUnassigned(range),
  });
  const assign = useEdit(
    (input: { project: string; streamId?: string; newName?: string }) =>
      api.assignUnassigned({ ...input, start: range.start, end: range.end }),
    'Assigning',
  );
  // Its time, from the same allocation as the timeline's Unassigned lane.
  const lane = useTimeline(range).data?.lanes.find((l) => l.streamId === null);
  if (!groups.data || groups.data.length === 0) return null;
  const time = lane
    ? [
        `${formatDuration(lane.directMs)} direct`,
        lane.delegatedMs > 0 ? `${formatDuration(lane.delegatedMs)} delegated` : '',
      ]
        .filter(Boolean)
        .join(', ')
    : null;
  return (
    <section className="unassigned" aria-labelledby="unassigned-heading" data-testid="unassigned">
      <h3 id="unassigned-heading">
        Unassigned in this range{time && <span className="muted"> · {time}</span>}
      </h3>
      <ul>
        {groups.data.map((group) => (
          <li key={group.project} data-testid="unassigned-group" data-project={group.project}>
            <span className="unassigned-project">{group.project}</span>
            <span className="muted">
              {[
                group.sessions > 0 && `${group.sessions} session${group.sessions === 1 ? '' : 's'}`,
                group.events > 0 && `${group.events} focus event${group.events === 1 ? '' : 's'}`,
              ]
                .filter(Boolean)
                .join(', ')}
            </span>
            <button
              type="button"
              aria-haspopup="dialog"
              aria-label={`Assign ${group.project}'s unassigned time to…`}
              disabled={assign.isPending}
              onClick={() =>
                openPicker(
                  assignRequest(group.project, `Assign ${group.project}'s unassigned time to…`, (target) =>
                    assign.mutate({ project: group.project, ...target }),
                  ),
                )
              }
            >
              Assign…
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The picker's request to assign a project's unassigned time: to the stream picked, or to a new
 * stream named by what was typed (the project's name when nothing was).
 */
export function assignRequest(
  project: string,
  title: string,
  assign: (target: { streamId: string } | { newName: string }) => void,
): PickerRequest {
  return {
    title,
    excludeIds: [],
    near: [project],
    allowNew: true,
    apply: (streamId, typed) => assign(streamId ? { streamId } : { newName: typed || project }),
    focusAfter: (streamId) => (streamId ? streamNameButton(streamId) : null),
  };
}
