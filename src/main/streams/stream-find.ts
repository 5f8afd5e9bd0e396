// Find: which streams with sessions in a range match a project and/or words. Words match
// stream names, session titles (custom title, summary, first prompt) and the person's
// prompts, case-insensitively (ASCII case folding: SQLite's lower()). A scan of the range's
// sessions: at a week's few hundred sessions it is milliseconds (docs/benchmarks.md).

import type { Database } from 'better-sqlite3';
import type { StreamFindQuery, StreamFindResult } from '../../shared/api';
import { streamResolver } from '../time/allocation-loader';

export function findStreams(db: Database, query: StreamFindQuery): StreamFindResult {
  const needle = query.text?.trim().toLowerCase() || null;
  const rows = db
    .prepare(
      `SELECT ss.stream_id AS streamId, s.project_name AS project,
              CASE WHEN @needle IS NULL THEN 1 ELSE (
                instr(lower(coalesce(s.custom_title, '') || ' ' || coalesce(s.summary, '') || ' ' ||
                            coalesce(s.first_prompt, '')), @needle) > 0
                OR EXISTS (SELECT 1 FROM session_prompts p
                            WHERE p.session_id = s.session_id AND instr(lower(p.text), @needle) > 0)
              ) END AS textHit
         FROM sessions s
         LEFT JOIN session_streams ss ON ss.session_id = s.session_id
        WHERE coalesce(s.end_time, s.start_time) >= @start AND s.start_time < @end`,
    )
    .all({ needle, start: query.start, end: query.end }) as {
    streamId: string | null;
    project: string | null;
    textHit: number;
  }[];
  const resolve = streamResolver(db);
  const names = new Map(
    (db.prepare('SELECT id, name FROM streams').all() as { id: string; name: string }[]).map((r) => [
      r.id,
      r.name.toLowerCase(),
    ]),
  );
  const projects = new Set<string>();
  const found = new Set<string>();
  for (const row of rows) {
    if (row.project !== null) projects.add(row.project);
    const streamId = resolve(row.streamId);
    if (streamId === null) continue;
    if (query.project !== undefined && row.project !== query.project) continue;
    if (row.textHit === 1 || (needle !== null && names.get(streamId)?.includes(needle))) found.add(streamId);
  }
  return { streamIds: [...found].sort(), projects: [...projects].sort() };
}
