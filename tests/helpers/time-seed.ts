import type { Database } from 'better-sqlite3';

// Rows for allocation tests, written with plain SQL as the indexer, the tmux importer and
// stream inference would write them, so time tests do not depend on those parts.

export interface SeedStream {
  id: string;
  name?: string;
  confidence?: number;
  source?: 'directory' | 'llm' | 'user';
  reviewed?: boolean;
  projectKey?: string | null;
}

export function seedStream(db: Database, stream: SeedStream): void {
  db.prepare(
    `INSERT INTO streams (id, name, confidence, source, reviewed, project_key, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 0, 0)`,
  ).run(
    stream.id,
    stream.name ?? stream.id,
    stream.confidence ?? 1,
    stream.source ?? 'directory',
    stream.reviewed ? 1 : 0,
    stream.projectKey ?? null,
  );
}

export interface SeedSession {
  id: string;
  streamId?: string | null;
  parentId?: string | null;
  isSubagent?: boolean;
  projectName?: string | null;
  summary?: string | null;
  /** activity spans [start, end]; start_time/end_time default to their extremes */
  spans?: [number, number][];
  start?: number;
  end?: number | null;
  prompts?: number[];
}

export function seedSession(db: Database, session: SeedSession): void {
  const spans = session.spans ?? [];
  const start = session.start ?? Math.min(...spans.map((s) => s[0]));
  const end = session.end !== undefined ? session.end : Math.max(...spans.map((s) => s[1]));
  db.prepare(
    `INSERT INTO sessions (session_id, parent_session_id, project_name, start_time, end_time, summary,
                           is_subagent, indexed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0)`,
  ).run(
    session.id,
    session.parentId ?? null,
    session.projectName ?? null,
    start,
    end,
    session.summary ?? null,
    session.isSubagent ? 1 : 0,
  );
  const span = db.prepare('INSERT INTO session_activity (session_id, start_ms, end_ms) VALUES (?, ?, ?)');
  for (const [a, b] of spans) span.run(session.id, a, b);
  // As one turn counted by its records (join key 0: joined across the session timeout); a
  // session without spans counts from its first and last record, as migration 006 keeps it.
  const turn = db.prepare(
    `INSERT OR IGNORE INTO session_time_spans (session_id, kind, turn_start, join_key, start_ms, end_ms)
     VALUES (?, 'agent', 0, 0, ?, ?)`,
  );
  const points: [number, number][] =
    spans.length > 0
      ? spans
      : [
          [start, start],
          [end ?? start, end ?? start],
        ];
  for (const [a, b] of points) turn.run(session.id, a, b);
  const prompt = db.prepare('INSERT INTO session_prompts (session_id, ts) VALUES (?, ?)');
  for (const ts of session.prompts ?? []) prompt.run(session.id, ts);
  if (session.streamId) {
    db.prepare(
      "INSERT INTO session_streams (session_id, stream_id, assigned_by) VALUES (?, ?, 'directory')",
    ).run(session.id, session.streamId);
  }
}

export interface SeedEvent {
  id?: string;
  ts: number;
  type?: 'pane-focus' | 'scroll' | 'idle-start' | 'idle-end';
  streamId?: string | null;
  projectName?: string | null;
}

let eventCounter = 0;

export function seedEvents(db: Database, events: SeedEvent[]): void {
  const insert = db.prepare(
    `INSERT INTO events (id, ts, type, project_name, imported_at) VALUES (?, ?, ?, ?, 0)`,
  );
  const assign = db.prepare(
    "INSERT INTO event_streams (event_id, stream_id, assigned_by) VALUES (?, ?, 'directory')",
  );
  db.transaction(() => {
    for (const event of events) {
      const id = event.id ?? `event-${++eventCounter}`;
      insert.run(id, event.ts, event.type ?? 'pane-focus', event.projectName ?? null);
      if (event.streamId) assign.run(id, event.streamId);
    }
  })();
}

const MIN = 60_000;

/**
 * The design's example, starting at `base` (14:00): three agents work the whole hour in
 * streams A, B and C (A and B in project "alpha", C in "beta"); the person attends A for 20
 * minutes, B for 15 and C for 10, then goes idle for the last 15.
 */
export function seedWorkedExample(db: Database, base: number): void {
  const at = (minutes: number) => base + minutes * MIN;
  seedStream(db, { id: 'A', name: 'Alpha API', projectKey: 'alpha' });
  seedStream(db, { id: 'B', name: 'Alpha docs', projectKey: 'alpha/docs', source: 'llm', confidence: 0.6 });
  seedStream(db, { id: 'C', name: 'Beta', projectKey: 'beta', reviewed: true });
  seedSession(db, {
    id: 'session-a',
    streamId: 'A',
    projectName: 'alpha',
    summary: 'Add the billing endpoint',
    spans: [
      [at(0), at(25)],
      [at(40), at(60)],
    ],
    prompts: [at(9)],
  });
  seedSession(db, {
    id: 'session-b',
    streamId: 'B',
    projectName: 'alpha',
    spans: [[at(0), at(60)]],
    prompts: [at(24)],
  });
  seedSession(db, {
    id: 'session-c',
    streamId: 'C',
    projectName: 'beta',
    spans: [
      [at(0), at(10)],
      [at(12), at(60)],
    ],
    prompts: [at(39)],
  });
  seedEvents(db, [
    { ts: at(0), streamId: 'A' },
    { ts: at(4), type: 'scroll', streamId: 'A' },
    { ts: at(13), type: 'scroll', streamId: 'A' },
    { ts: at(17), type: 'scroll', streamId: 'A' },
    { ts: at(20), streamId: 'B' },
    { ts: at(28), type: 'scroll', streamId: 'B' },
    { ts: at(32), type: 'scroll', streamId: 'B' },
    { ts: at(35), streamId: 'C' },
    { ts: at(44), type: 'scroll', streamId: 'C' },
    { ts: at(45), type: 'idle-start' },
    { ts: at(60), type: 'idle-end' },
  ]);
}
