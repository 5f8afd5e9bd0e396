import { useConnection } from '../state/connection-store';
import { formatClock } from '../lib/time';

/**
 * Says at once when tt stops answering this page, and that what is on screen is from before;
 * the page reconnects by itself (see api/client.ts), and the banner goes when it does.
 */
export function ConnectionBanner() {
  const connection = useConnection((s) => s.connection);
  // Every answer from tt moves it: read only while the banner shows, so answers redraw nothing.
  const lastAnswerAt = useConnection((s) => (s.connection.state === 'connected' ? null : s.lastAnswerAt));
  if (connection.state === 'connected') return null;
  const port = window.location.port;
  const asOf = lastAnswerAt === null ? '' : ` (as of ${formatClock(lastAnswerAt)})`;
  return (
    <div role="alert" className="error-banner connection-banner" data-testid="connection-banner">
      {connection.state === 'lost' ? (
        <>
          <strong>tt is not running</strong>
          <div>
            What you see is the last data it sent{asOf}, and may be out of date. Start it again with{' '}
            <code>tt dashboard --port {port}</code>: this page reconnects by itself.
          </div>
        </>
      ) : (
        <>
          <strong>tt no longer knows this page</strong>
          <div>
            What you see is the last data it sent{asOf}. tt dashboard was restarted with a new link: open the
            URL it printed (run <code>tt dashboard</code> again if it is not running).
          </div>
        </>
      )}
    </div>
  );
}

/** True while the data on screen may be out of date because tt is not answering. */
export function useStale(): boolean {
  return useConnection((s) => s.connection.state !== 'connected');
}
