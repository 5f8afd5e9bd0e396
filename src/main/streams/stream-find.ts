// Find: which streams with sessions in a range match a project and/or words. Words match
// stream names, session titles (custom title, summary, first prompt) and the person's
// prompts, case-insensitively (ASCII case folding: SQLite's lower()). A scan of the range's
// sessions: at a week's few hundred sessions it is milliseconds (docs/benchmarks.md).

import type { StreamFindQuery, StreamFindResult } from '../../shared/api';
import { streamResolver } from '../time/allocation-loader';
import type { StreamRepo } from './stream-repo';

export function findStreams(repo: StreamRepo, query: StreamFindQuery): StreamFindResult {
  const needle = query.text?.trim().toLowerCase() || null;
  const rows = repo.findSessions(needle, query.start, query.end);
  const streams = repo.streamNames();
  const resolve = streamResolver(
    streams.flatMap((r) => (r.merged_into === null ? [] : [[r.id, r.merged_into] as const])),
  );
  const names = new Map(streams.map((r) => [r.id, r.name.toLowerCase()]));
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
