import { useMachines } from '../api/queries';
import { formatDateTime } from '../lib/time';

/** The machines whose data is here (this one first), with when each was last seen by sync. */
export function SyncMachines() {
  const machines = useMachines();
  if (!machines.data) return null;
  return (
    <ul className="help" aria-label="Machines" data-testid="sync-machines">
      {machines.data.map((machine) => (
        <li key={machine.id}>
          {machine.name}{' '}
          <span className="muted">
            {machine.isLocal
              ? '(this machine)'
              : machine.lastSeenAt === null
                ? '(not seen yet)'
                : `(last seen ${formatDateTime(machine.lastSeenAt)})`}
          </span>
        </li>
      ))}
    </ul>
  );
}
