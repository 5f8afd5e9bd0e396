// Allocation over a year of data: ~300,000 focus and scroll events, ~2,000 sessions with
// their activity spans and prompts, in a real SQLite file. Times timeline() and report() for
// one week (the app's and `tt report`'s usual view) and report() for the whole year.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TtService } from '../../src/main/service';
import { linearCongruential as random } from './random';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const STREAMS = 12;
const YEAR_START = Date.UTC(2025, 0, 6); // a Monday

/** A small deterministic generator, so every run measures the same data. */
function seedYear(service: TtService): { events: number; sessions: number; spans: number; prompts: number } {
  const db = service.db;
  const next = random(42);
  const insertStream = db.prepare(
    `INSERT INTO streams (id, name, confidence, source, project_key, created_at, updated_at)
     VALUES (?, ?, 1, 'directory', ?, 0, 0)`,
  );
  const insertSession = db.prepare(
    `INSERT INTO sessions (session_id, project_name, start_time, end_time, indexed_at) VALUES (?, ?, ?, ?, 0)`,
  );
  const insertSpan = db.prepare(
    'INSERT INTO session_activity (session_id, start_ms, end_ms) VALUES (?, ?, ?)',
  );
  const insertPrompt = db.prepare('INSERT OR IGNORE INTO session_prompts (session_id, ts) VALUES (?, ?)');
  // Turns as the indexer writes them beside the activity spans: each burst is a turn, and the
  // gap to the next prompt is a handback wait.
  const insertTurn = db.prepare(
    `INSERT INTO session_time_spans (session_id, kind, turn_start, join_key, start_ms, end_ms)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const assignSession = db.prepare(
    "INSERT INTO session_streams (session_id, stream_id, assigned_by) VALUES (?, ?, 'directory')",
  );
  const insertEvent = db.prepare(
    'INSERT INTO events (id, ts, type, project_name, imported_at) VALUES (?, ?, ?, ?, 0)',
  );
  const assignEvent = db.prepare(
    "INSERT INTO event_streams (event_id, stream_id, assigned_by) VALUES (?, ?, 'directory')",
  );
  const counts = { events: 0, sessions: 0, spans: 0, prompts: 0 };
  db.transaction(() => {
    for (let s = 0; s < STREAMS; s++) insertStream.run(`stream-${s}`, `Stream ${s}`, `project-${s % 5}`);
    for (let day = 0; day < 364; day++) {
      if (day % 7 >= 5) continue; // weekends off
      const morning = YEAR_START + day * DAY + 8 * 60 * MIN;
      // eight agent sessions a day, each working in bursts
      for (let k = 0; k < 8; k++) {
        const id = `session-${day}-${k}`;
        const stream = Math.floor(next() * STREAMS);
        let t = morning + Math.floor(next() * 8 * 60) * MIN;
        const start = t;
        for (let burst = 0; burst < 4; burst++) {
          const length = (5 + Math.floor(next() * 40)) * MIN;
          insertSpan.run(id, t, t + length);
          insertTurn.run(id, 'agent', t, t, t, t + length);
          insertPrompt.run(id, t);
          counts.spans++;
          counts.prompts++;
          const gap = Math.floor(next() * 50) * MIN;
          if (burst < 3) insertTurn.run(id, 'handback', t, t + length, t + length, t + length + gap);
          t += length + gap;
        }
        insertSession.run(id, `project-${stream % 5}`, start, t);
        // one session in ten stays unassigned
        if (next() > 0.1) assignSession.run(id, `stream-${stream}`);
        counts.sessions++;
      }
      // ~1,200 focus and scroll events through a ten-hour day, with a lunch break
      let t = morning;
      let stream = 0;
      for (let e = 0; e < 1_200; e++) {
        t += Math.floor(next() * 60_000);
        if (next() < 0.05) stream = Math.floor(next() * STREAMS);
        const id = `event-${counts.events}`;
        insertEvent.run(id, t, next() < 0.2 ? 'pane-focus' : 'scroll', `project-${stream % 5}`);
        if (next() > 0.05) assignEvent.run(id, `stream-${stream}`);
        counts.events++;
        if (e === 600) {
          insertEvent.run(`idle-${day}-a`, t + 1, 'idle-start', null);
          t += 45 * MIN;
          insertEvent.run(`idle-${day}-b`, t, 'idle-end', null);
        }
      }
    }
  })();
  return counts;
}

function time(runs: number, work: () => unknown): { median: number; p95: number } {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    work();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return {
    median: samples[Math.floor(runs / 2)]!,
    p95: samples[Math.min(runs - 1, Math.floor(runs * 0.95))]!,
  };
}

/** `tt report` as a person runs it: a new process that opens the database, when tt is built. */
function timeCli(dataDir: string, range: { start: number; end: number }): void {
  const bin = join(process.cwd(), 'bin', 'tt.js');
  if (!existsSync(join(process.cwd(), 'out', 'main', 'cli.js'))) {
    console.log('tt report (process): skipped, run `npm run build` first');
    return;
  }
  const args = [
    bin,
    'report',
    '--since',
    new Date(range.start).toISOString(),
    '--until',
    new Date(range.end).toISOString(),
  ];
  const { median, p95 } = time(5, () => {
    const result = spawnSync(process.execPath, args, { env: { ...process.env, TT_DATA_DIR: dataDir } });
    if (result.status !== 0) throw new Error(`tt report failed: ${String(result.stderr)}`);
  });
  console.log(
    `tt report --from --to, a week (a new process)  median ${median.toFixed(0)} ms  p95 ${p95.toFixed(0)} ms`,
  );
}

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tt-bench-allocation-'));
  try {
    const service = TtService.open({ dataDir, env: {} });
    const seeding = process.hrtime.bigint();
    const counts = seedYear(service);
    const seedMs = Number(process.hrtime.bigint() - seeding) / 1e6;
    console.log(
      `seeded ${counts.events} events, ${counts.sessions} sessions, ${counts.spans} activity spans, ` +
        `${counts.prompts} prompts in ${(seedMs / 1000).toFixed(1)} s`,
    );
    const midWeek = { start: YEAR_START + 26 * 7 * DAY, end: YEAR_START + 27 * 7 * DAY };
    const lastWeek = { start: YEAR_START + 51 * 7 * DAY, end: YEAR_START + 52 * 7 * DAY };
    const year = { start: YEAR_START, end: YEAR_START + 364 * DAY };
    // The service keeps the last allocations until the database changes (views asking about
    // one range share one); a write to a scratch table before each call measures the allocation
    // itself, as the first view of a range after a change pays for it.
    service.db.exec('CREATE TEMP TABLE bench_tick (at INTEGER)');
    const tick = service.db.prepare('INSERT INTO bench_tick VALUES (1)');
    const cold = (work: () => unknown) => () => {
      tick.run();
      return work();
    };
    const rows: [string, { median: number; p95: number }][] = [
      [
        'timeline(), a week mid-year',
        time(
          30,
          cold(() => service.timeline(midWeek)),
        ),
      ],
      [
        'timeline(), the last week',
        time(
          30,
          cold(() => service.timeline(lastWeek)),
        ),
      ],
      [
        'report(), a week mid-year',
        time(
          30,
          cold(() => service.report({ ...midWeek, by: 'stream' })),
        ),
      ],
      [
        'report(), a week, by project',
        time(
          30,
          cold(() => service.report({ ...midWeek, by: 'project' })),
        ),
      ],
      [
        'report(), the whole year',
        time(
          5,
          cold(() => service.report({ ...year, by: 'stream' })),
        ),
      ],
      ['timeline(), a week again, unchanged', time(30, () => service.timeline(midWeek))],
    ];
    const width = Math.max(...rows.map(([name]) => name.length));
    for (const [name, { median, p95 }] of rows) {
      console.log(
        `${name.padEnd(width)}  median ${median.toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms`,
      );
    }
    const week = await service.timeline(midWeek);
    console.log(
      `(a week: ${week.lanes.length} lanes, ${week.lanes.reduce((n, l) => n + l.direct.length, 0)} direct and ` +
        `${week.lanes.reduce((n, l) => n + l.delegated.length, 0)} delegated intervals)`,
    );
    service.close();
    timeCli(dataDir, midWeek);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
