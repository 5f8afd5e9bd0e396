// Insights over a year (issue 22): 3,000 sessions on 30 projects across a year, each with its
// turns, prompts and a focus event, in a real SQLite file. Times the service's insights() and
// activityCalendar() for the year (cold: the database changed before each call), and a cold
// page in Chromium from asking for the year until the chart and the calendar are painted.
// Needs `npm run build` (out/renderer) and /usr/bin/chromium for the page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TtService } from '../../src/main/service';
import { startDashboardServer } from '../../src/main/http/dashboard-server';
import { RENDERER, browserSkipReason, launchChromium } from './browser';
import { linearCongruential as random } from './random';
import { seedStatements } from './seed-rows';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const PROJECTS = 30;
const SESSIONS = 3_000;
const YEAR_START = Date.UTC(2025, 11, 1); // a Monday; the year ends 30 November 2026

function seedYear(service: TtService): { sessions: number; turns: number; events: number } {
  const db = service.db;
  const next = random(22);
  const rows = seedStatements(db);
  const turn = db.prepare(
    `INSERT INTO session_time_spans (session_id, kind, turn_start, join_key, start_ms, end_ms) VALUES (?, 'agent', ?, ?, ?, ?)`,
  );
  const event = db.prepare(
    'INSERT INTO events (id, ts, type, project_name, imported_at) VALUES (?, ?, ?, ?, 0)',
  );
  const assignEvent = db.prepare(
    "INSERT INTO event_streams (event_id, stream_id, assigned_by) VALUES (?, ?, 'llm')",
  );
  const counts = { sessions: 0, turns: 0, events: 0 };
  db.transaction(() => {
    for (let p = 0; p < PROJECTS; p++) rows.stream.run(`p${p}`, `project-${p}`, 0.9, `project-${p}`);
    for (let s = 0; s < SESSIONS; s++) {
      const p = Math.floor(next() * PROJECTS);
      const day = Math.floor((s / SESSIONS) * 364);
      let t = YEAR_START + day * DAY + (8 * 60 + Math.floor(next() * 10 * 60)) * MIN;
      const id = `s${s}`;
      const start = t;
      for (let k = 0; k < 5; k++) {
        const length = (3 + Math.floor(next() * 15)) * MIN;
        rows.prompt.run(id, t);
        turn.run(id, t, k, t, t + length);
        counts.turns++;
        t += length + (1 + Math.floor(next() * 10)) * MIN;
      }
      rows.session.run(id, `project-${p}`, start, t, `Work item ${s}`);
      rows.assign.run(id, `p${p}`, 0.9);
      event.run(`e${s}`, start + MIN, 'pane-focus', `project-${p}`);
      assignEvent.run(`e${s}`, `p${p}`);
      counts.sessions++;
      counts.events++;
    }
  })();
  return counts;
}

const ms = (value: number) => `${Math.round(value)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tt-bench-insights-'));
  const service = TtService.open({ dataDir, env: { TZ: 'UTC' } });
  const counts = seedYear(service);
  const year = { start: YEAR_START, end: YEAR_START + 364 * DAY };
  console.log(
    `data: ${PROJECTS} projects, ${counts.sessions} sessions, ${counts.turns} turns, ${counts.events} focus events`,
  );
  service.db.exec('CREATE TEMP TABLE bench_touch (at INTEGER)');
  const timed = async (what: string, call: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      service.db.prepare('INSERT INTO bench_touch VALUES (?)').run(i);
      const t0 = performance.now();
      await call();
      times.push(performance.now() - t0);
    }
    console.log(`${what}: median ${ms(median(times))}, max ${ms(Math.max(...times))} (5 cold runs)`);
  };
  await timed('insights(), the year', () => service.insights(year));
  await timed('activityCalendar(), the year', () => service.activityCalendar(year));
  await timed('insights(), the year, one project', () =>
    service.insights({ ...year, projects: ['project-3'] }),
  );
  await timed('timesheet(), the year, by project', () =>
    service.timesheet({ ...year, by: 'project', measure: 'direct' }),
  );

  const skip = browserSkipReason();
  if (skip !== null) {
    console.log(`page: skipped: ${skip}`);
    service.close();
    rmSync(dataDir, { recursive: true, force: true });
    return;
  }
  const server = await startDashboardServer({ api: service, rendererDir: RENDERER, port: 0 });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC' });
    const warm = await context.newPage();
    await warm.goto(server.url);
    await warm.close();
    const painted: number[] = [];
    const answered: number[] = [];
    for (let i = 0; i < 5; i++) {
      service.db.prepare('INSERT INTO bench_touch VALUES (?)').run(100 + i);
      const page = await context.newPage();
      const start = performance.now();
      await page.goto(
        `http://127.0.0.1:${server.port}/#view=range&day=2025-12-01&until=2026-11-30&page=insights`,
      );
      await page.waitForFunction(
        () =>
          document.querySelectorAll('.recharts-bar-rectangle').length > 0 &&
          document.querySelectorAll('[data-testid="calendar"] .cell').length > 300,
        undefined,
        { timeout: 60_000 },
      );
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
      painted.push(performance.now() - start);
      answered.push(
        await page.evaluate(() => {
          const call = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) =>
            e.name.endsWith('/api/insights'),
          );
          return call ? call.responseEnd - call.startTime : NaN;
        }),
      );
      await page.close();
    }
    console.log(
      `page: the year's insights answer (HTTP, cold): median ${ms(median(answered))}, max ${ms(Math.max(...answered))}`,
    );
    console.log(
      `page: a cold page until the chart and the calendar are painted: median ${ms(median(painted))}, max ${ms(Math.max(...painted))}`,
    );
  } finally {
    await browser.close();
    await server.close();
    service.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
