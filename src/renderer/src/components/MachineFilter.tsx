import { useMachines } from '../api/queries';
import { useUi } from '../state/ui-store';

/**
 * Which machine's work the timeline shows (issue 18): every machine's, or one's. Only there
 * once sync has brought a second machine; the choice lives in the URL like the range.
 */
export function MachineFilter() {
  const machine = useUi((s) => s.machine);
  const machines = useMachines();
  const list = machines.data ?? [];
  if (list.length < 2 && machine === null) return null;
  return (
    <label className="machine-filter">
      <span className="visually-hidden">Machine</span>
      <select
        value={machine ?? ''}
        onChange={(event) => useUi.getState().setMachine(event.target.value || null)}
        title="Show the work recorded on one machine, or on all of them"
        data-testid="machine-filter"
      >
        <option value="">All machines</option>
        {list.map((m) => (
          <option key={m.id} value={m.id}>
            {m.isLocal ? `${m.name} (this machine)` : m.name}
          </option>
        ))}
      </select>
    </label>
  );
}
