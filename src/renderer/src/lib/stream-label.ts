import type { StreamSummary } from '../../../shared/api';
import { formatDateTime } from './time';

/**
 * A stream's name for a picker. Two streams may share a name (a person may name them alike, and
 * Claude two projects' work); then the last activity tells them apart.
 */
export function streamOptionLabel(stream: StreamSummary, hasTwin: boolean): string {
  if (!hasTwin) return stream.name;
  return stream.lastActivity
    ? `${stream.name} (last active ${formatDateTime(stream.lastActivity)})`
    : `${stream.name} (${stream.id.slice(0, 8)})`;
}
