import type { Database } from 'better-sqlite3';
import type { SourceStatus } from '../../shared/api';

/** When each source (Claude sessions, tmux events, …) was last brought up to date. */
export class SourcesRepo {
  constructor(private readonly db: Database) {}

  markIndexed(name: string, at: number, detail: string | null = null): void {
    this.db
      .prepare(
        `INSERT INTO sources (name, last_indexed_at, detail) VALUES (?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET last_indexed_at = excluded.last_indexed_at, detail = excluded.detail`,
      )
      .run(name, at, detail);
  }

  list(): SourceStatus[] {
    return this.db
      .prepare('SELECT name, last_indexed_at AS lastIndexedAt, detail FROM sources ORDER BY name')
      .all() as SourceStatus[];
  }
}
