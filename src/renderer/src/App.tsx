import { useQuery } from '@tanstack/react-query';
import { useApi } from './api/ApiContext';

export function App() {
  const api = useApi();
  const status = useQuery({ queryKey: ['status'], queryFn: () => api.status() });

  return (
    <main className="app">
      <h1>tt</h1>
      {status.isPending && <p>Loading…</p>}
      {status.isError && <p role="alert">Could not reach tt: {status.error.message}</p>}
      {status.data && (
        <dl className="status" aria-label="Status">
          <dt>Database</dt>
          <dd>{status.data.databasePath}</dd>
          <dt>Schema</dt>
          <dd>{status.data.schemaVersion}</dd>
          <dt>Sessions</dt>
          <dd data-testid="count-sessions">{status.data.counts.sessions}</dd>
          <dt>Events</dt>
          <dd data-testid="count-events">{status.data.counts.events}</dd>
          <dt>Streams</dt>
          <dd data-testid="count-streams">{status.data.counts.streams}</dd>
        </dl>
      )}
    </main>
  );
}
