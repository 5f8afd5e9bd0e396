import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/ApiContext';
import { formatDateTime } from '../lib/time';

/** The machines whose data is here (this one first), with when each was last seen by sync. */
export function SyncMachines() {
  const api = useApi();
  const machines = useQuery({ queryKey: ['settings', 'machines'], queryFn: () => api.listMachines() });
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
