// Stream inference over a month of heavy use: 5,000 sessions (a quarter of them subagents) in
// 15 projects and 5 worktrees, with 20,000 focus events, in a real SQLite file. Times directory
// inference (first run, and again over unchanged data), the prompts of an LLM dry run, and an
// LLM run against a local stand-in for the Messages API (what tt itself costs per window, without
// the model's own time).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TtService } from '../../src/main/service';
import { FakeAnthropic, streamsReply } from '../../tests/helpers/fake-anthropic';
import { linearCongruential as random } from './random';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const END = Date.UTC(2026, 2, 31);
const START = END - 30 * DAY;
const SESSIONS = 5_000;

function seedMonth(service: TtService): void {
  const next = random(7);
  const insertSession = service.db.prepare(
    `INSERT INTO sessions (session_id, parent_session_id, project_path, project_name, start_time, end_time,
       message_count, summary, first_prompt, is_subagent, indexed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const insertEvent = service.db.prepare(
    `INSERT INTO events (id, ts, type, cwd, identity_source, imported_at) VALUES (?, ?, 'pane-focus', ?, 'path', 0)`,
  );
  service.db.transaction(() => {
    for (let i = 0; i < SESSIONS; i++) {
      const p = Math.floor(next() * 20);
      const path =
        p < 15 ? `/bench/code/proj${p}` : `/bench/code/proj${p - 15}-worktrees/proj${p - 15}-wt${p}`;
      const start = START + Math.floor(next() * (END - START - 60 * MIN));
      const parent = i % 4 === 3 ? `s${i - 1}` : null;
      insertSession.run(
        `s${i}`,
        parent,
        path,
        `proj${p}`,
        start,
        start + Math.floor(next() * 60) * MIN,
        20,
        `Work on feature ${i % 50} of proj${p}`,
        `please look at issue ${i} in the billing module`,
        parent ? 1 : 0,
      );
      for (let k = 0; k < 4; k++) insertEvent.run(`e${i}-${k}`, start + k * MIN, path);
    }
  })();
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - started) / 1e6];
}

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tt-bench-streams-'));
  const fake = await new FakeAnthropic().start();
  // A model that answers at once: one stream per project.
  fake.fallback = (request) => {
    const groups = new Map<string, string[]>();
    for (const line of request.prompt.split('\n- id: ').slice(1)) {
      const [id, project] = [line.split('\n')[0]!, /project: (\S+)/.exec(line)?.[1] ?? '?'];
      groups.set(project, [...(groups.get(project) ?? []), id]);
    }
    return streamsReply(
      [...groups].map(([project, ids]) => ({
        id: project,
        name: `${project} work`,
        session_ids: ids,
        confidence: 0.8,
      })),
    );
  };
  try {
    const service = TtService.open({
      dataDir,
      env: { HOME: dataDir, ANTHROPIC_API_KEY: 'bench', ANTHROPIC_BASE_URL: fake.baseURL },
    });
    seedMonth(service);
    const range = { start: START, end: END };
    const rss = () => `${(process.memoryUsage().rss / 1e6).toFixed(0)} MB rss`;
    const [first, firstMs] = await timed(() => service.inferStreams({ mode: 'directory', ...range }));
    console.log(
      `${'directory inference, first run'.padEnd(34)} ${firstMs.toFixed(0).padStart(6)} ms  ` +
        `(${first.streamsCreated} streams, ${first.sessionsAssigned} sessions, ${first.eventsAssigned} events; ${rss()})`,
    );
    const [, againMs] = await timed(() => service.inferStreams({ mode: 'directory', ...range }));
    console.log(`${'directory inference, unchanged data'.padEnd(34)} ${againMs.toFixed(0).padStart(6)} ms`);
    const [dry, dryMs] = await timed(() => service.inferStreams({ mode: 'llm', ...range, dryRun: true }));
    const chars = dry.windows.map((w) => w.promptChars ?? 0);
    const tokens = dry.windows.map((w) => w.estimatedTokens ?? 0);
    console.log(
      `${`LLM dry run (${dry.windows.length} windows)`.padEnd(34)} ${dryMs.toFixed(0).padStart(6)} ms  ` +
        `prompt per window: mean ${Math.round(chars.reduce((a, b) => a + b, 0) / chars.length)} chars, ` +
        `max ${Math.max(...chars)} chars (~${Math.max(...tokens)} tokens)`,
    );
    const [llm, llmMs] = await timed(() => service.inferStreams({ mode: 'llm', ...range }));
    const failed = llm.windows.filter((w) => !w.ok).length;
    console.log(
      `${'LLM run against a local stand-in'.padEnd(34)} ${llmMs.toFixed(0).padStart(6)} ms  ` +
        `(${fake.requests.length} requests, ${failed} failed; ${(llmMs / llm.windows.length).toFixed(0)} ms per window; ${rss()})`,
    );
    service.close();
  } finally {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
