import type { ResolvedIdentity } from '../../core/identity';
import { DETACHED_HEAD, identityFromPath } from '../../core/identity';
import { streamIdentity } from '../../core/streams/project-identity';
import type { ProjectIdentity, StreamEvent, StreamSession } from '../../core/streams/stream-model';
import type { EventRepo, EventTableRow } from '../events/event-repo';
import type { SessionBranchRow, SessionRepo } from '../sessions/session-repo';

// Reading what inference works on: sessions and focus events in a range, each with the
// project identity its stream is keyed by. Raw rows are only read here, never written.

/** Says which project a directory belongs to (issue 4's IdentityResolver fits). */
export interface IdentitySource {
  resolveIdentity(dir: string): Promise<ResolvedIdentity>;
}

/** The path heuristic alone, for when no resolver is given. */
export const pathOnlyIdentity: IdentitySource = {
  resolveIdentity: async (dir) => ({ ...identityFromPath(dir), source: 'path' }),
};

export class InferenceInputs {
  private readonly identities = new Map<string, Promise<ProjectIdentity>>();
  /** directories jj named: git's HEAD is always detached there, so "HEAD" says nothing */
  private readonly jjDirectories = new Set<string>();

  constructor(
    private readonly sessions: Pick<SessionRepo, 'overlapping' | 'row'>,
    private readonly events: Pick<EventRepo, 'between'>,
    private readonly resolver: IdentitySource,
  ) {}

  /** The identity of a directory, resolved once per directory per run. */
  private identityOfPath(path: string): Promise<ProjectIdentity> {
    let identity = this.identities.get(path);
    if (!identity) {
      identity = this.resolver.resolveIdentity(path).then(
        (resolved) => {
          if (resolved.source === 'jj') this.jjDirectories.add(path);
          return streamIdentity(resolved, path);
        },
        () => streamIdentity({ ...identityFromPath(path), source: 'path' }, path),
      );
      this.identities.set(path, identity);
    }
    return identity;
  }

  /** Per folder, its identity and whether jj named it: what sync carries with a session. */
  async identitiesOf(
    paths: readonly string[],
  ): Promise<Map<string, { projectName: string; workspaceName: string | null; jj: boolean }>> {
    const result = new Map<string, { projectName: string; workspaceName: string | null; jj: boolean }>();
    for (const path of paths) {
      const identity = await this.identityOfPath(path);
      result.set(path, { ...identity, jj: this.jjDirectories.has(path) });
    }
    return result;
  }

  private async toSession(row: SessionBranchRow): Promise<StreamSession> {
    // A session from another machine keeps the identity its machine resolved: its folder is there.
    const origin = row.origin_identity
      ? (JSON.parse(row.origin_identity) as ProjectIdentity & { jj: boolean })
      : null;
    const identity: ProjectIdentity = origin
      ? { projectName: origin.projectName, workspaceName: origin.workspaceName }
      : row.project_path
        ? await this.identityOfPath(row.project_path)
        : { projectName: row.project_name ?? 'unknown', workspaceName: null };
    const jjNamed = origin ? origin.jj : this.jjDirectories.has(row.project_path ?? '');
    const jjDetached = row.git_branch === DETACHED_HEAD && jjNamed;
    return {
      sessionId: row.session_id,
      parentSessionId: row.parent_session_id,
      isSubagent: row.is_subagent === 1,
      projectPath: row.project_path,
      identity,
      branch: jjDetached ? null : row.git_branch,
      branchShare: jjDetached ? null : row.git_branch_share,
      start: row.start_time,
      end: row.end_time,
      messageCount: row.message_count,
      summary: row.summary,
      customTitle: row.custom_title,
      firstPrompt: row.first_prompt,
    };
  }

  /**
   * Sessions whose span touches [start, end), plus every ancestor of a subagent among them
   * (a subagent's stream is its parent's, so the parent must be known), ordered by start.
   */
  async sessionsIn(start: number, end: number): Promise<StreamSession[]> {
    const rows = this.sessions.overlapping(start, end);
    const byId = new Map(rows.map((row) => [row.session_id, row]));
    for (let i = 0; i < rows.length; i++) {
      const parentId = rows[i]!.parent_session_id;
      if (parentId != null && !byId.has(parentId)) {
        const parent = this.sessions.row(parentId);
        if (parent) {
          byId.set(parentId, parent);
          rows.push(parent);
        }
      }
    }
    rows.sort((a, b) => a.start_time - b.start_time || a.session_id.localeCompare(b.session_id));
    return Promise.all(rows.map((row) => this.toSession(row)));
  }

  /** Focus events in [start, end) with the identity of their directory. */
  async eventsIn(start: number, end: number): Promise<StreamEvent[]> {
    const rows: EventTableRow[] = this.events.between(start, end);
    return Promise.all(
      rows.map(async (row) => {
        let identity: ProjectIdentity | null = null;
        // A path-only identity is re-read with the worktree layouts, as sessions' are, so
        // that events and sessions in one worktree share a key.
        if (
          row.cwd &&
          (row.identity_source === 'path' || row.identity_source === null || !row.project_name)
        ) {
          identity = await this.identityOfPath(row.cwd);
        } else if (row.project_name) {
          identity = { projectName: row.project_name, workspaceName: row.workspace_name };
        }
        return { id: row.id, ts: row.ts, type: row.type, identity, path: row.cwd, branch: row.git_branch };
      }),
    );
  }
}
