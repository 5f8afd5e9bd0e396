import type { Database, Statement } from 'better-sqlite3';
import type { SessionRecord } from '../../core/sync/segment';
import { statementCache } from '../store/statement-cache';
import { latestCopyWins } from './session-owner';

// Sessions as sync carries them: what this machine indexed, read for its segments (only what
// changed since the last one), and other machines' sessions written from theirs. The
// transcripts themselves never travel: an imported session has no source file here.

const ROW_COLUMNS = [
  'parent_session_id',
  'project_path',
  'project_name',
  'start_time',
  'end_time',
  'message_count',
  'summary',
  'custom_title',
  'first_prompt',
  'is_subagent',
  'agent_type',
  'last_message_uuid',
  'git_branch',
  'git_branch_share',
] as const;

export type SessionImport = 'imported' | 'stale';

export class SessionSyncRows {
  /** Prepared once per SQL text: an import writes thousands of rows. */
  private readonly sql: (text: string) => Statement;

  constructor(private readonly db: Database) {
    this.sql = statementCache(db);
  }

  /** The latest change number: the export's next high-water mark. */
  latestChange(): number {
    return (
      (this.db
        .prepare('SELECT coalesce(max(change), 0) FROM sync_session_changes')
        .pluck()
        .get() as number) ?? 0
    );
  }

  /** How many of this machine's sessions changed after `change` (what the next export sends). */
  countChangedSince(machine: string, change: number): number {
    return this.sql(
      `SELECT count(*) FROM sync_session_changes c JOIN sessions s USING (session_id)
        WHERE c.change > ? AND s.machine_id = ?`,
    )
      .pluck()
      .get(change, machine) as number;
  }

  /** The folders of this machine's sessions changed after `change`: their identities go along. */
  changedPaths(machine: string, change: number): string[] {
    return this.sql(
      `SELECT DISTINCT s.project_path FROM sync_session_changes c JOIN sessions s USING (session_id)
        WHERE c.change > ? AND s.machine_id = ? AND s.project_path IS NOT NULL`,
    )
      .pluck()
      .all(change, machine) as string[];
  }

  /** This machine's sessions changed after `change`, as records (prompt words left out if asked). */
  changedSince(
    machine: string,
    change: number,
    upTo: number,
    withPromptTexts: boolean,
    identities: ReadonlyMap<string, SessionRecord['identity']>,
  ): SessionRecord[] {
    const rows = this.db
      .prepare(
        `SELECT s.*, c.change FROM sync_session_changes c JOIN sessions s USING (session_id)
          WHERE c.change > ? AND c.change <= ? AND s.machine_id = ? ORDER BY c.change`,
      )
      .all(change, upTo, machine) as (Record<string, unknown> & { session_id: string; change: number })[];
    const prompts = this.db.prepare('SELECT ts, text FROM session_prompts WHERE session_id = ? ORDER BY ts');
    const activity = this.db.prepare(
      'SELECT start_ms, end_ms FROM session_activity WHERE session_id = ? ORDER BY start_ms',
    );
    const spans = this.db.prepare(
      `SELECT kind, turn_start, join_key, start_ms, end_ms FROM session_time_spans
        WHERE session_id = ? ORDER BY start_ms, kind`,
    );
    return rows.map((row) => {
      const record = Object.fromEntries(ROW_COLUMNS.map((column) => [column, row[column] ?? null]));
      if (!withPromptTexts) record.first_prompt = null;
      return {
        kind: 'session',
        id: row.session_id,
        version: row.change,
        row: record as SessionRecord['row'],
        identity: typeof row.project_path === 'string' ? (identities.get(row.project_path) ?? null) : null,
        prompts: (prompts.all(row.session_id) as { ts: number; text: string | null }[]).map(
          (p): [number, string | null] => [p.ts, withPromptTexts ? p.text : null],
        ),
        activity: (activity.all(row.session_id) as { start_ms: number; end_ms: number }[]).map(
          (a): [number, number] => [a.start_ms, a.end_ms],
        ),
        spans: (
          spans.all(row.session_id) as {
            kind: 'agent' | 'handback' | 'pending';
            turn_start: number;
            join_key: number;
            start_ms: number;
            end_ms: number;
          }[]
        ).map((s): SessionRecord['spans'][number] => [
          s.kind,
          s.turn_start,
          s.join_key,
          s.start_ms,
          s.end_ms,
        ]),
      };
    });
  }

  /**
   * Writes another machine's session, replacing an older version of it. When this machine (or
   * a third one) holds the same session (the same transcript on two machines), the copy with
   * the latest record wins (session-owner.ts) and the prompts of both are kept.
   */
  importSession(machine: string, record: SessionRecord, now: number): SessionImport {
    const existing = this.sql('SELECT machine_id, origin_version FROM sessions WHERE session_id = ?').get(
      record.id,
    ) as { machine_id: string | null; origin_version: number | null } | undefined;
    const sameMachine = existing?.machine_id === machine;
    if (existing && sameMachine && (existing.origin_version ?? 0) >= record.version) return 'stale';
    const end = record.row.end_time ?? record.row.start_time;
    const wins =
      !existing ||
      sameMachine ||
      (this.sql(`SELECT ${latestCopyWins('@end', '@machine')} FROM sessions WHERE session_id = @id`)
        .pluck()
        .get({ end, machine, id: record.id }) as number) === 1;
    const prompt = this.sql('INSERT OR IGNORE INTO session_prompts (session_id, ts, text) VALUES (?, ?, ?)');
    if (!wins) {
      // Held here from a later copy: this copy's prompts join it.
      for (const [ts, text] of record.prompts) prompt.run(record.id, ts, text);
      return 'stale';
    }
    const columns = ROW_COLUMNS.join(', ');
    const values = ROW_COLUMNS.map((c) => `@${c}`).join(', ');
    const updates = ROW_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ');
    this.sql(
      `INSERT INTO sessions (session_id, ${columns}, source_path, indexed_at, machine_id, origin_version,
           origin_identity)
           VALUES (@session_id, ${values}, NULL, @indexed_at, @machine_id, @origin_version, @origin_identity)
           ON CONFLICT(session_id) DO UPDATE SET ${updates}, indexed_at = excluded.indexed_at,
             machine_id = excluded.machine_id, origin_version = excluded.origin_version,
             origin_identity = excluded.origin_identity`,
    ).run({
      ...record.row,
      session_id: record.id,
      indexed_at: now,
      machine_id: machine,
      origin_version: record.version,
      origin_identity: record.identity ? JSON.stringify(record.identity) : null,
    });
    // Prompts are only ever added (every copy's are kept, whatever order they arrive in); the
    // time the session's agents worked is the winning copy's.
    for (const table of ['session_activity', 'session_time_spans']) {
      this.sql(`DELETE FROM ${table} WHERE session_id = ?`).run(record.id);
    }
    for (const [ts, text] of record.prompts) prompt.run(record.id, ts, text);
    const span = this.sql(
      'INSERT OR IGNORE INTO session_activity (session_id, start_ms, end_ms) VALUES (?, ?, ?)',
    );
    for (const [start, end] of record.activity) span.run(record.id, start, end);
    const timeSpan = this.sql(
      `INSERT OR IGNORE INTO session_time_spans (session_id, kind, turn_start, join_key, start_ms, end_ms)
         VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (const [kind, turnStart, joinKey, start, end] of record.spans) {
      timeSpan.run(record.id, kind, turnStart, joinKey, start, end);
    }
    return 'imported';
  }
}
