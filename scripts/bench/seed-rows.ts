// The rows the browser benchmarks seed straight into a real database (a stream, its sessions,
// their activity and prompts): timings of the views, not of the indexer or inference.
import type { Database } from 'better-sqlite3';

export function seedStatements(db: Database) {
  return {
    stream: db.prepare(
      `INSERT INTO streams (id, name, confidence, source, project_key, created_at, updated_at) VALUES (?, ?, ?, 'llm', ?, 0, 0)`,
    ),
    session: db.prepare(
      `INSERT INTO sessions (session_id, project_name, start_time, end_time, summary, indexed_at) VALUES (?, ?, ?, ?, ?, 0)`,
    ),
    span: db.prepare('INSERT INTO session_activity (session_id, start_ms, end_ms) VALUES (?, ?, ?)'),
    prompt: db.prepare('INSERT OR IGNORE INTO session_prompts (session_id, ts) VALUES (?, ?)'),
    /** session id, stream id, confidence */
    assign: db.prepare(
      "INSERT INTO session_streams (session_id, stream_id, assigned_by, confidence) VALUES (?, ?, 'llm', ?)",
    ),
  };
}
