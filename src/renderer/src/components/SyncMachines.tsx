import { useSyncStatus } from '../api/queries';
import { formatDateTime } from '../lib/time';
import { formatSkew } from '../../../shared/wording';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Where sync stands: the machines whose data is here (this one first), with when each was last
 * seen, what waits to be imported, a clock that runs ahead, the segments skipped and why; and
 * what this machine has to send.
 */
export function SyncMachines() {
  const status = useSyncStatus();
  if (!status.data) return null;
  const { sessions, events, edits } = status.data.pendingExport;
  return (
    <div className="help" data-testid="sync-status">
      <ul aria-label="Machines" data-testid="sync-machines">
        {status.data.machines.map((machine) => (
          <li key={machine.id}>
            {machine.name}{' '}
            <span className="muted">
              {machine.isLocal
                ? '(this machine)'
                : machine.lastSeenAt === null
                  ? '(not seen yet)'
                  : `(last seen ${formatDateTime(machine.lastSeenAt)})`}
              {machine.lastSegment !== null ? ` · segment ${machine.lastSegment}` : ''}
              {machine.pendingImport ? ` · ${machine.pendingImport} to import` : ''}
              {machine.clockAheadMs !== null && machine.clockAheadMs > 60_000
                ? ` · clock ${formatSkew(machine.clockAheadMs)} ahead`
                : ''}
            </span>
            {machine.skipped.length > 0 && (
              <ul aria-label={`Skipped from ${machine.name}`}>
                {machine.skipped.map((skip) => (
                  <li key={skip.seq}>
                    skipped segment {skip.seq}: {skip.reason}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {sessions + edits + events > 0 && (
        <p>
          To send: {plural(sessions, 'session')}, {plural(events, 'event')}, {plural(edits, 'edit')}
        </p>
      )}
      {status.data.warnings.map((warning) => (
        <p key={warning} role="status">
          {warning}
        </p>
      ))}
      {status.data.conflicts.map((conflict, i) => (
        <p key={i} data-testid="sync-conflict">
          {conflict}
        </p>
      ))}
    </div>
  );
}
