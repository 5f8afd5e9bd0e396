import type { Database, Statement } from 'better-sqlite3';
import type { SessionQuery, SessionSourceName, SessionSummary } from '../../shared/api';
import { mergeSessionEntries } from '../../core/transcript/session-identity';
import { recordRuleRows, storableRows, type TimeSpanRow } from '../../core/transcript/turns';
import { escapeLike } from '../store/like-pattern';
import { LOCAL_MACHINE_SQL, latestCopyWins } from './session-owner';
import {
  sessionEntryFrom,
  type PromptRow,
  type SessionEntry,
  type SessionState,
} from '../../core/transcript/session-state';

// The sessions table and what hangs off it (prompts, activity spans), plus indexed_files:
// the incremental state of every transcript seen. A file's session row, its new prompt and
// span rows and its indexed_files row are always written in the same transaction, so a
// crash leaves either the old state or the new one, never a mix. The sessions of other agents
// (agent-session-writer.ts) are written through this file too: it is the one file with SQL on
// sessions, session_prompts, session_activity, session_time_spans and indexed_files.

export type IndexedFileStatus = 'ok' | 'no-messages' | 'error' | 'missing';

export interface IndexedFile {
  path: string;
  sessionId: string | null;
  size: number;
  mtimeMs: number;
  readOffset: number;
  /** the parser state as stored (JSON), parsed only for files that are read again */
  stateJson: string | null;
  status: IndexedFileStatus;
  error: string | null;
  /** what the last read saw, to tell an append from a rewrite in place (null before schema 5) */
  inode: number | null;
  fingerprint: string | null;
  /** the ctime the last read saw (null before schema 13) */
  ctimeMs: number | null;
}

/** Another transcript that holds a session id: its path and the project it was in. */
export interface SessionIdClaim {
  path: string;
  cwd: string | null;
}

/** Everything one parsed file changes, written atomically with the others of its batch. */
export interface FileWrite {
  path: string;
  sessionId: string;
  entry: SessionEntry | null;
  /** the file was read from the start */
  fromStart: boolean;
  /**
   * The file was indexed before and is read again from the start (rewritten): the session's
   * prompts and spans are replaced, and its other copies, if any, are read again.
   */
  replaceDerived: boolean;
  /** where this read began: the stored read_offset it continued from */
  startOffset: number;
  /** the open span the previous run wrote, replaced by this run's version of it */
  previousOpenSpanStart: number | null;
  /** the turn the previous run left open, replaced by this run's version of it */
  previousOpenTurnStart: number | null;
  prompts: PromptRow[];
  closedSpans: [number, number][];
  /** turns (and waits) that closed in this read */
  timeSpans: TimeSpanRow[];
  /** summary records of this file: [leafUuid, summary] */
  summaries: [string, string][];
  state: SessionState;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  readOffset: number;
  inode: number;
  fingerprint: string | null;
  status: 'ok' | 'no-messages';
}

export interface FileError {
  path: string;
  error: string;
}

/** A row of the sessions table, as `SELECT *` reads it (the columns others read too). */
export interface SessionTableRow {
  session_id: string;
  parent_session_id: string | null;
  project_path: string | null;
  project_name: string | null;
  start_time: number;
  end_time: number | null;
  message_count: number;
  summary: string | null;
  custom_title: string | null;
  first_prompt: string | null;
  is_subagent: number;
  agent_type: string | null;
  agent: SessionSourceName;
}

/** A sessions row with the branch columns of migration 7: what stream inference reads. */
export type SessionBranchRow = SessionTableRow & {
  git_branch: string | null;
  git_branch_share: number | null;
  /** migration 11: the identity another machine resolved for its session (JSON) */
  origin_identity?: string | null;
};

interface SessionRow extends SessionTableRow {
  source_path: string | null;
  prompt_count: number;
  stream_id: string | null;
  file_status: string | null;
}

const SUMMARY_SELECT = `
  SELECT s.*,
         (SELECT count(*) FROM session_prompts p WHERE p.session_id = s.session_id) AS prompt_count,
         ss.stream_id AS stream_id,
         f.status AS file_status
  FROM sessions s
  LEFT JOIN session_streams ss ON ss.session_id = s.session_id
  LEFT JOIN indexed_files f ON f.path = s.source_path`;

/** A file of another agent seen before: what tells whether to read it again. */
export interface AgentFileRow {
  path: string;
  size: number;
  mtimeMs: number;
  /** null before schema 13 */
  ctimeMs: number | null;
  cursor: string | null;
  status: 'ok' | 'no-messages' | 'error' | 'missing';
}

/** Another agent's session as its row is written (agent-session-writer.ts maps the adapter's). */
export interface AgentSessionRow {
  sessionId: string;
  parentSessionId: string | null;
  projectPath: string | null;
  projectName: string | null;
  startTime: number;
  endTime: number | null;
  messageCount: number;
  title: string | null;
  firstPrompt: string | null;
  isSubagent: 0 | 1;
  sourcePath: string;
  indexedAt: number;
  gitBranch: string | null;
  gitBranchShare: number | null;
  agent: string;
}

export class SessionRepo {
  private readonly upsertSession: Statement;
  private readonly upsertFile: Statement;
  private readonly insertPrompt: Statement;
  private readonly upsertSpan: Statement;
  private readonly deletePrompts: Statement;
  private readonly deleteSpans: Statement;
  private readonly deleteSpan: Statement;
  private readonly upsertTimeSpan: Statement;
  private readonly deleteTimeSpans: Statement;
  private readonly deleteTurn: Statement;
  private readonly markFileError: Statement;
  private readonly storedOffset: Statement;
  private readonly upsertLeafSummary: Statement;
  private readonly setBranch: Statement;
  private readonly applyLeafSummary: Statement;
  private readonly otherCopies: Statement;
  private readonly readCopiesAgain: Statement;
  private readonly deleteSession: Statement;
  private readonly claims: Statement;
  private readonly idTaken: Statement;
  private readonly upsertAgentSession: Statement;
  private readonly upsertAgentFile: Statement;
  private readonly markAgentFileError: Statement;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.upsertSession = db.prepare(`
      INSERT INTO sessions (session_id, parent_session_id, project_path, project_name, start_time, end_time,
        message_count, summary, custom_title, first_prompt, is_subagent, agent_type, source_path, indexed_at,
        last_message_uuid)
      VALUES (@sessionId, @parentSessionId, @projectPath, @projectName, @startTime, @endTime, @messageCount,
        coalesce(@summary, (SELECT summary FROM summary_leaves
                            WHERE leaf_uuid = @lastMessageUuid AND source_session_id != @sessionId)),
        @customTitle, @firstPrompt, @isSubagent, @agentType, @sourcePath, @indexedAt, @lastMessageUuid)
      ON CONFLICT(session_id) DO UPDATE SET
        parent_session_id = excluded.parent_session_id, project_path = excluded.project_path,
        project_name = excluded.project_name, start_time = excluded.start_time, end_time = excluded.end_time,
        message_count = excluded.message_count, summary = excluded.summary, custom_title = excluded.custom_title,
        first_prompt = excluded.first_prompt, is_subagent = excluded.is_subagent,
        agent_type = coalesce(excluded.agent_type, sessions.agent_type),
        source_path = excluded.source_path, indexed_at = excluded.indexed_at,
        last_message_uuid = excluded.last_message_uuid, machine_id = ${LOCAL_MACHINE_SQL}
      WHERE ${latestCopyWins('coalesce(excluded.end_time, excluded.start_time)', LOCAL_MACHINE_SQL)}`);
    this.setBranch = db.prepare(
      'UPDATE sessions SET git_branch = @gitBranch, git_branch_share = @gitBranchShare WHERE session_id = @sessionId',
    );
    // A summary in this file that describes another session's last message goes to that
    // session too, unless it has a summary of its own.
    this.upsertLeafSummary = db.prepare(
      'INSERT OR REPLACE INTO summary_leaves (leaf_uuid, summary, source_session_id) VALUES (?, ?, ?)',
    );
    this.applyLeafSummary = db.prepare(
      'UPDATE sessions SET summary = ? WHERE last_message_uuid = ? AND session_id != ? AND summary IS NULL',
    );
    this.upsertFile = db.prepare(`
      INSERT INTO indexed_files (path, session_id, size, mtime_ms, read_offset, parser_state, status, error,
        indexed_at, inode, fingerprint, ctime_ms)
      VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)
      ON CONFLICT(path) DO UPDATE SET session_id = excluded.session_id, size = excluded.size,
        mtime_ms = excluded.mtime_ms, read_offset = excluded.read_offset, parser_state = excluded.parser_state,
        status = excluded.status, error = NULL, indexed_at = excluded.indexed_at, inode = excluded.inode,
        fingerprint = excluded.fingerprint, ctime_ms = excluded.ctime_ms`);
    // A failed read keeps what earlier runs indexed: only the status and the reason change. A
    // file never read has no session id yet (it is settled when the file is read).
    this.markFileError = db.prepare(`
      INSERT INTO indexed_files (path, session_id, size, mtime_ms, read_offset, parser_state, status, error, indexed_at)
      VALUES (?, NULL, -1, 0, 0, NULL, 'error', ?, ?)
      ON CONFLICT(path) DO UPDATE SET status = 'error', error = excluded.error, indexed_at = excluded.indexed_at`);
    this.storedOffset = db.prepare('SELECT read_offset AS offset, status FROM indexed_files WHERE path = ?');
    // Copies of one conversation share prompts: a prompt seen twice is one row, with words if either had them.
    this.insertPrompt = db.prepare(
      `INSERT INTO session_prompts (session_id, ts, text) VALUES (?, ?, ?)
       ON CONFLICT(session_id, ts) DO UPDATE SET text = coalesce(excluded.text, text)`,
    );
    // Copies of one conversation add up: a span they share keeps its longest end.
    this.upsertSpan = db.prepare(
      `INSERT INTO session_activity (session_id, start_ms, end_ms) VALUES (?, ?, ?)
       ON CONFLICT(session_id, start_ms) DO UPDATE SET end_ms = max(end_ms, excluded.end_ms)`,
    );
    this.deletePrompts = db.prepare('DELETE FROM session_prompts WHERE session_id = ?');
    this.deleteSpans = db.prepare('DELETE FROM session_activity WHERE session_id = ?');
    this.deleteSpan = db.prepare('DELETE FROM session_activity WHERE session_id = ? AND start_ms = ?');
    this.upsertTimeSpan = db.prepare(
      `INSERT OR REPLACE INTO session_time_spans (session_id, kind, turn_start, join_key, start_ms, end_ms)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.deleteTimeSpans = db.prepare('DELETE FROM session_time_spans WHERE session_id = ?');
    this.deleteTurn = db.prepare('DELETE FROM session_time_spans WHERE session_id = ? AND turn_start = ?');
    this.deleteSession = db.prepare('DELETE FROM sessions WHERE session_id = ?');
    this.otherCopies = db.prepare(
      'SELECT parser_state FROM indexed_files WHERE session_id = ? AND path != ? AND parser_state IS NOT NULL',
    );
    this.claims = db.prepare(
      `SELECT f.path, f.parser_state, s.project_path FROM indexed_files f
       LEFT JOIN sessions s ON s.session_id = f.session_id
       WHERE f.session_id = ? AND f.path != ? ORDER BY f.path`,
    );
    this.idTaken = db.prepare(
      `SELECT 1 FROM sessions WHERE session_id = ?
       UNION ALL SELECT 1 FROM indexed_files WHERE session_id = ? LIMIT 1`,
    );
    // Another agent's session comes complete from its adapter: its row is replaced as a whole.
    this.upsertAgentSession = db.prepare(`
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
        git_branch_share = excluded.git_branch_share, agent = excluded.agent, machine_id = ${LOCAL_MACHINE_SQL}
      WHERE ${latestCopyWins('coalesce(excluded.end_time, excluded.start_time)', LOCAL_MACHINE_SQL)}`);
    this.upsertAgentFile = db.prepare(`
      INSERT INTO indexed_files (path, session_id, size, mtime_ms, read_offset, parser_state, status, error,
        indexed_at, agent, ctime_ms)
      VALUES (?, ?, ?, ?, 0, ?, ?, NULL, ?, ?, ?)
      ON CONFLICT(path) DO UPDATE SET session_id = excluded.session_id, size = excluded.size,
        mtime_ms = excluded.mtime_ms, parser_state = excluded.parser_state, status = excluded.status,
        error = NULL, indexed_at = excluded.indexed_at, agent = excluded.agent, ctime_ms = excluded.ctime_ms`);
    // A failed read keeps what earlier reads indexed: only the status and the reason change.
    this.markAgentFileError = db.prepare(`
      INSERT INTO indexed_files (path, session_id, size, mtime_ms, read_offset, parser_state, status, error,
        indexed_at, agent)
      VALUES (?, NULL, -1, 0, 0, NULL, 'error', ?, ?, ?)
      ON CONFLICT(path) DO UPDATE SET status = 'error', error = excluded.error, indexed_at = excluded.indexed_at`);
    this.readCopiesAgain = db.prepare(
      `UPDATE indexed_files SET size = -1, read_offset = 0, parser_state = NULL, fingerprint = NULL
       WHERE session_id = ? AND path != ?`,
    );
  }

  indexedFiles(): Map<string, IndexedFile> {
    const rows = this.db
      .prepare(
        `SELECT path, session_id, size, mtime_ms, read_offset, parser_state, status, error, inode, fingerprint,
           ctime_ms FROM indexed_files WHERE agent = 'claude-code'`,
      )
      .all() as {
      path: string;
      session_id: string | null;
      size: number;
      mtime_ms: number;
      read_offset: number;
      parser_state: string | null;
      status: IndexedFileStatus;
      error: string | null;
      inode: number | null;
      fingerprint: string | null;
      ctime_ms: number | null;
    }[];
    const files = new Map<string, IndexedFile>();
    for (const row of rows) {
      files.set(row.path, {
        path: row.path,
        sessionId: row.session_id,
        size: row.size,
        mtimeMs: row.mtime_ms,
        readOffset: row.read_offset,
        stateJson: row.parser_state,
        status: row.status,
        error: row.error,
        inode: row.inode,
        fingerprint: row.fingerprint,
        ctimeMs: row.ctime_ms,
      });
    }
    return files;
  }

  /**
   * One transaction for the whole batch; returns how many session rows were written. IMMEDIATE
   * takes the write lock up front, so the app and the CLI indexing at once wait for each other.
   */
  writeBatch(writes: readonly FileWrite[], errors: readonly FileError[]): number {
    const indexedAt = this.now();
    let sessions = 0;
    this.db
      .transaction(() => {
        for (const write of writes) {
          const id = write.sessionId;
          if (!write.fromStart && !this.stillAt(write)) continue;
          if (write.replaceDerived) {
            this.deletePrompts.run(id);
            this.deleteSpans.run(id);
            this.deleteTimeSpans.run(id);
            if (write.entry === null) this.deleteSession.run(id);
            // Other copies of this conversation are read again to add theirs back.
            this.readCopiesAgain.run(id, write.path);
          } else if (!write.fromStart) {
            if (write.previousOpenSpanStart !== null) this.deleteSpan.run(id, write.previousOpenSpanStart);
            if (write.previousOpenTurnStart !== null) this.deleteTurn.run(id, write.previousOpenTurnStart);
          }
          this.writeTimeSpans(id, write);
          for (const prompt of write.prompts) this.insertPrompt.run(id, prompt.ts, prompt.text);
          for (const [start, end] of write.closedSpans) this.upsertSpan.run(id, start, end);
          const open = write.state.openSpan;
          if (open !== null) this.upsertSpan.run(id, open[0], open[1]);
          if (write.entry !== null) {
            const entry = this.withOtherCopies(id, write.path, write.entry);
            this.upsertSession.run({
              ...entry,
              isSubagent: entry.isSubagent ? 1 : 0,
              sourcePath: write.path,
              indexedAt,
            });
            this.setBranch.run({
              sessionId: entry.sessionId,
              gitBranch: entry.gitBranch,
              gitBranchShare: entry.gitBranchShare,
            });
            sessions++;
          }
          for (const [leaf, summary] of write.summaries) {
            this.upsertLeafSummary.run(leaf, summary, id);
            this.applyLeafSummary.run(summary, leaf, id);
          }
          this.upsertFile.run(
            write.path,
            id,
            write.size,
            write.mtimeMs,
            write.readOffset,
            JSON.stringify(write.state),
            write.status,
            indexedAt,
            write.inode,
            write.fingerprint,
            write.ctimeMs,
          );
        }
        for (const error of errors) this.markFileError.run(error.path, error.error, indexedAt);
      })
      .immediate();
    return sessions;
  }

  /** Closed turns as they are; the open one as its records say so far (replaced when it closes). */
  private writeTimeSpans(sessionId: string, write: FileWrite): void {
    const open = write.state.turns.open;
    for (const rows of [write.timeSpans, open === null ? [] : recordRuleRows(open)]) {
      for (const r of storableRows(rows))
        this.upsertTimeSpan.run(sessionId, r.kind, r.turnStart, r.joinKey, r.start, r.end);
    }
  }

  /** A session read from several copies (one conversation under two roots) shows them all. */
  private withOtherCopies(sessionId: string, path: string, entry: SessionEntry): SessionEntry {
    const others = this.otherCopies.all(sessionId, path) as { parser_state: string }[];
    if (others.length === 0) return entry;
    const entries = [entry];
    for (const other of others) {
      const copy = sessionEntryFrom(entry, JSON.parse(other.parser_state) as SessionState);
      if (copy !== null) entries.push(copy);
    }
    return mergeSessionEntries(entries);
  }

  /**
   * Other transcripts that hold this session id, with their project: the same project means
   * another copy of the same conversation; another project, another conversation.
   */
  claimsOf(sessionId: string, path: string): SessionIdClaim[] {
    const rows = this.claims.all(sessionId, path) as {
      path: string;
      parser_state: string | null;
      project_path: string | null;
    }[];
    return rows.map((row) => ({
      path: row.path,
      cwd: row.parser_state === null ? row.project_path : (JSON.parse(row.parser_state) as SessionState).cwd,
    }));
  }

  /** Whether a session or an indexed transcript has this id. */
  isSessionIdTaken(sessionId: string): boolean {
    return this.idTaken.get(sessionId, sessionId) !== undefined;
  }

  /**
   * A resumed read applies only on top of the state it started from: if another process
   * (the app and the CLI share the database) moved the file on meanwhile, its result wins.
   */
  private stillAt(write: FileWrite): boolean {
    const row = this.storedOffset.get(write.path) as { offset: number; status: string } | undefined;
    return row !== undefined && row.offset === write.startOffset;
  }

  // ------------------------------------------------------------------ other agents' sessions

  /** The files of one agent seen before, by path. */
  agentFiles(agent: string): Map<string, AgentFileRow> {
    const rows = this.db
      .prepare(
        `SELECT path, size, mtime_ms AS mtimeMs, ctime_ms AS ctimeMs, parser_state AS cursor, status
         FROM indexed_files WHERE agent = ?`,
      )
      .all(agent) as AgentFileRow[];
    return new Map(rows.map((row) => [row.path, row]));
  }

  /** Runs `write` in one IMMEDIATE transaction: a batch of files lands whole or not at all. */
  inWriteTransaction(write: () => void): void {
    this.db.transaction(write).immediate();
  }

  /** Another agent's session, complete: its row, and its prompts and turns replaced as a whole. */
  replaceAgentSession(
    row: AgentSessionRow,
    prompts: readonly PromptRow[],
    turns: readonly TimeSpanRow[],
  ): void {
    this.upsertAgentSession.run(row);
    this.deletePrompts.run(row.sessionId);
    for (const prompt of prompts) this.insertPrompt.run(row.sessionId, prompt.ts, prompt.text);
    this.deleteTimeSpans.run(row.sessionId);
    for (const r of turns)
      this.upsertTimeSpan.run(row.sessionId, r.kind, r.turnStart, r.joinKey, r.start, r.end);
  }

  /** What a read of another agent's file left: the session it holds first, its cursor and status. */
  recordAgentFile(
    file: {
      agent: string;
      path: string;
      size: number;
      mtimeMs: number;
      ctimeMs: number;
      cursor: string | null;
    },
    sessionId: string | null,
    status: 'ok' | 'no-messages',
    indexedAt: number,
  ): void {
    this.upsertAgentFile.run(
      file.path,
      sessionId,
      file.size,
      file.mtimeMs,
      file.cursor,
      status,
      indexedAt,
      file.agent,
      file.ctimeMs,
    );
  }

  markAgentFileFailed(error: { agent: string; path: string; error: string }, indexedAt: number): void {
    this.markAgentFileError.run(error.path, error.error, indexedAt, error.agent);
  }

  /** Transcripts that were indexed before and are gone now: their sessions stay. */
  markMissing(paths: readonly string[]): void {
    const mark = this.db.prepare("UPDATE indexed_files SET status = 'missing' WHERE path = ?");
    this.db.transaction(() => {
      for (const path of paths) mark.run(path);
    })();
  }

  /** When the latest session indexed ended (or started), or null before any. */
  /** Every Claude Code transcript indexed, by path (where the sessions tt holds were read from). */
  claudeTranscriptPaths(): string[] {
    return (
      this.db.prepare(`SELECT path FROM indexed_files WHERE agent = 'claude-code'`).all() as {
        path: string;
      }[]
    ).map((row) => row.path);
  }

  latestActivity(): number | null {
    const row = this.db
      .prepare('SELECT MAX(COALESCE(end_time, start_time)) AS latest FROM sessions')
      .get() as {
      latest: number | null;
    };
    return row.latest;
  }

  list(query: SessionQuery = {}): SessionSummary[] {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (query.since !== undefined) {
      where.push('coalesce(s.end_time, s.start_time) >= @since');
      params.since = query.since;
    }
    if (query.until !== undefined) {
      where.push('s.start_time < @until');
      params.until = query.until;
    }
    if (query.project !== undefined) {
      where.push('(s.project_name = @project OR s.project_path = @project)');
      params.project = query.project;
    }
    if (query.streamId !== undefined) {
      where.push('ss.stream_id = @streamId');
      params.streamId = query.streamId;
    }
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const limit = query.limit !== undefined ? `LIMIT ${Math.trunc(query.limit)}` : '';
    // With a limit, the most recent sessions; always returned oldest first.
    const rows = this.db
      .prepare(
        `SELECT * FROM (${SUMMARY_SELECT} ${filter} ORDER BY s.start_time DESC, s.session_id ${limit})
                ORDER BY start_time, session_id`,
      )
      .all(params) as SessionRow[];
    return rows.map(toSummary);
  }

  /** Sessions whose [start, end] overlaps [start, end), oldest first, with their branch. */
  overlapping(start: number, end: number): SessionBranchRow[] {
    return this.db
      .prepare(
        `SELECT * FROM sessions WHERE start_time < ? AND COALESCE(end_time, start_time) >= ?
         ORDER BY start_time, session_id`,
      )
      .all(end, start) as SessionBranchRow[];
  }

  /** One session's row with its branch, or null. */
  row(sessionId: string): SessionBranchRow | null {
    return (
      (this.db.prepare('SELECT * FROM sessions WHERE session_id = ?').get(sessionId) as
        SessionBranchRow | undefined) ?? null
    );
  }

  /** The session and its subagents (recursively), which move together. */
  family(sessionId: string): string[] {
    return this.db
      .prepare(
        `WITH RECURSIVE family(id) AS (
             SELECT ?
             UNION SELECT s.session_id FROM sessions s JOIN family f ON s.parent_session_id = f.id
           ) SELECT id FROM family`,
      )
      .pluck()
      .all(sessionId) as string[];
  }

  /** What a person would call each session (wording.ts's sessionTitle), null for an unknown id. */
  titles(sessionIds: readonly string[]): (string | null)[] {
    const get = this.db
      .prepare('SELECT coalesce(custom_title, summary, first_prompt) FROM sessions WHERE session_id = ?')
      .pluck();
    return sessionIds.map((id) => (get.get(id) as string | null | undefined) ?? null);
  }

  exists(sessionId: string): boolean {
    return this.db.prepare('SELECT 1 FROM sessions WHERE session_id = ?').get(sessionId) !== undefined;
  }

  /**
   * Up to three session ids that start with `prefix` (enough to tell one from several). A
   * prefix of a session's id does not also match its subagents (`<id>/agent-…`).
   */
  idsByPrefix(prefix: string): string[] {
    return this.db
      .prepare(
        `SELECT session_id FROM sessions WHERE session_id LIKE ? ESCAPE '\\'
           AND instr(substr(session_id, length(?) + 1), '/') = 0 LIMIT 3`,
      )
      .pluck()
      .all(`${escapeLike(prefix)}%`, prefix) as string[];
  }

  byProject(project: string): SessionSummary[] {
    return this.list({ project });
  }

  children(parentSessionId: string): SessionSummary[] {
    const rows = this.db
      .prepare(`${SUMMARY_SELECT} WHERE s.parent_session_id = ? ORDER BY s.start_time, s.session_id`)
      .all(parentSessionId) as SessionRow[];
    return rows.map(toSummary);
  }

  get(sessionId: string): SessionSummary | null {
    const row = this.db.prepare(`${SUMMARY_SELECT} WHERE s.session_id = ?`).get(sessionId) as
      SessionRow | undefined;
    return row ? toSummary(row) : null;
  }

  prompts(sessionId: string): number[] {
    return (
      this.db.prepare('SELECT ts FROM session_prompts WHERE session_id = ? ORDER BY ts').all(sessionId) as {
        ts: number;
      }[]
    ).map((row) => row.ts);
  }

  /** The person's prompts with their words, oldest first. */
  promptTexts(sessionId: string): PromptRow[] {
    return this.db
      .prepare('SELECT ts, text FROM session_prompts WHERE session_id = ? ORDER BY ts')
      .all(sessionId) as PromptRow[];
  }

  gitBranch(sessionId: string): string | null {
    const row = this.db.prepare('SELECT git_branch FROM sessions WHERE session_id = ?').get(sessionId) as
      { git_branch: string | null } | undefined;
    return row?.git_branch ?? null;
  }

  activity(sessionId: string): [number, number][] {
    return (
      this.db
        .prepare('SELECT start_ms, end_ms FROM session_activity WHERE session_id = ? ORDER BY start_ms')
        .all(sessionId) as { start_ms: number; end_ms: number }[]
    ).map((row) => [row.start_ms, row.end_ms]);
  }
}

function toSummary(row: SessionRow): SessionSummary {
  return {
    sessionId: row.session_id,
    parentSessionId: row.parent_session_id,
    isSubagent: row.is_subagent === 1,
    projectPath: row.project_path,
    projectName: row.project_name,
    startTime: row.start_time,
    endTime: row.end_time,
    messageCount: row.message_count,
    summary: row.summary,
    customTitle: row.custom_title,
    firstPrompt: row.first_prompt,
    promptCount: row.prompt_count,
    streamId: row.stream_id,
    fileExists: row.file_status !== 'missing',
    agentType: row.agent_type,
    transcriptPath: row.source_path,
    agent: row.agent,
  };
}
