import { clashSessionId } from '../../core/transcript/session-identity';
import { subagentSessionId } from '../../shared/session-id';
import type { SessionState } from '../../core/transcript/session-state';
import type { TranscriptFile } from './scanner';
import type { SessionIdClaim, SessionRepo } from './session-repo';

// Settles the session id of a transcript read for the first time. Two files may carry the
// same id: copies of one conversation under two roots (~/.claude/projects and
// ~/.config/claude/projects), which become one session, or two conversations, which stay two
// sessions, the later one under `<id>~2`, and are reported by path. Nothing is dropped.

export const SAME_CONVERSATION = 'same session in two places (one session, both files read)';
export const ID_CLASH = 'same session id as another conversation (kept as its own session)';

export class SessionIdentities {
  private readonly order = new Map<string, number>();
  /** ids that more than one scanned file carries: settled once all are read, in scan order */
  private readonly contested = new Set<string>();
  /** claims settled in this run, not all written yet */
  private readonly claims = new Map<string, SessionIdClaim[]>();
  private readonly taken = new Set<string>();

  constructor(
    private readonly repo: SessionRepo,
    files: readonly TranscriptFile[],
    private readonly note: (path: string, countAs: string, reason: string) => void,
  ) {
    const seen = new Set<string>();
    files.forEach((file, i) => {
      this.order.set(file.path, i);
      if (seen.has(file.sessionId)) this.contested.add(file.sessionId);
      seen.add(file.sessionId);
    });
  }

  /** Another file of this run has the same id: wait until every file is read. */
  mustWait(file: TranscriptFile): boolean {
    return this.contested.has(file.sessionId);
  }

  scanOrder(file: TranscriptFile): number {
    return this.order.get(file.path) ?? Number.MAX_SAFE_INTEGER;
  }

  /** The id a newly read transcript is indexed under. */
  settle(file: TranscriptFile, state: SessionState): string {
    const base = baseSessionId(file, state);
    const cwd = state.cwd;
    const earlier = this.repo.claimsOf(base, file.path);
    for (const claim of this.claims.get(base) ?? []) {
      if (!earlier.some((other) => other.path === claim.path)) earlier.push(claim);
    }
    let id = base;
    const same = earlier.find((claim) => claim.cwd === cwd);
    if (same !== undefined) {
      this.note(file.path, SAME_CONVERSATION, `the same session as ${same.path}: both read into ${base}`);
    } else if (earlier.length > 0) {
      id = clashSessionId(
        base,
        (candidate) => this.taken.has(candidate) || this.repo.isSessionIdTaken(candidate),
      );
      this.note(
        file.path,
        ID_CLASH,
        `session id ${base} is also ${earlier[0]!.path}, another conversation: indexed as ${id}`,
      );
    }
    this.taken.add(id);
    if (id === base) {
      const list = this.claims.get(base);
      if (list) list.push({ path: file.path, cwd });
      else this.claims.set(base, [{ path: file.path, cwd }]);
    }
    return id;
  }
}

/**
 * The id the file and its content give: an older `agent-*.jsonl` beside the sessions names
 * its parent only inside (the sessionId of its records).
 */
function baseSessionId(file: TranscriptFile, state: SessionState): string {
  const parent = state.innerSessionId;
  if (file.isSubagent && file.parentSessionId === null && parent !== null && parent !== file.sessionId) {
    return subagentSessionId(parent, file.sessionId);
  }
  return file.sessionId;
}
