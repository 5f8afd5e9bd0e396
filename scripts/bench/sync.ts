// Sync: the time to import a month of another machine's data (~3,000 focus events a day and
// ~20 sessions a day with their prompts and turns), from a real segment in a real folder, into
// a real SQLite file, streams settled afterwards as `tt sync` does. Also the export that wrote
// it, and a second sync that finds nothing new; each plain and encrypted with a sync passphrase.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TtService } from '../../src/main/service';
import { linearCongruential as random } from './random';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const MONTH_START = Date.UTC(2026, 9, 1);
const DAYS = 30;
const EVENTS_PER_DAY = 3_000;
const SESSIONS_PER_DAY = 20;
const PROJECTS = 6;

/** A month of one machine's rows, as the indexer and the spool import write them. */
function seedMonth(service: TtService): { sessions: number; events: number } {
  const db = service.db;
  const next = random(7);
  const session = db.prepare(
    `INSERT INTO sessions (session_id, project_path, project_name, start_time, end_time, message_count,
       first_prompt, git_branch, indexed_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'main', 0)`,
  );
  const prompt = db.prepare('INSERT OR IGNORE INTO session_prompts (session_id, ts, text) VALUES (?, ?, ?)');
  const turn = db.prepare(
    `INSERT OR IGNORE INTO session_time_spans (session_id, kind, turn_start, join_key, start_ms, end_ms)
     VALUES (?, 'agent', ?, ?, ?, ?)`,
  );
  const event = db.prepare(
    `INSERT INTO events (id, ts, type, pane_id, cwd, project_name, identity_source, imported_at)
     VALUES (?, ?, ?, '%1', ?, ?, 'git', 0)`,
  );
  let sessions = 0;
  let events = 0;
  db.transaction(() => {
    for (let day = 0; day < DAYS; day++) {
      const morning = MONTH_START + day * DAY + 8 * 60 * MIN;
      for (let k = 0; k < SESSIONS_PER_DAY; k++) {
        const project = Math.floor(next() * PROJECTS);
        const id = `${String(day).padStart(2, '0')}${String(k).padStart(6, '0')}-1111-4222-8333-444455556666`;
        let t = morning + Math.floor(next() * 10 * 60) * MIN;
        const start = t;
        for (let p = 0; p < 6; p++) {
          prompt.run(id, t, `prompt ${p} of session ${id.slice(0, 8)}`);
          const length = (2 + Math.floor(next() * 15)) * MIN;
          turn.run(id, t, t, t, t + length);
          t += length + Math.floor(next() * 10) * MIN;
        }
        session.run(id, `/work/project-${project}`, `project-${project}`, start, t, 12, 'prompt 0');
        sessions++;
      }
      let t = morning;
      for (let e = 0; e < EVENTS_PER_DAY; e++) {
        t += Math.floor(next() * 20_000);
        const project = Math.floor(next() * PROJECTS);
        event.run(
          `ev-${day}-${e}`,
          t,
          next() < 0.3 ? 'pane-focus' : 'scroll',
          `/work/project-${project}`,
          `project-${project}`,
        );
        events++;
      }
    }
  })();
  return { sessions, events };
}

function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  return work().then((value) => [value, Number(process.hrtime.bigint() - started) / 1e6]);
}

interface Measured {
  exportMs: number;
  importMs: number;
  againMs: number;
  bytes: number;
}

/** One laptop's month exported into a folder and imported by a desk, plain or encrypted. */
async function scenario(root: string, passphrase: string | null, log: boolean): Promise<Measured> {
  const folder = join(root, 'folder');
  mkdirSync(folder);
  const env = { ...process.env, ...(passphrase === null ? {} : { TT_SYNC_PASSPHRASE: passphrase }) };
  if (passphrase === null) delete env.TT_SYNC_PASSPHRASE;
  const laptop = TtService.open({ dataDir: join(root, 'laptop'), env });
  const seeded = seedMonth(laptop);
  await laptop.inferStreams({ mode: 'directory', start: MONTH_START, end: MONTH_START + DAYS * DAY });
  const [exported, exportMs] = await timed(() => laptop.syncThroughFolder(folder));
  laptop.close();
  const segmentDir = join(folder, 'tt', exported.machine.id);
  const bytes = readdirSync(segmentDir).reduce((sum, name) => sum + statSync(join(segmentDir, name)).size, 0);
  if (log) {
    console.log(
      `a month on one machine: ${seeded.sessions} sessions, ${seeded.events.toLocaleString('en')} events`,
    );
  }
  const desk = TtService.open({ dataDir: join(root, 'desk'), env });
  const [imported, importMs] = await timed(() => desk.syncThroughFolder(folder));
  if (imported.imported.sessions !== seeded.sessions || imported.skipped.length > 0) {
    throw new Error(
      `the desk imported ${imported.imported.sessions} sessions; skipped: ${JSON.stringify(imported.skipped)}`,
    );
  }
  const [, againMs] = await timed(() => desk.syncThroughFolder(folder));
  desk.close();
  return { exportMs, importMs, againMs, bytes };
}

export async function run(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'tt-bench-sync-'));
  try {
    mkdirSync(join(root, 'plain'));
    mkdirSync(join(root, 'encrypted'));
    const plain = await scenario(join(root, 'plain'), null, true);
    const sealed = await scenario(join(root, 'encrypted'), 'a bench passphrase, long enough', false);
    const row = (what: string, a: number, b: number) =>
      console.log(
        `${what.padEnd(48)} plain ${a.toFixed(0).padStart(6)} ms   encrypted ${b.toFixed(0).padStart(6)} ms   (${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(0)} %)`,
      );
    console.log(
      `segments: plain ${(plain.bytes / 1e6).toFixed(1)} MB, encrypted (gzipped inside) ${(sealed.bytes / 1e6).toFixed(1)} MB`,
    );
    row('export (tt sync on the laptop)', plain.exportMs, sealed.exportMs);
    row('import a month of another machine (tt sync)', plain.importMs, sealed.importMs);
    row('sync again, nothing new', plain.againMs, sealed.againMs);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
