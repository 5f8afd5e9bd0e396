// The app's timeline under load: three weeks of 100 streams, each active every day, with
// thousands of direct and delegated intervals, served by the real dashboard server and drawn
// by the built renderer in Chromium. Times the service's timeline() for a week, a cold week
// painted, the previous/next week, zoom steps, and frames while scrolling sideways and through
// all 100 lanes. Needs `npm run build` (out/renderer) and /usr/bin/chromium.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { TtService } from '../../src/main/service';
import { startDashboardServer } from '../../src/main/http/dashboard-server';
import { RENDERER, browserSkipReason, launchChromium } from './browser';
import { linearCongruential as random } from './random';

const MIN = 60_000;
const STREAMS = 100;
const WEEK_START = Date.UTC(2026, 1, 9); // a Monday
/** The week before and the week after are seeded too, for previous/next. */
const FIRST_DAY = -7;
const LAST_DAY = 13;
const SESSIONS_PER_DAY = 2;

/** Every stream works every day: many short sessions with activity bursts and prompts, and focus events. */
function seedWeek(service: TtService): { sessions: number; spans: number; events: number } {
  const db = service.db;
  const next = random(7);
  const counts = { sessions: 0, spans: 0, events: 0 };
  const stream = db.prepare(
    `INSERT INTO streams (id, name, confidence, source, project_key, created_at, updated_at) VALUES (?, ?, ?, 'llm', ?, 0, 0)`,
  );
  const session = db.prepare(
    `INSERT INTO sessions (session_id, project_name, start_time, end_time, summary, indexed_at) VALUES (?, ?, ?, ?, ?, 0)`,
  );
  // Agent turns as the indexer records them (the allocation reads session_time_spans).
  const span = db.prepare(
    `INSERT INTO session_time_spans (session_id, kind, turn_start, join_key, start_ms, end_ms) VALUES (?, 'agent', ?, ?, ?, ?)`,
  );
  const prompt = db.prepare('INSERT OR IGNORE INTO session_prompts (session_id, ts) VALUES (?, ?)');
  const assign = db.prepare(
    "INSERT INTO session_streams (session_id, stream_id, assigned_by) VALUES (?, ?, 'llm')",
  );
  const event = db.prepare(
    'INSERT INTO events (id, ts, type, project_name, imported_at) VALUES (?, ?, ?, ?, 0)',
  );
  const assignEvent = db.prepare(
    "INSERT INTO event_streams (event_id, stream_id, assigned_by) VALUES (?, ?, 'llm')",
  );
  db.transaction(() => {
    for (let s = 0; s < STREAMS; s++)
      stream.run(`s${s}`, `Work stream ${s + 1}`, 0.2 + next() * 0.8, `project-${s}`);
    for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
      for (let s = 0; s < STREAMS; s++) {
        for (let k = 0; k < SESSIONS_PER_DAY; k++) {
          const id = `d${day}-s${s}-${k}`;
          let t = WEEK_START + day * 1440 * MIN + (7 * 60 + Math.floor(next() * 13 * 60)) * MIN;
          const start = t;
          for (let b = 0; b < 6; b++) {
            const length = (2 + Math.floor(next() * 12)) * MIN;
            span.run(id, t, b, t, t + length);
            prompt.run(id, t);
            counts.spans++;
            t += length + (1 + Math.floor(next() * 20)) * MIN;
          }
          session.run(id, `project-${s}`, start, t, `Work item ${k} of stream ${s + 1}`);
          assign.run(id, `s${s}`);
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

/** Frame-to-frame times while the timeline (or the page) scrolls 40 px a frame, down or sideways. */
function scrollFrames(
  page: Page,
  axis: 'scrollTop' | 'scrollLeft',
  count: number,
  selector: string | null = '[data-testid="timeline-scroll"]',
): Promise<number[]> {
  return page.evaluate(
    ([property, frames, which]) =>
      new Promise<number[]>((resolve) => {
        const scroller = (which ? document.querySelector(which) : document.scrollingElement) as HTMLElement;
        scroller.style.scrollBehavior = 'auto';
        const times: number[] = [];
        let last = performance.now();
        const step = () => {
          const now = performance.now();
          times.push(now - last);
          last = now;
          scroller[property] += 40;
          if (times.length < frames) requestAnimationFrame(step);
          else resolve(times.slice(1));
        };
        requestAnimationFrame(step);
      }),
    [axis, count, selector] as const,
  );
}

export async function run(): Promise<void> {
  const skip = browserSkipReason();
  if (skip !== null) {
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
    // Cold: a new page on the week, until its lanes (the first 12 and the fold) are painted.
    const painted = (title: string) =>
      page.waitForFunction(
        (t) =>
          document.querySelector('[data-testid="range-title"]')?.textContent === t &&
          document.querySelectorAll('[data-testid="lane"]').length > 0 &&
          document.querySelector('[data-testid="more-lanes"]') !== null,
        title,
      );
    const frame = () =>
      page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
    const cold: number[] = [];
    const work: { task: number; script: number; layout: number }[] = [];
    const phases: { asked: number; arrived: number; painted: number }[] = [];
    const listed: number[] = [];
    // Each page cold on the server too: a write makes the service compute the week again.
    service.db.exec('CREATE TEMP TABLE bench_touch (at INTEGER)');
    for (let i = 0; i < 5; i++) {
      service.db.prepare('INSERT INTO bench_touch VALUES (?)').run(i);
      const fresh = await context.newPage();
      // TT_BENCH_PROFILE=file.cpuprofile: Chromium's CPU profile of the first cold page (for DevTools).
      const profiler = i === 0 && process.env.TT_BENCH_PROFILE ? await context.newCDPSession(fresh) : null;
      if (profiler) {
        await profiler.send('Profiler.enable');
        await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
        await profiler.send('Profiler.start');
      }
      // The page's main-thread work (CPU, not wall time: steadier on a shared machine).
      const metrics = await context.newCDPSession(fresh);
      await metrics.send('Performance.enable');
      const start = performance.now();
      await fresh.goto(`http://127.0.0.1:${server.port}/#view=week&day=2026-02-12`);
      await fresh.waitForFunction(() => document.querySelector('[data-testid="more-lanes"]') !== null);
      // The page's clock at the frame after the one that drew the lanes.
      const paintedAt = await fresh.evaluate(
        () =>
          new Promise<number>((resolve) =>
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))),
          ),
      );
      cold.push(performance.now() - start);
      const { metrics: m } = await metrics.send('Performance.getMetrics');
      const metric = (name: string) => (m.find((x) => x.name === name)?.value ?? 0) * 1000;
      work.push({
        task: metric('TaskDuration'),
        script: metric('ScriptDuration'),
        layout: metric('LayoutDuration') + metric('RecalcStyleDuration'),
      });
      // The page's own clock: when it asked for the week, when the week's data had arrived
      // (both answers), and the frame it was painted in.
      phases.push(
        await fresh.evaluate((paintedAt) => {
          const calls = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
            (e) => /\/api\/(timeline|listStreams)$/.test(e.name),
          );
          // The week's own answers are the first of each; later ones are the neighbours' prefetch.
          const first = (name: string) => calls.find((e) => e.name.endsWith(`/api/${name}`));
          const own = [first('timeline'), first('listStreams')].filter((e) => e !== undefined);
          return {
            asked: Math.min(...own.map((e) => e.startTime)),
            arrived: Math.max(...own.map((e) => e.responseEnd)),
            painted: paintedAt,
          };
        }, paintedAt),
      );
      // The stream list is drawn after the lanes (deferred), windowed: when it holds all the
      // streams (the page is as tall as every row) and its first rows are drawn.
      await fresh.waitForFunction(
        (n) =>
          document.querySelector('[data-testid="streams-table"]')?.getAttribute('aria-rowcount') ===
            String(n + 1) && document.querySelector('[data-testid="stream-row"]') !== null,
        STREAMS,
      );
      listed.push(performance.now() - start);
      if (profiler) {
        const { profile } = await profiler.send('Profiler.stop');
        writeFileSync(process.env.TT_BENCH_PROFILE!, JSON.stringify(profile));
      }
      if (i === 0 || process.env.TT_BENCH_DEBUG)
        console.log(
          await fresh.evaluate(() => {
            const count = (sel: string) => document.querySelector(sel)?.querySelectorAll('*').length;
            return `DOM: ${document.querySelectorAll('*').length} elements; timeline ${count('[data-testid="timeline-scroll"]')}, list ${count('.stream-list')}, picker ${count('.picker')}`;
          }),
        );
      if (process.env.TT_BENCH_DEBUG)
        console.log(
          await fresh.evaluate(() =>
            performance
              .getEntriesByType('resource')
              .map((e) => `${e.name.split('/').pop()} ${Math.round(e.startTime)}+${Math.round(e.duration)}`)
              .join('\n'),
          ),
        );
      await fresh.close();
    }
    cold.sort((a, b) => a - b);
    const mid = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    console.log(
      `cold week, the page's main-thread work to the painted week (median of 5): ${ms(mid(work.map((w) => w.task)))}, ` +
        `of which script ${ms(mid(work.map((w) => w.script)))}, style and layout ${ms(mid(work.map((w) => w.layout)))}`,
    );
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    console.log(
      `cold week, the page's part (median of 5): asked for its data at ${ms(median(phases.map((p) => p.asked)))}, ` +
        `waited ${ms(median(phases.map((p) => p.arrived - p.asked)))} for the server, ` +
        `then drew it in ${ms(median(phases.map((p) => p.painted - p.arrived)))}`,
    );
    listed.sort((a, b) => a - b);
    console.log(
      `cold week painted (new page to ${STREAMS} streams drawn, folded), median of 5: ${ms(cold[2]!)}; ` +
        `its stream list drawn: ${ms(listed[2]!)}`,
    );
    await page.goto(`http://127.0.0.1:${server.port}/#view=week&day=2026-02-12`);
    await painted('9–15 February 2026').catch(async (error: unknown) => {
      const state = await page.evaluate(() => ({
        title: document.querySelector('[data-testid="range-title"]')?.textContent,
        lanes: document.querySelectorAll('[data-testid="lane"]').length,
        more: document.querySelector('[data-testid="more-lanes"]') !== null,
        url: location.href,
      }));
      throw new Error(`${String(error)}: ${JSON.stringify(state)}`);
    });

    // Previous / next week: keypress to the other week painted (first visit, then cached).
    const stepTimes: number[] = [];
    for (const [key, title] of [
      ['ArrowLeft', '2–8 February 2026'],
      ['ArrowRight', '9–15 February 2026'],
      ['ArrowRight', '16–22 February 2026'],
      ['ArrowLeft', '9–15 February 2026'],
      ['ArrowLeft', '2–8 February 2026'],
      ['ArrowRight', '9–15 February 2026'],
    ] as const) {
      // A person reads the week before stepping on: the page has fetched its neighbours by then.
      await page.waitForTimeout(1000);
      const start = performance.now();
      await page.keyboard.press(key);
      await painted(title);
      await frame();
      stepTimes.push(performance.now() - start);
    }
    console.log(
      `previous/next week (keypress to painted): first visits ${ms(stepTimes[0]!)}, ${ms(stepTimes[2]!)}; ` +
        `revisits median ${ms([...stepTimes.slice(3), stepTimes[1]!].sort((a, b) => a - b)[2]!)}`,
    );

    // All lanes unfolded, then scrolled through from top to bottom.
    const unfoldStart = performance.now();
    await page.click('[data-testid="more-lanes"]');
    // Windowed: the lanes box holds all of them, and draws those in sight.
    await page.waitForFunction(
      (n) =>
        document.querySelector('.timeline-lanes')?.getAttribute('aria-label') ===
          `Timeline with ${n} streams` && document.querySelectorAll('[data-testid="lane"]').length > 12,
      STREAMS,
    );
    await frame();
    console.log(`unfolding to all ${STREAMS} lanes: ${ms(performance.now() - unfoldStart)}`);
    const vertical = await scrollFrames(page, 'scrollTop', 110);
    vertical.sort((a, b) => a - b);
    console.log(
      `scrolling through the lanes: ${vertical.length} frames, median ${ms(vertical[Math.floor(vertical.length / 2)]!)}, p95 ${ms(vertical[Math.floor(vertical.length * 0.95)]!)}`,
    );
    await page.click('[data-testid="more-lanes"]');

    // One zoom step = keypress to the next painted frame. (Keys go to the page, as a person's
    // do: a keydown dispatched on window has no element target, and the shortcuts ignore it.)
    const zoomTimes: number[] = [];
    for (const key of ['+', '+', '+', '+', '+', '-', '-', '-', '-', '-']) {
      const start = performance.now();
      await page.keyboard.press(key);
      await frame();
      zoomTimes.push(performance.now() - start);
    }
    zoomTimes.sort((a, b) => a - b);
    console.log(
      `zoom step (keypress to painted frame), median ${ms(zoomTimes[5]!)}, worst ${ms(zoomTimes.at(-1)!)}`,
    );

    // The page scrolled down through the stream list (100 rows), 40 px a frame.
    await page.evaluate(() => window.scrollTo(0, 0));
    const listFrames = await scrollFrames(page, 'scrollTop', 110, null);
    listFrames.sort((a, b) => a - b);
    console.log(
      `scrolling the page through the stream list: ${listFrames.length} frames, median ${ms(listFrames[Math.floor(listFrames.length / 2)]!)}, p95 ${ms(listFrames[Math.floor(listFrames.length * 0.95)]!)}`,
    );

    // Sideways scrolling at one day per screen: frame-to-frame times over 120 frames.
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    const frames = await scrollFrames(page, 'scrollLeft', 120);
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
