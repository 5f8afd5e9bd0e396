import type { Database } from 'better-sqlite3';

// Rows for the sessions and events tables, written with SQL the way the indexer and the
// events importer write them, for tests of what reads them (inference, allocation).

export interface SeedSession {
  sessionId: string;
  projectPath?: string | null;
  projectName?: string | null;
  parentSessionId?: string | null;
  /** epoch ms or ISO text */
  start: number | string;
  end?: number | string | null;
  messageCount?: number;
  summary?: string | null;
  customTitle?: string | null;
  firstPrompt?: string | null;
}

export interface SeedEvent {
  id: string;
  ts: number | string;
  type?: string;
  cwd?: string | null;
  projectName?: string | null;
  workspaceName?: string | null;
  identitySource?: 'jj' | 'git' | 'path' | null;
}

const ms = (value: number | string): number => (typeof value === 'number' ? value : Date.parse(value));

export function seedSessions(db: Database, sessions: readonly SeedSession[]): void {
  const insert = db.prepare(
    `INSERT INTO sessions (session_id, parent_session_id, project_path, project_name, start_time, end_time,
       message_count, summary, custom_title, first_prompt, is_subagent, indexed_at)
     VALUES (@sessionId, @parentSessionId, @projectPath, @projectName, @start, @end, @messageCount, @summary,
       @customTitle, @firstPrompt, @isSubagent, 0)`,
  );
  db.transaction(() => {
    for (const s of sessions) {
      insert.run({
        sessionId: s.sessionId,
        parentSessionId: s.parentSessionId ?? null,
        projectPath: s.projectPath ?? null,
        projectName: s.projectName ?? null,
        start: ms(s.start),
        end: s.end == null ? null : ms(s.end),
        messageCount: s.messageCount ?? 2,
        summary: s.summary ?? null,
        customTitle: s.customTitle ?? null,
        firstPrompt: s.firstPrompt ?? null,
        isSubagent: s.parentSessionId ? 1 : 0,
      });
    }
  })();
}

export function seedEvents(db: Database, events: readonly SeedEvent[]): void {
  const insert = db.prepare(
    `INSERT INTO events (id, ts, type, cwd, project_name, workspace_name, identity_source, imported_at)
     VALUES (@id, @ts, @type, @cwd, @projectName, @workspaceName, @identitySource, 0)`,
  );
  db.transaction(() => {
    for (const e of events) {
      insert.run({
        id: e.id,
        ts: ms(e.ts),
        type: e.type ?? 'pane-focus',
        cwd: e.cwd ?? null,
        projectName: e.projectName ?? null,
        workspaceName: e.workspaceName ?? null,
        identitySource: e.identitySource ?? (e.cwd ? 'path' : null),
      });
    }
  })();
}
