import { useState } from 'react';
import { agentLabel } from '../../../shared/session-sources';
import { useSessionDetails } from '../api/queries';
import { explainError } from '../lib/errors';
import { formatDateTime, formatDuration, type Range } from '../lib/time';

/** Prompts shown before "show N more": enough to recognise a session without a wall of text. */
const PROMPTS_SHOWN = 3;

/**
 * What a session was: its times in the range in view (its share of the same allocation the
 * timeline shows), project and branch, start and end, and every prompt the person sent.
 */
export function SessionDetails({ sessionId, range }: { sessionId: string; range: Range }) {
  const details = useSessionDetails(sessionId, range);
  const [allPrompts, setAllPrompts] = useState(false);
  if (details.isPending) return <p className="muted">Loading details…</p>;
  if (details.isError) return <p role="alert">{explainError(details.error, 'Reading the session').title}</p>;
  const { session, gitBranch, prompts, directMs, delegatedMs, waitingMs, placement } = details.data;
  const shown = allPrompts ? prompts : prompts.slice(0, PROMPTS_SHOWN);
  return (
    <div className="session-details" data-testid="session-details">
      <dl className="session-facts">
        <dt>Direct</dt>
        <dd data-testid="session-direct">{formatDuration(directMs)}</dd>
        <dt>Delegated</dt>
        <dd data-testid="session-delegated">{formatDuration(delegatedMs)}</dd>
        <dt>Waiting</dt>
        <dd data-testid="session-waiting">{formatDuration(waitingMs)}</dd>
        <dt>Agent</dt>
        <dd data-testid="session-agent">{agentLabel(session.agent)}</dd>
        <dt>Project</dt>
        <dd>
          {session.projectName ?? 'unknown'}
          {gitBranch && <> · branch {gitBranch}</>}
        </dd>
        <dt>Stream</dt>
        <dd data-testid="session-stream">{placement ? placement.streamName : 'none yet'}</dd>
        {placement && (
          <>
            <dt>Why</dt>
            <dd data-testid="session-reason">{placement.reason}</dd>
          </>
        )}
        <dt>Started</dt>
        <dd>{formatDateTime(session.startTime)}</dd>
        <dt>Ended</dt>
        <dd>{formatDateTime(session.endTime ?? session.startTime)}</dd>
      </dl>
      <p className="muted">Times are within the range in view.</p>
      {prompts.length === 0 ? (
        <p className="muted">No prompts from you in this session.</p>
      ) : (
        <ol className="session-prompts" aria-label="Your prompts">
          {shown.map((prompt) => (
            <li key={prompt.ts} data-testid="session-prompt">
              <time className="muted">{formatDateTime(prompt.ts)}</time>{' '}
              <span className="prompt-text">{prompt.text ?? '(words not kept)'}</span>
            </li>
          ))}
        </ol>
      )}
      {!allPrompts && prompts.length > PROMPTS_SHOWN && (
        <button
          type="button"
          className="link-button"
          data-testid="show-more-prompts"
          onClick={() => setAllPrompts(true)}
        >
          Show {prompts.length - PROMPTS_SHOWN} more{' '}
          {prompts.length - PROMPTS_SHOWN === 1 ? 'prompt' : 'prompts'}
        </button>
      )}
    </div>
  );
}
