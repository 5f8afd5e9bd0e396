// The app's timeline under load: a week of 30 streams with thousands of direct and delegated
// intervals, served by the real dashboard server and drawn by the built renderer in Chromium.
// Times the service's timeline() for the week, the first render of all lanes, zoom steps and
// frames while scrolling sideways. Needs `npm run build` (out/renderer) and /usr/bin/chromium.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TtService } from '../../src/main/service';
import { startDashboardServer } from '../../src/main/http/dashboard-server';
import { RENDERER, browserSkipReason, launchChromium } from './browser';
import { seedStatements } from './seed-rows';

const MIN = 60_000;
const STREAMS = 30;
const WEEK_START = Date.UTC(2026, 1, 9); // a Monday

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Every stream works every day: many short sessions with activity bursts and prompts, and focus events. */
function seedWeek(service: TtService): { sessions: number; spans: number; events: number } {
  const db = service.db;
  const next = random(7);
  const counts = { sessions: 0, spans: 0, events: 0 };
  const { stream, session, span, prompt, assign } = seedStatements(db);
  const event = db.prepare(
    'INSERT INTO events (id, ts, type, project_name, imported_at) VALUES (?, ?, ?, ?, 0)',
  );
  const assignEvent = db.prepare(
    "INSERT INTO event_streams (event_id, stream_id, assigned_by) VALUES (?, ?, 'llm')",
  );
  db.transaction(() => {
    for (let s = 0; s < STREAMS; s++)
      stream.run(`s${s}`, `Stream ${s + 1}`, 0.2 + next() * 0.8, `project-${s}`);
    for (let day = 0; day < 7; day++) {
      for (let s = 0; s < STREAMS; s++) {
        for (let k = 0; k < 4; k++) {
          const id = `d${day}-s${s}-${k}`;
          let t = WEEK_START + day * 1440 * MIN + (7 * 60 + Math.floor(next() * 13 * 60)) * MIN;
          const start = t;
          for (let b = 0; b < 6; b++) {
            const length = (2 + Math.floor(next() * 12)) * MIN;
            span.run(id, t, t + length);
            prompt.run(id, t);
            counts.spans++;
            t += length + (1 + Math.floor(next() * 20)) * MIN;
          }
          session.run(id, `project-${s}`, start, t, `Work item ${k} of stream ${s + 1}`);
          assign.run(id, `s${s}`, 1.0);
          counts.sessions++;
          const eventId = `e-${id}`;
          event.run(eventId, start + MIN, 'pane-focus', `project-${s}`);
          assignEvent.run(eventId, `s${s}`);
          counts.events++;
        }
      }
    }
  })();
  return counts;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

export async function run(): Promise<void> {
  const skip = browserSkipReason();
  if (skip) {
    console.log(`skipped: ${skip}`);
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'tt-bench-timeline-'));
  const service = TtService.open({ dataDir, env: { TZ: 'UTC' } });
  const counts = seedWeek(service);
  const range = { start: WEEK_START, end: WEEK_START + 7 * 1440 * MIN };
  const t0 = performance.now();
  const timeline = await service.timeline(range);
  const serviceMs = performance.now() - t0;
  const intervals = timeline.lanes.reduce((n, l) => n + l.direct.length + l.delegated.length, 0);
  const markers = timeline.lanes.reduce((n, l) => n + l.sessions.length, 0);
  console.log(
    `data: ${STREAMS} streams, ${counts.sessions} sessions, ${counts.spans} activity spans, ${counts.events} focus events`,
  );
  console.log(
    `timeline(): ${timeline.lanes.length} lanes, ${intervals} intervals, ${markers} session markers in ${ms(serviceMs)}`,
  );

  const server = await startDashboardServer({ api: service, rendererDir: RENDERER, port: 0 });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC' });
    const page = await context.newPage();
    await page.goto(server.url);
    const start = performance.now();
    await page.goto(`http://127.0.0.1:${server.port}/#view=week&day=2026-02-12`);
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="lane"]').length === n,
      timeline.lanes.length,
    );
    console.log(`first render of the week (navigation to all lanes drawn): ${ms(performance.now() - start)}`);

    // One zoom step = keydown to the next painted frame.
    const zoomTimes: number[] = [];
    for (const key of ['+', '+', '+', '+', '+', '-', '-', '-', '-', '-']) {
      zoomTimes.push(
        await page.evaluate(
          (k) =>
            new Promise<number>((resolve) => {
              const t = performance.now();
              window.dispatchEvent(new KeyboardEvent('keydown', { key: k }));
              requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t)));
            }),
          key,
        ),
      );
    }
    zoomTimes.sort((a, b) => a - b);
    console.log(
      `zoom step (keydown to painted frame), median ${ms(zoomTimes[5]!)}, worst ${ms(zoomTimes.at(-1)!)}`,
    );

    // Sideways scrolling at one day per screen: frame-to-frame times over 120 frames.
    await page.evaluate(() => window.dispatchEvent(new KeyboardEvent('keydown', { key: '+' })));
    await page.evaluate(() => window.dispatchEvent(new KeyboardEvent('keydown', { key: '+' })));
    const frames = await page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const scroller = document.querySelector('[data-testid="timeline-scroll"]') as HTMLElement;
          scroller.style.scrollBehavior = 'auto';
          const times: number[] = [];
          let last = performance.now();
          const step = () => {
            const now = performance.now();
            times.push(now - last);
            last = now;
            scroller.scrollLeft += 40;
            if (times.length < 120) requestAnimationFrame(step);
            else resolve(times.slice(1));
          };
          requestAnimationFrame(step);
        }),
    );
    frames.sort((a, b) => a - b);
    const p95 = frames[Math.floor(frames.length * 0.95)]!;
    console.log(
      `scrolling: ${frames.length} frames, median ${ms(frames[Math.floor(frames.length / 2)]!)}, p95 ${ms(p95)}, worst ${ms(frames.at(-1)!)}`,
    );
  } finally {
    await browser.close();
    await server.close();
    service.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
