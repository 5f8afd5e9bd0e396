import type { Database, Statement } from 'better-sqlite3';
import type { AgentKind, AgentSession } from '../../core/agents/agent-session';
import { namespacedSessionId } from '../../core/agents/agent-session-id';
import { agentTurnRows } from '../../core/agents/agent-turn-rows';
import { extractProjectName } from '../../core/project-name';
import { promptText, promptTitle } from '../../core/transcript/prompt';

// Sessions of agents other than Claude Code, in the tables Claude's sessions use (sessions,
// session_prompts, session_time_spans, indexed_files with the file's agent). An adapter yields
// each session complete, so a write replaces the session's prompts and turns as a whole. A
// file's sessions and its indexed_files row are written in one transaction.

export interface AgentFileRow {
  path: string;
  size: number;
  mtimeMs: number;
  cursor: string | null;
  status: 'ok' | 'no-messages' | 'error' | 'missing';
}

export interface AgentFileWrite {
  agent: AgentKind;
  path: string;
  size: number;
  mtimeMs: number;
  cursor: string | null;
  sessions: AgentSession[];
}

export interface AgentFileError {
  agent: AgentKind;
  path: string;
  error: string;
}

export class AgentSessionRepo {
  private readonly upsertSession: Statement;
  private readonly deletePrompts: Statement;
  private readonly insertPrompt: Statement;
  private readonly deleteTimeSpans: Statement;
  private readonly insertTimeSpan: Statement;
  private readonly upsertFile: Statement;
  private readonly markFileError: Statement;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.upsertSession = db.prepare(`
      INSERT INTO sessions (session_id, parent_session_id, project_path, project_name, start_time, end_time,
        message_count, custom_title, first_prompt, is_subagent, source_path, indexed_at, git_branch,
        git_branch_share, agent)
      VALUES (@sessionId, @parentSessionId, @projectPath, @projectName, @startTime, @endTime, @messageCount,
        @title, @firstPrompt, @isSubagent, @sourcePath, @indexedAt, @gitBranch, @gitBranchShare, @agent)
      ON CONFLICT(session_id) DO UPDATE SET
        parent_session_id = excluded.parent_session_id, project_path = excluded.project_path,
        project_name = excluded.project_name, start_time = excluded.start_time, end_time = excluded.end_time,
        message_count = excluded.message_count, custom_title = excluded.custom_title,
        first_prompt = excluded.first_prompt, is_subagent = excluded.is_subagent,
        source_path = excluded.source_path, indexed_at = excluded.indexed_at, git_branch = excluded.git_branch,
        git_branch_share = excluded.git_branch_share, agent = excluded.agent`);
    this.deletePrompts = db.prepare('DELETE FROM session_prompts WHERE session_id = ?');
    this.insertPrompt = db.prepare(
      `INSERT INTO session_prompts (session_id, ts, text) VALUES (?, ?, ?)
       ON CONFLICT(session_id, ts) DO UPDATE SET text = coalesce(excluded.text, text)`,
    );
    this.deleteTimeSpans = db.prepare('DELETE FROM session_time_spans WHERE session_id = ?');
    this.insertTimeSpan = db.prepare(
      `INSERT OR REPLACE INTO session_time_spans (session_id, kind, turn_start, join_key, start_ms, end_ms)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.upsertFile = db.prepare(`
      INSERT INTO indexed_files (path, session_id, size, mtime_ms, read_offset, parser_state, status, error,
        indexed_at, agent)
      VALUES (?, ?, ?, ?, 0, ?, ?, NULL, ?, ?)
      ON CONFLICT(path) DO UPDATE SET session_id = excluded.session_id, size = excluded.size,
        mtime_ms = excluded.mtime_ms, parser_state = excluded.parser_state, status = excluded.status,
        error = NULL, indexed_at = excluded.indexed_at, agent = excluded.agent`);
    // A failed read keeps what earlier reads indexed: only the status and the reason change.
    this.markFileError = db.prepare(`
      INSERT INTO indexed_files (path, session_id, size, mtime_ms, read_offset, parser_state, status, error,
        indexed_at, agent)
      VALUES (?, NULL, -1, 0, 0, NULL, 'error', ?, ?, ?)
      ON CONFLICT(path) DO UPDATE SET status = 'error', error = excluded.error, indexed_at = excluded.indexed_at`);
  }

  /** The files of one agent seen before, by path. */
  files(agent: AgentKind): Map<string, AgentFileRow> {
    const rows = this.db
      .prepare(
        `SELECT path, size, mtime_ms AS mtimeMs, parser_state AS cursor, status
         FROM indexed_files WHERE agent = ?`,
      )
      .all(agent) as AgentFileRow[];
    return new Map(rows.map((row) => [row.path, row]));
  }

  /** One IMMEDIATE transaction for the batch; returns how many session rows were written. */
  writeBatch(writes: readonly AgentFileWrite[], errors: readonly AgentFileError[]): number {
    const indexedAt = this.now();
    let written = 0;
    this.db
      .transaction(() => {
        for (const write of writes) {
          for (const session of write.sessions) this.writeSession(session, write.path, indexedAt);
          written += write.sessions.length;
          const first = write.sessions[0];
          const sessionId = first === undefined ? null : namespacedSessionId(first.agent, first.id);
          const status = write.sessions.length > 0 ? 'ok' : 'no-messages';
          this.upsertFile.run(
            write.path,
            sessionId,
            write.size,
            write.mtimeMs,
            write.cursor,
            status,
            indexedAt,
            write.agent,
          );
        }
        for (const error of errors) this.markFileError.run(error.path, error.error, indexedAt, error.agent);
      })
      .immediate();
    return written;
  }

  /** Files that were indexed and are gone now: their sessions stay (tt keeps the history). */
  markMissing(paths: readonly string[]): void {
    const mark = this.db.prepare("UPDATE indexed_files SET status = 'missing' WHERE path = ?");
    this.db.transaction(() => {
      for (const path of paths) mark.run(path);
    })();
  }

  private writeSession(session: AgentSession, path: string, indexedAt: number): void {
    const sessionId = namespacedSessionId(session.agent, session.id);
    const firstText = session.prompts.find((prompt) => prompt.text.trim().length > 0)?.text ?? null;
    this.upsertSession.run({
      sessionId,
      parentSessionId:
        session.parentId === null ? null : namespacedSessionId(session.agent, session.parentId),
      projectPath: session.cwd,
      projectName: session.cwd === null ? null : extractProjectName(session.cwd),
      startTime: session.start,
      endTime: session.end === session.start ? null : session.end,
      messageCount: session.messageCount,
      title: session.title,
      firstPrompt: firstText === null ? null : promptTitle(firstText),
      isSubagent: session.parentId === null ? 0 : 1,
      sourcePath: path,
      indexedAt,
      gitBranch: session.gitBranch,
      gitBranchShare: session.gitBranch === null ? null : 1,
      agent: session.agent,
    });
    this.deletePrompts.run(sessionId);
    for (const prompt of session.prompts)
      this.insertPrompt.run(sessionId, prompt.at, promptText(prompt.text));
    this.deleteTimeSpans.run(sessionId);
    for (const r of agentTurnRows(session.turns)) {
      this.insertTimeSpan.run(sessionId, r.kind, r.turnStart, r.joinKey, r.start, r.end);
    }
  }
}
